#!/usr/bin/env node
// The operator's CLI. `npm install` builds dist/ (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('docket: dist/ is missing; run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
await import(entry.href);
