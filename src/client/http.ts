// One HTTP path for every call: auth header, per-attempt timeout, and the retry policy of the
// API's error guide. 429 waits Retry-After (doubling while it keeps happening); 500/502/503/504
// and network failures back off exponentially with jitter; every other 4xx fails at once.
import { apiError, ConnectionError, DocketError, type ApiError } from './errors.js';

export const RETRY_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export interface TransportOptions {
  /** The API base, e.g. http://localhost:8080/api/external/v1 (no trailing slash). */
  apiBase: string;
  apiKey: string;
  maxRetries: number;
  timeoutMs: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  fetch: typeof fetch;
  logger?: (line: string) => void;
}

export type Expect = 'json' | 'bytes' | 'stream';

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path under the API base, starting with "/". */
  path: string;
  query?: Record<string, string | number | undefined | null>;
  /** JSON body; serialised once, so every retry sends the same bytes. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  expect?: Expect;
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  data: T;
}

export class Transport {
  constructor(readonly opts: TransportOptions) {}

  /** The response of a 2xx, read as asked; a typed error otherwise, after the retries the policy allows. */
  async request<T>(spec: RequestSpec & { expect?: 'json' }): Promise<Reply<T>>;
  async request(spec: RequestSpec & { expect: 'bytes' }): Promise<Reply<Uint8Array>>;
  async request(spec: RequestSpec & { expect: 'stream' }): Promise<Reply<Response>>;
  async request(spec: RequestSpec): Promise<Reply<unknown>> {
    const { maxRetries } = this.opts;
    const url = this.url(spec);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers: Record<string, string> = {
      accept: spec.expect === 'stream' ? 'text/event-stream' : spec.expect === 'bytes' ? '*/*' : 'application/json',
      ...spec.headers,
      authorization: `Bearer ${this.opts.apiKey}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let rateLimited = 0;
    let failed = 0;
    for (let attempt = 0; ; attempt++) {
      const left = maxRetries - attempt;
      let outcome: Reply<unknown> | ApiError | ConnectionError;
      try {
        outcome = await this.once(url, spec, headers, body);
      } catch (e) {
        if (spec.signal?.aborted) throw spec.signal.reason ?? e;
        throw e;
      }
      if (!(outcome instanceof Error)) return outcome;
      if (left <= 0) throw outcome;
      let delay: number;
      if (outcome instanceof ConnectionError) {
        delay = this.backoff(failed++);
      } else if (outcome.status === 429) {
        const ra = (outcome as ApiError & { retryAfter: number | null }).retryAfter ?? 60;
        delay = ra * 1000 * 2 ** rateLimited++;
      } else if (RETRY_STATUSES.has(outcome.status)) {
        delay = this.backoff(failed++);
      } else {
        throw outcome;
      }
      const why = outcome instanceof ConnectionError ? outcome.reason : `HTTP ${outcome.status}`;
      this.log(`${spec.method} ${spec.path}: ${why}; retry ${attempt + 1} of ${maxRetries} in ${Math.round(delay)} ms`);
      await sleep(delay, spec.signal);
    }
  }

  /** One attempt: the reply, or the error it came to (thrown only when the caller aborted). */
  private async once(url: string, spec: RequestSpec, headers: Record<string, string>, body: string | undefined): Promise<Reply<unknown> | ApiError | ConnectionError> {
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new DocketError('timeout'));
    }, this.opts.timeoutMs);
    const onAbort = () => ctl.abort(spec.signal!.reason);
    if (spec.signal?.aborted) onAbort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    };
    try {
      const res = await this.opts.fetch(url, { method: spec.method, headers, body, signal: ctl.signal });
      if (res.status >= 200 && res.status < 300) {
        if (spec.expect === 'stream') {
          // The stream outlives this call: the timeout covered the headers only; the caller's signal still stops it.
          clearTimeout(timer);
          return { status: res.status, headers: res.headers, data: res };
        }
        const data = spec.expect === 'bytes' ? new Uint8Array(await res.arrayBuffer()) : await readJson(res);
        done();
        return { status: res.status, headers: res.headers, data };
      }
      const text = await res.text().catch(() => '');
      done();
      return apiError(res.status, {
        status: res.status,
        error: this.redact(errorSentence(text, res.status)),
        method: spec.method,
        path: spec.path,
        requestId: res.headers.get('x-request-id'),
        headers: res.headers,
      }, retryAfterSeconds(res.headers.get('retry-after')));
    } catch (e) {
      done();
      if (spec.signal?.aborted) throw spec.signal.reason ?? e;
      if (e instanceof DocketError && !timedOut) throw e;
      const what = timedOut ? `no answer within ${this.opts.timeoutMs} ms` : this.redact(networkReason(e));
      return new ConnectionError(`Could not reach the Docket server at ${origin(this.opts.apiBase)} (${spec.method} ${spec.path}): ${what}.`, {
        method: spec.method, path: spec.path, reason: what, timedOut,
      });
    }
  }

  url(spec: Pick<RequestSpec, 'path' | 'query'>): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && v !== null) qs.set(k, String(v));
    const q = qs.toString();
    return this.opts.apiBase + spec.path + (q ? `?${q}` : '');
  }

  /** Exponential with "equal jitter": half the step fixed, half random, capped. */
  backoff(n: number): number {
    const step = Math.min(this.opts.maxRetryDelayMs, this.opts.retryBaseDelayMs * 2 ** n);
    return step / 2 + Math.random() * (step / 2);
  }

  log(line: string): void {
    this.opts.logger?.(`docket: ${this.redact(line)}`);
  }

  /** Belt and braces: nothing this client says may carry the key. */
  redact(s: string): string {
    const k = this.opts.apiKey;
    return k ? s.split(k).join('dk_live_…') : s;
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new DocketError(`The server answered ${res.status} with a body that is not JSON; is the base URL a Docket server?`);
  }
}

function errorSentence(text: string, status: number): string {
  try {
    const j = JSON.parse(text) as { error?: unknown };
    if (j && typeof j.error === 'string') return j.error;
  } catch { /* not JSON: a proxy or another server answered */ }
  return `The server answered HTTP ${status} without a Docket error body${text ? `: ${text.slice(0, 200)}` : ''}`;
}

/** Retry-After as seconds: an integer, or an HTTP date. */
export function retryAfterSeconds(v: string | null): number | null {
  if (v == null || v.trim() === '') return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, Math.ceil((t - Date.now()) / 1000));
}

function networkReason(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

function origin(apiBase: string): string {
  try {
    return new URL(apiBase).origin;
  } catch {
    return apiBase;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
