// Position packages (playbooks) of an org.
import type { PackageRecord } from '../../index.js';
import type { Db } from '../db.js';
import { toPackage } from '../rows.js';

/** Insert, or replace the package with the same slug in the org (keeping its id). */
export async function upsertPackageRow(db: Db, p: PackageRecord): Promise<PackageRecord> {
  const { rows } = await db.query(
    `INSERT INTO position_packages (id, org_id, slug, name, description, agreement_types, representing, version,
       positions_count, built_in, body, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (org_id, slug) DO UPDATE SET name = excluded.name, description = excluded.description,
       agreement_types = excluded.agreement_types, representing = excluded.representing, version = excluded.version,
       positions_count = excluded.positions_count, built_in = excluded.built_in, body = excluded.body,
       updated_at = excluded.updated_at
     RETURNING *`,
    [p.id, p.orgId, p.slug, p.name, p.description, JSON.stringify(p.agreementTypes), p.representing, p.version,
      p.positionsCount, p.builtIn, JSON.stringify(p.body), p.createdAt, p.updatedAt],
  );
  return toPackage(rows[0]);
}

export async function selectPackages(db: Db, orgId: string): Promise<PackageRecord[]> {
  const { rows } = await db.query('SELECT * FROM position_packages WHERE org_id = $1 ORDER BY built_in DESC, name COLLATE "C"', [orgId]);
  return rows.map(toPackage);
}

export async function selectPackage(db: Db, orgId: string, idOrSlug: string): Promise<PackageRecord | null> {
  const { rows } = await db.query(
    'SELECT * FROM position_packages WHERE org_id = $1 AND (id = $2 OR slug = $2) ORDER BY (id = $2) DESC LIMIT 1',
    [orgId, idOrSlug],
  );
  return rows[0] ? toPackage(rows[0]) : null;
}
