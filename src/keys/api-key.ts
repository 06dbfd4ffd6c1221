// API keys: "dk_live_" + 256 random bits (base64url). Only a SHA-256 hash is stored; a key of
// that much entropy needs no slow hash, and the hash lookup plus a constant-time compare keeps
// comparison timing independent of the secret.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ALL_SCOPES, type ApiKeyRecord, type KeyWithOrg, type Scope, type Store } from '../store/index.js';
import { BadRequest, NotFound } from '../errors.js';

export const KEY_PREFIX = 'dk_live_';
const KEY_RE = /^dk_live_[A-Za-z0-9_-]{43}$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Parses "30d", "12h", "90s", "15m", "2w" into milliseconds. */
export function parseExpiresIn(s: string): number {
  const m = /^(\d+)\s*(s|m|h|d|w)$/.exec(s.trim());
  if (!m) throw new BadRequest(`"${s}" is not a duration; write it like 90s, 15m, 12h, 30d or 2w.`);
  const mult = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[m[2] as 's'];
  const ms = Number(m[1]) * mult;
  if (ms <= 0) throw new BadRequest('An expiry must be in the future.');
  return ms;
}

export function parseScopes(list: string | string[] | undefined): Scope[] {
  if (list === undefined) return [...ALL_SCOPES];
  const items = (Array.isArray(list) ? list : list.split(',')).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new BadRequest(`Give at least one scope: ${ALL_SCOPES.join(', ')}.`);
  for (const s of items) {
    if (!ALL_SCOPES.includes(s as Scope)) throw new BadRequest(`Unknown scope "${s}"; scopes are ${ALL_SCOPES.join(', ')}.`);
  }
  return [...new Set(items)] as Scope[];
}

/** Write implies read. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes(needed)) return true;
  return needed === 'missions:read' && granted.includes('missions:write');
}

export interface IssuedKey {
  record: ApiKeyRecord;
  key: string;
}

function newRecord(orgId: string, name: string, scopes: Scope[], expiresInMs: number | null): IssuedKey {
  const key = generateKey();
  const createdAt = new Date();
  return {
    key,
    record: {
      id: randomUUID(),
      orgId,
      name,
      hash: hashKey(key),
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      scopes,
      expiresAt: expiresInMs === null ? null : new Date(createdAt.getTime() + expiresInMs).toISOString(),
      revokedAt: null,
      createdAt: createdAt.toISOString(),
    },
  };
}

export async function createKey(store: Store, orgId: string, name: string, scopes: Scope[], expiresInMs: number | null): Promise<IssuedKey> {
  const issued = newRecord(orgId, name, scopes, expiresInMs);
  await store.insertKey(issued.record);
  return issued;
}

/** Revokes the old key at once and issues a new one with the same name, scopes and lifetime. */
export async function rotateKey(store: Store, keyId: string, expiresInMs?: number | null): Promise<IssuedKey> {
  const old = await store.getKey(keyId);
  if (!old || old.revokedAt) throw new NotFound(`No active key with id ${keyId}.`);
  const lifetime =
    expiresInMs !== undefined ? expiresInMs : old.expiresAt ? Date.parse(old.expiresAt) - Date.parse(old.createdAt) : null;
  const issued = newRecord(old.orgId, old.name, old.scopes, lifetime);
  if (!(await store.rotateKey(old.id, issued.record, new Date().toISOString()))) throw new NotFound(`No active key with id ${keyId}.`);
  return issued;
}

/**
 * The key record and its org for a presented key (one store round trip), or null when the key
 * is unknown, revoked or expired (all alike).
 */
export async function authenticate(store: Store, presented: string): Promise<KeyWithOrg | null> {
  if (!KEY_RE.test(presented)) return null;
  const hash = hashKey(presented);
  const found = await store.findKeyWithOrg(hash);
  if (!found) return null;
  const rec = found.key;
  if (!timingSafeEqual(Buffer.from(rec.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  if (rec.revokedAt) return null;
  if (rec.expiresAt && Date.parse(rec.expiresAt) <= Date.now()) return null;
  return found;
}
