// Document metadata rows (the bytes are the blob port's: blobs/postgres.ts).
import type { DocumentRecord } from '../../index.js';
import type { Db } from '../db.js';
import { toDocument } from '../rows.js';

export type NewDocumentRow = DocumentRecord & { missionId: string };

export async function insertDocumentRow(db: Db, d: NewDocumentRow): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, org_id, mission_id, kind, filename, mime_type, size, sha256, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [d.id, d.orgId, d.missionId, d.kind, d.filename, d.mimeType, d.size, d.sha256, d.createdAt],
  );
}

export async function selectMissionDocument(db: Db, orgId: string, missionId: string, documentId: string): Promise<DocumentRecord | null> {
  const { rows } = await db.query('SELECT * FROM documents WHERE id = $1 AND org_id = $2 AND mission_id = $3', [documentId, orgId, missionId]);
  return rows[0] ? toDocument(rows[0]) : null;
}
