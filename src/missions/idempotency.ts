// Idempotency-Key on POST /missions: the request runs at most once per key and org for 24 hours.
// A repeat with the same body gets the first response again; with another body, 422; while the
// first still runs, 409. Only a created mission (202) is remembered: an error created nothing,
// so the key is released and the same key may be sent again (the SDK's retries of a 500 rely on it).
import { createHash, randomUUID } from 'node:crypto';
import { BadRequest, Conflict, Unprocessable } from '../errors.js';
import type { MissionRecord, Org, Store } from '../store/index.js';
import { createMission, type CallbackCheck, type CreateMissionInput } from './create.js';
import { missionUrl, missionView } from './view.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim older than this is taken to belong to a request that died; creating a mission takes seconds. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

/** The header's value, or undefined without one; 400 unless 1–255 printable ASCII characters. */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!/^[\x20-\x7e]{1,255}$/.test(v)) {
    throw new BadRequest('The Idempotency-Key header must be 1 to 255 printable ASCII characters; a UUID is a good choice.');
  }
  return v;
}

/** SHA-256 of the request as JSON with object keys sorted, so key order and spacing do not matter. */
export function requestHash(method: string, path: string, body: unknown): string {
  const h = createHash('sha256').update(`${method} ${path}\n`);
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) {
      // document.base64 kept as the body's raw ASCII bytes: hashes exactly like the JSON string would.
      h.update('"');
      h.update(v);
      h.update('"');
    } else if (Array.isArray(v)) {
      h.update('[');
      v.forEach((x, i) => { if (i) h.update(','); walk(x); });
      h.update(']');
    } else if (v !== null && typeof v === 'object') {
      h.update('{');
      Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().forEach((k, i) => {
        if (i) h.update(',');
        h.update(JSON.stringify(k) + ':');
        walk((v as Record<string, unknown>)[k]);
      });
      h.update('}');
    } else h.update(JSON.stringify(v) ?? 'null');
  };
  walk(body);
  return h.digest('hex');
}

export interface StoredResponse {
  status: number;
  /** The JSON text, sent byte for byte on every replay. */
  body: string;
  replayed: boolean;
}

export function createdResponse(m: MissionRecord): { status: number; body: string } {
  return { status: 202, body: JSON.stringify({ success: true, mission: missionView(m), jobId: m.jobId, pollUrl: missionUrl(m.id) }) };
}

let nextPurge = 0;

export async function createMissionIdempotently(
  store: Store, org: Org, input: CreateMissionInput, key: string, checkCallback?: CallbackCheck,
): Promise<StoredResponse> {
  if (Date.now() >= nextPurge) {
    nextPurge = Date.now() + PURGE_EVERY_MS;
    await store.purgeIdempotencyKeys(Date.now());
  }
  const token = randomUUID();
  const begun = await store.beginIdempotentRequest({
    orgId: org.id, key, token, requestHash: requestHash('POST', '/missions', input), leaseMs: IDEMPOTENCY_LEASE_MS, ttlMs: IDEMPOTENCY_TTL_MS,
  });
  switch (begun.outcome) {
    case 'replay':
      return { status: begun.status, body: begun.body, replayed: true };
    case 'mismatch':
      throw new Unprocessable('This Idempotency-Key was already used for another request with a different body; use a new key for a new request.');
    case 'in-progress':
      throw new Conflict('A request with this Idempotency-Key is still being processed; wait a moment and send it again with the same key to get its result.');
  }
  // createMission's store call is the one that finishes the key, in the mission's own transaction;
  // the response it stores is the one sent now, byte for byte.
  let sent: { status: number; body: string } | undefined;
  const render = (m: MissionRecord) => (sent = createdResponse(m));
  try {
    const m = await createMission(store, org, input, checkCallback, { idempotency: { orgId: org.id, key, token, render } });
    return { ...(sent ?? createdResponse(m)), replayed: false };
  } catch (e) {
    await store.releaseIdempotentRequest(org.id, key, token).catch(() => {});
    throw e;
  }
}
