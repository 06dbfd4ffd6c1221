// One HTTP POST of a callback, through the address guard: the connection goes to the address
// that was checked, redirects are never followed, and the whole attempt has one deadline.
import http from 'node:http';
import https from 'node:https';
import { RefusedCallback, pinnedLookup, vetAddresses, type LookupAll } from './address-guard.js';

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll;
}

export interface SendResult {
  /** The HTTP status, or null when none arrived. */
  status: number | null;
  /** Why the attempt did not succeed, in words for the operator and the mission's owner. */
  error: string | null;
  /** The address guard refused the destination: retrying cannot help. */
  refused: boolean;
}

export async function postCallback(rawUrl: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<SendResult> {
  const fail = (error: string, refused = false): SendResult => ({ status: null, error, refused });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return fail('the callbackUrl is not a valid URL', true);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    return fail('the callbackUrl must be an http(s) URL without credentials', true);
  }

  const controller = new AbortController();
  // One deadline for the whole attempt (DNS, connect, status); unref'd so it never holds the
  // process open. A receiver that sends its status and then stalls the body is cut off by it too.
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs).unref();
  const timedOut = () => fail(`no response within ${formatMs(opts.timeoutMs)}`);
  let addrs;
  try {
    addrs = await raceAbort(vetAddresses(url, opts), controller.signal);
  } catch (e) {
    if (controller.signal.aborted) return timedOut();
    if (e instanceof RefusedCallback) return fail(e.message, true);
    const code = (e as { code?: string }).code;
    return fail(`could not resolve ${url.hostname}${code ? ` (${code})` : ''}`);
  }
  const client = url.protocol === 'https:' ? https : http;
  return await new Promise<SendResult>((resolve) => {
    const req = client.request(url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(addrs) as any,
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Docket-Webhooks/1',
        ...headers,
      },
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // Drain (bounded by the same deadline) so the socket closes cleanly; the status is what counts.
      res.resume();
      res.on('end', () => clearTimeout(timer));
      res.on('error', () => {});
      if (status >= 200 && status < 300) resolve({ status, error: null, refused: false });
      else if (status >= 300 && status < 400) {
        const to = res.headers.location ? ` to ${res.headers.location.slice(0, 300)}` : '';
        resolve({ status, error: `the receiver answered ${status} (a redirect${to}); redirects are not followed`, refused: false });
      } else resolve({ status, error: `the receiver answered ${status}`, refused: false });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (controller.signal.aborted) return resolve(timedOut());
      resolve(fail(`could not connect: ${e.code ?? e.message}`));
    });
    req.end(body);
  });
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    p.then(resolve, reject);
  });
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
