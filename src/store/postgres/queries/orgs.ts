// Orgs: every query the PostgreSQL store runs about organisations.
import type { Org } from '../../index.js';
import type { Db } from '../db.js';
import { toOrg } from '../rows.js';

export async function insertOrg(db: Db, o: Org): Promise<void> {
  await db.query(
    'INSERT INTO orgs (id, name, dedupe_external_ref, read_limit, write_limit, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [o.id, o.name, o.dedupeExternalRef, o.readLimit, o.writeLimit, o.createdAt],
  );
}

/** By id first, then by name (an org may be named like another's id; the id wins). */
export async function selectOrgByIdOrName(db: Db, idOrName: string): Promise<Org | null> {
  const { rows } = await db.query('SELECT * FROM orgs WHERE id = $1 OR name = $1 ORDER BY (id = $1) DESC LIMIT 1', [idOrName]);
  return rows[0] ? toOrg(rows[0]) : null;
}

export async function selectOrgs(db: Db): Promise<Org[]> {
  const { rows } = await db.query('SELECT * FROM orgs ORDER BY created_at, name COLLATE "C"');
  return rows.map(toOrg);
}

export async function updateOrgRow(db: Db, o: Org): Promise<void> {
  await db.query('UPDATE orgs SET name = $2, dedupe_external_ref = $3, read_limit = $4, write_limit = $5 WHERE id = $1', [
    o.id, o.name, o.dedupeExternalRef, o.readLimit, o.writeLimit,
  ]);
}
