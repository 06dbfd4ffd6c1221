#!/usr/bin/env node
// Runs the test suite with node's own test runner (TypeScript through tsx), once per configuration:
//   1. everything on the embedded store (SQLite, in-process limits);
//   2. the integration tests again on PostgreSQL + pg-boss + Redis (DOCKET_TEST_BACKEND=postgres),
//      plus the scale-out tests, when DOCKET_TEST_DATABASE_URL and DOCKET_TEST_REDIS_URL are set.
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
const all = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.startsWith(x.replace(/^\.\//, ''))))
  .sort();
if (all.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
/** Tests that run the server (and so depend on the store, queue and limiter configuration). */
const INTEGRATION = ['test/http/', 'test/cli/', 'test/client/', 'test/webhooks/'];
const SCALE = 'test/scale/';

function run(label, files, env) {
  if (files.length === 0) return 0;
  console.log(`\n# ${label}: ${files.length} test files`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${process.env.DOCKET_TEST_CONCURRENCY ?? '2'}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

const embedded = run('embedded (SQLite)', all.filter((f) => !f.startsWith(SCALE)), { DOCKET_TEST_BACKEND: 'sqlite' });

const missing = ['DOCKET_TEST_DATABASE_URL', 'DOCKET_TEST_REDIS_URL'].filter((v) => !process.env[v]);
let scaled = 0;
if (missing.length > 0) {
  const line = `PostgreSQL/Redis tests skipped: set ${missing.join(' and ')} (a PostgreSQL database URL and a Redis URL; .ci/run starts both)`;
  if (process.env.CI === 'true') {
    console.error(`CI=true: ${line.replace(' skipped', ' cannot be skipped in CI')}`);
    process.exit(1);
  }
  console.log(line);
} else {
  const files = all.filter((f) => f.startsWith(SCALE) || INTEGRATION.some((d) => f.startsWith(d)));
  scaled = run('scale-out (PostgreSQL + pg-boss + Redis)', files, { DOCKET_TEST_BACKEND: 'postgres' });
}
process.exit(embedded || scaled);
