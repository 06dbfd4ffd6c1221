// Per-org signing secrets: created lazily (or with the org), shown and rotated by the operator.
// After a rotation the old secret keeps signing beside the new one for an overlap window, so
// receivers can switch over without dropping a delivery.
import type { Store, WebhookSecret } from '../store/index.js';
import { newWebhookSecret } from './sign.js';

/** The org's current secret, created on first use. */
export async function currentSecret(store: Store, orgId: string): Promise<WebhookSecret> {
  return store.ensureWebhookSecret(newWebhookSecret(orgId));
}

/** The secrets to sign with now: the current one first, then rotated-out ones still in their window. */
export async function signingSecrets(store: Store, orgId: string, now = new Date()): Promise<WebhookSecret[]> {
  const list = await store.listWebhookSecrets(orgId, now.toISOString());
  if (list.some((s) => s.retiredAt === null)) return list;
  await currentSecret(store, orgId);
  return store.listWebhookSecrets(orgId, now.toISOString());
}

/** Makes a new current secret; the old one signs too until `overlapMs` from now. */
export async function rotateSecret(store: Store, orgId: string, overlapMs: number, now = new Date()): Promise<WebhookSecret[]> {
  await currentSecret(store, orgId);
  await store.rotateWebhookSecret(newWebhookSecret(orgId, now), new Date(now.getTime() + overlapMs).toISOString());
  return store.listWebhookSecrets(orgId, now.toISOString());
}
