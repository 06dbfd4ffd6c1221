#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's own test runner (TypeScript through tsx).
// Extra arguments narrow the run: `npm test -- test/http` or a file path.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const filters = process.argv.slice(2);
const files = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.startsWith(x.replace(/^\.\//, ''))))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The PostgreSQL + Redis configuration runs only where those services are given; say so once.
const missing = ['DOCKET_TEST_DATABASE_URL', 'DOCKET_TEST_REDIS_URL'].filter((v) => !process.env[v]);
if (missing.length > 0) {
  const line = `PostgreSQL/Redis tests skipped: set ${missing.join(' and ')} (a PostgreSQL database URL and a Redis URL; .ci/run starts both)`;
  if (process.env.CI === 'true') {
    console.error(`CI=true: ${line.replace(' skipped', ' cannot be skipped in CI')}`);
    process.exit(1);
  }
  console.log(line);
}
const concurrency = process.env.DOCKET_TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
