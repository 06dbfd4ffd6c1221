// Standard Webhooks signatures (https://www.standardwebhooks.com): the receiver recomputes
// HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with the secret's bytes.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { WebhookSecret } from '../store/index.js';

const PREFIX = 'whsec_';

/** A new secret: whsec_ + base64 of 32 random bytes (the format the spec's libraries read). */
export function newSecretValue(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

export function newWebhookSecret(orgId: string, at = new Date()): WebhookSecret {
  return { id: randomUUID(), orgId, secret: newSecretValue(), createdAt: at.toISOString(), retiredAt: null, expiresAt: null };
}

/** The key bytes of a `whsec_<base64>` secret. */
export function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

/** `v1,<base64 signature>` of one secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

// A type alias (not an interface) so it is assignable to Record<string, string>.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** The three headers of a delivery, signed with every given secret (space-separated, newest first). */
export function signedHeaders(secrets: string[], id: string, timestamp: number, body: string): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}

/**
 * Receiver-side check (also what docs/webhooks.md shows): true when any v1 signature in the
 * header matches and the timestamp is within `toleranceS` of now.
 */
export function verify(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  opts: { toleranceS?: number; nowS?: number } = {},
): boolean {
  const ts = Number(headers['webhook-timestamp']);
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (opts.toleranceS ?? 300)) return false;
  const expected = Buffer.from(signature(secret, headers['webhook-id'], ts, body));
  return headers['webhook-signature'].split(' ').some((s) => {
    const got = Buffer.from(s);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
