// A real HTTP receiver on 127.0.0.1 for callback tests: records every request and answers
// with whatever the test scripts, request by request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** Per request: a status to answer, 'hang' to never answer, or a function for full control. */
export type Answer = number | 'hang' | ((req: IncomingMessage, res: ServerResponse, body: string) => void);

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; after they run out, `fallback`. */
  script(...answers: Answer[]): void;
  fallback: Answer;
  /** Resolves when `n` requests have arrived (rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  const queue: Answer[] = [];
  const hanging = new Set<ServerResponse>();
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const answer = queue.length ? queue.shift()! : r.fallback;
      if (answer === 'hang') hanging.add(res);
      else if (typeof answer === 'function') answer(req, res, body);
      else res.writeHead(answer, { 'content-type': 'text/plain' }).end(String(answer));
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const r: Receiver = {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    fallback: 200,
    script: (...a) => void queue.push(...a),
    async waitFor(n, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`receiver got ${received.length} requests, expected ${n}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received.slice(0, n);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return r;
}
