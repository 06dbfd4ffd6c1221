// Missions: creation (with its document row), reads, and the status/stage transitions.
import type { MissionFilter, MissionRecord, NewMission } from '../../index.js';
import type { Db } from '../db.js';
import { toMission } from '../rows.js';
import { CALLBACK_COLUMNS, CALLBACK_JOIN } from './callbacks.js';

const MISSION_SELECT = `SELECT m.*, d.filename AS doc_filename, d.mime_type AS doc_mime_type, d.size AS doc_size, ${CALLBACK_COLUMNS}
  FROM missions m JOIN documents d ON d.id = m.document_id ${CALLBACK_JOIN}`;

export async function insertMissionRow(db: Db, m: NewMission, at: string): Promise<void> {
  await db.query(
    `INSERT INTO missions (id, org_id, team_id, position_package_id, name, mission_type, status, stage, external_ref,
       dedupe_key, context, callback_url, document_id, job_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', 'incoming', $7, $8, $9, $10, $11, $12, $13, $13)`,
    [m.id, m.orgId, m.teamId, m.positionPackageId, m.name, m.missionType, m.externalRef, m.dedupeKey,
      m.context ? JSON.stringify(m.context) : null, m.callbackUrl, m.document.id, m.jobId, at],
  );
}

export async function selectMission(db: Db, id: string): Promise<MissionRecord | null> {
  const { rows } = await db.query(`${MISSION_SELECT} WHERE m.id = $1`, [id]);
  return rows[0] ? toMission(rows[0]) : null;
}

/** Newest first, filtered; `beforeSeq` is the cursor. */
export async function selectMissions(db: Db, orgId: string | null, f: MissionFilter): Promise<MissionRecord[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (column: string, v: unknown) => {
    args.push(v);
    where.push(`${column} $${args.length}`);
  };
  if (orgId !== null) add('m.org_id =', orgId);
  if (f.externalRef !== undefined) add('m.external_ref =', f.externalRef);
  if (f.status) add('m.status =', f.status);
  if (f.missionType) add('m.mission_type =', f.missionType);
  if (f.teamId) add('m.team_id =', f.teamId);
  if (f.beforeSeq !== undefined) add('m.seq <', f.beforeSeq);
  args.push(f.limit);
  const sql = `${MISSION_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.seq DESC LIMIT $${args.length}`;
  const { rows } = await db.query(sql, args);
  return rows.map(toMission);
}

export async function markActive(db: Db, id: string, stage: string, at: string): Promise<void> {
  await db.query(
    `UPDATE missions SET status = 'active', stage = $2, started_at = COALESCE(started_at, $3), updated_at = $3
     WHERE id = $1 AND status IN ('pending', 'active')`,
    [id, stage, at],
  );
}

export async function updateStage(db: Db, id: string, stage: string, at: string): Promise<void> {
  await db.query(`UPDATE missions SET stage = $2, updated_at = $3 WHERE id = $1 AND status = 'active'`, [id, stage, at]);
}

export async function markCompleted(db: Db, id: string, results: unknown, at: string): Promise<void> {
  await db.query(
    `UPDATE missions SET status = 'completed', stage = 'done', results = $2, failure_reason = NULL, completed_at = $3, updated_at = $3
     WHERE id = $1`,
    [id, JSON.stringify(results), at],
  );
}

export async function markFailed(db: Db, id: string, reason: string, at: string): Promise<void> {
  await db.query(`UPDATE missions SET status = 'failed', failure_reason = $2, completed_at = $3, updated_at = $3 WHERE id = $1`, [id, reason, at]);
}

/** The org a mission belongs to (for the documents a worker produces), or null. */
export async function selectMissionOrg(db: Db, id: string): Promise<string | null> {
  const { rows } = await db.query('SELECT org_id FROM missions WHERE id = $1', [id]);
  return rows[0]?.org_id ?? null;
}
