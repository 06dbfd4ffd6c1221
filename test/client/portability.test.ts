// The SDK must run in browsers and edge runtimes: nothing from node:, no Buffer, no bare process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../src/client/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

test('src/client imports nothing from node: or any package, and uses no Buffer or unguarded process', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const code = readFileSync(dir + f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of code.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/g)) {
      const [, , typeOnly, spec] = m;
      if (spec.startsWith('./')) continue;
      // Types may come from the server's schemas; nothing else, and nothing at run time.
      assert.ok(typeOnly && (spec.startsWith('../http/') || spec === '@sinclair/typebox'), `${f} imports ${spec}`);
    }
    assert.doesNotMatch(code, /\bBuffer\b/, `${f} uses Buffer`);
    assert.doesNotMatch(code, /(?<!globalThis as Env\)\.)\bprocess\./, `${f} uses process without globalThis`);
  }
});

test('src/client type-checks against DOM globals alone (no @types/node)', () => {
  const r = spawnSync(process.execPath, [root + 'node_modules/typescript/bin/tsc', '-p', fileURLToPath(new URL('./tsconfig.dom.json', import.meta.url))], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
