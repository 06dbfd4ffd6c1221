// Verifying a Docket callback the Standard Webhooks way, with WebCrypto only (browsers, edge
// runtimes, Node): HMAC-SHA256 over "webhook-id.webhook-timestamp.body", keyed with the
// base64 secret after "whsec_", compared in constant time against each "v1,<base64>" signature.
import { base64ToBytes, bytesToBase64, utf8 } from './base64.js';
import { WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './types.js';

export type HeadersLike = Headers | Record<string, string | string[] | undefined | null>;

export interface VerifyWebhookOptions {
  /** How far the webhook-timestamp may be from now, either way (default 300 s). */
  toleranceSeconds?: number;
  /** "Now" in Unix seconds (for tests and replays of stored deliveries). */
  nowSeconds?: number;
}

function header(h: HeadersLike, name: string): string | null {
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name);
  const rec = h as Record<string, string | string[] | undefined | null>;
  const k = Object.keys(rec).find((x) => x.toLowerCase() === name);
  const v = k === undefined ? undefined : rec[k];
  return v == null ? null : Array.isArray(v) ? v.join(' ') : v;
}

function secretBytes(secret: string): Uint8Array {
  const b64 = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  try {
    const key = base64ToBytes(b64);
    if (key.length > 0) return key;
  } catch { /* fall through */ }
  throw new WebhookVerificationError('The webhook secret is not a whsec_<base64> secret; copy it again from `npx docket webhooks secret`.');
}

/** Constant time for equal lengths: every byte is looked at whatever the first difference. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new WebhookVerificationError('This runtime has no WebCrypto (crypto.subtle) to verify webhooks with.');
  const k = await subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, new Uint8Array(data)));
}

/** The v1 signature of a delivery, as the server computes it (exported for receivers' own tests). */
export async function signWebhook(id: string, timestamp: number | string, body: string | Uint8Array, secret: string): Promise<string> {
  const raw = typeof body === 'string' ? utf8(body) : body;
  return `v1,${bytesToBase64(await hmac(secretBytes(secret), concat(utf8(`${id}.${timestamp}.`), raw)))}`;
}

/**
 * Checks a delivery and returns its parsed body. Pass the body exactly as received (before
 * any JSON parsing), the request's headers, and the org's secret (or several, during a
 * rotation). Throws WebhookVerificationError when anything is off.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: HeadersLike,
  secret: string | readonly string[],
  opts: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const ts = header(headers, 'webhook-timestamp');
  const sigs = header(headers, 'webhook-signature');
  if (!id || !ts || !sigs) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header.');
  if (!/^\d{1,15}$/.test(ts.trim())) throw new WebhookVerificationError('The webhook-timestamp header is not a Unix time in seconds.');
  const tolerance = opts.toleranceSeconds ?? 300;
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const t = Number(ts.trim());
  if (now - t > tolerance) throw new WebhookVerificationError(`The webhook timestamp is more than ${tolerance} seconds old; refusing a possible replay.`);
  if (t - now > tolerance) throw new WebhookVerificationError(`The webhook timestamp is more than ${tolerance} seconds in the future; check the clocks.`);

  const body = typeof rawBody === 'string' ? utf8(rawBody) : rawBody instanceof Uint8Array ? rawBody : new Uint8Array(rawBody);
  const signed = concat(utf8(`${id}.${ts.trim()}.`), body);
  const given: Uint8Array[] = [];
  for (const part of sigs.split(' ')) {
    const comma = part.indexOf(',');
    if (comma === -1 || part.slice(0, comma) !== 'v1') continue;
    try {
      given.push(base64ToBytes(part.slice(comma + 1)));
    } catch { /* a malformed signature matches nothing */ }
  }
  if (given.length === 0) throw new WebhookVerificationError('The webhook-signature header has no v1 signature.');
  let ok = false;
  for (const s of typeof secret === 'string' ? [secret] : secret) {
    const expected = await hmac(secretBytes(s), signed);
    for (const g of given) if (timingSafeEqual(expected, g)) ok = true;
  }
  if (!ok) throw new WebhookVerificationError('No webhook signature matches; check the secret, and pass the raw body exactly as received.');
  try {
    return JSON.parse(new TextDecoder().decode(body)) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('The webhook body is signed correctly but is not JSON.');
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
