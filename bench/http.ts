// Issue 2's speed bars, measured in one run on this machine:
//  1. requests/second of Docket's GET /missions/{id} (auth, rate limit, store read) against a bare
//     Fastify hello-world, as a ratio (servers in a child process, load from this one);
//  2. time and peak memory of a POST /missions carrying a 40 MB document.
// Usage: node --import tsx bench/http.ts [--seconds 5] [--rounds 3]
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from './lib/load.js';
import { corpusDir } from './lib/payload.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const seconds = arg('seconds', 5);
const rounds = arg('rounds', 3);
const target = fileURLToPath(new URL('./http-target.ts', import.meta.url));

async function start(kind: string): Promise<{ proc: ChildProcess; info: any }> {
  const proc = fork(target, [kind], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<any>((resolve) => proc.once('message', resolve));
  return { proc, info };
}

function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

console.log(`GET throughput: ${rounds} rounds of ${seconds}s each, 32 keep-alive connections, alternating servers`);
const bare: number[] = [];
const docket: number[] = [];
const b = await start('bare');
const d = await start('docket-noworkers');
const headers = { authorization: `Bearer ${d.info.key}` };
await load(b.info.url, { ms: 1000, connections: 32 });
await load(d.info.url, { ms: 1000, connections: 32, headers });
for (let i = 0; i < rounds; i++) {
  bare.push((await load(b.info.url, { ms: seconds * 1000, connections: 32 })).rps);
  const r = await load(d.info.url, { ms: seconds * 1000, connections: 32, headers });
  if (r.errors) throw new Error(`${r.errors} failed requests against Docket`);
  docket.push(r.rps);
}
b.proc.kill();
const ratio = median(docket) / median(bare);
console.log(`  bare Fastify hello-world      ${median(bare).toFixed(0)} req/s`);
console.log(`  Docket GET /missions/{id}     ${median(docket).toFixed(0)} req/s`);
console.log(`  ratio Docket / bare           ${ratio.toFixed(2)}  (aim: 0.5 or better)`);

// 40 MB document: a real PDF padded with a comment block after %%EOF (readers ignore trailing bytes).
const pdf = readFileSync(`${corpusDir}/cuad-dev/pdf/cuad-001.pdf`);
const doc = Buffer.concat([pdf, Buffer.from('\n%'), Buffer.alloc(40 * 1024 * 1024 - pdf.length - 2, 0x20)]);
const body = JSON.stringify({ teamId: d.info.teamId, missionType: 'analysis', document: { base64: doc.toString('base64'), filename: 'big.pdf' } });
const idle = rss(d.proc.pid!);
const t0 = performance.now();
const res = await fetch(`${d.info.base}/api/external/v1/missions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
const ms = performance.now() - t0;
await res.text();
const peak = peakRss(d.proc.pid!);
d.proc.kill();
console.log(`POST /missions with a 40 MB document (${MB(body.length)} request body):`);
console.log(`  status ${res.status}, ${ms.toFixed(0)} ms (aim: under 2000 ms)`);
console.log(`  server RSS idle ${MB(idle)}, peak ${MB(peak)}; peak growth ${MB(peak - idle)} = ${((peak - idle) / body.length).toFixed(2)}x the request (aim: under 4x)`);
