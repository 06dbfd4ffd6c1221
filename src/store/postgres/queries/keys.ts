// API keys: stored as a hash; revocation is a timestamp.
import type { ApiKeyRecord, KeyWithOrg } from '../../index.js';
import type { Db } from '../db.js';
import { KEY_WITH_ORG_COLUMNS, toKey, toKeyWithOrg } from '../rows.js';

export async function insertKey(db: Db, k: ApiKeyRecord): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (id, org_id, name, hash, prefix, scopes, expires_at, revoked_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [k.id, k.orgId, k.name, k.hash, k.prefix, JSON.stringify(k.scopes), k.expiresAt, k.revokedAt, k.createdAt],
  );
}

export async function selectKeyByHash(db: Db, hash: string): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query('SELECT * FROM api_keys WHERE hash = $1', [hash]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** One round trip per authenticated request: the key and its org together. */
export async function selectKeyWithOrg(db: Db, hash: string): Promise<KeyWithOrg | null> {
  const { rows } = await db.query(`SELECT ${KEY_WITH_ORG_COLUMNS} FROM api_keys k JOIN orgs o ON o.id = k.org_id WHERE k.hash = $1`, [hash]);
  return rows[0] ? toKeyWithOrg(rows[0]) : null;
}

export async function selectKeyById(db: Db, id: string): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
  return rows[0] ? toKey(rows[0]) : null;
}

export async function selectKeys(db: Db, orgId?: string): Promise<ApiKeyRecord[]> {
  const { rows } = orgId
    ? await db.query('SELECT * FROM api_keys WHERE org_id = $1 ORDER BY created_at', [orgId])
    : await db.query('SELECT * FROM api_keys ORDER BY created_at');
  return rows.map(toKey);
}

/** True when the key was active and is now revoked. */
export async function revokeKeyRow(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
  return r.rowCount === 1;
}
