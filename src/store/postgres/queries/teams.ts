// Teams of an org.
import type { Team } from '../../index.js';
import type { Db } from '../db.js';
import { toTeam } from '../rows.js';

export async function insertTeam(db: Db, t: Team): Promise<void> {
  await db.query('INSERT INTO teams (id, org_id, name, mission_types, default_package_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    t.id, t.orgId, t.name, JSON.stringify(t.missionTypes), t.defaultPackageId, t.createdAt,
  ]);
}

export async function selectTeams(db: Db, orgId: string): Promise<Team[]> {
  const { rows } = await db.query('SELECT * FROM teams WHERE org_id = $1 ORDER BY created_at, name COLLATE "C"', [orgId]);
  return rows.map(toTeam);
}

export async function selectTeam(db: Db, orgId: string, idOrName: string): Promise<Team | null> {
  const { rows } = await db.query('SELECT * FROM teams WHERE org_id = $1 AND (id = $2 OR name = $2) ORDER BY (id = $2) DESC LIMIT 1', [orgId, idOrName]);
  return rows[0] ? toTeam(rows[0]) : null;
}

export async function updateTeamRow(db: Db, t: Team): Promise<void> {
  await db.query('UPDATE teams SET name = $2, mission_types = $3, default_package_id = $4 WHERE id = $1', [
    t.id, t.name, JSON.stringify(t.missionTypes), t.defaultPackageId,
  ]);
}
