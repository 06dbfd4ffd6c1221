import { BadRequest, NotFound } from '../errors.js';
import type { MissionFilter, MissionRecord, MissionStatus, Store } from '../store/index.js';
import type { MissionType } from '../review/types.js';

export async function getMission(store: Store, orgId: string, id: string): Promise<MissionRecord> {
  const m = await store.getMission(orgId, id);
  if (!m) throw new NotFound(`No mission with id ${id}.`);
  return m;
}

export interface ListQuery {
  limit?: number;
  cursor?: string;
  externalRef?: string;
  status?: MissionStatus;
  missionType?: MissionType;
  teamId?: string;
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`m:${seq}`).toString('base64url');
}

function decodeCursor(c: string): number {
  const m = /^m:(\d{1,15})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw new BadRequest('cursor is not one this server gave out; use the nextCursor of the previous page.');
  return Number(m[1]);
}

/** Newest first; a page plus the cursor of the next one (null on the last page). */
export async function listMissions(store: Store, orgId: string, q: ListQuery): Promise<{ missions: MissionRecord[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const filter: MissionFilter = {
    limit: limit + 1,
    externalRef: q.externalRef,
    status: q.status,
    missionType: q.missionType,
    teamId: q.teamId,
    beforeSeq: q.cursor ? decodeCursor(q.cursor) : undefined,
  };
  const rows = await store.listMissions(orgId, filter);
  const page = rows.slice(0, limit);
  return { missions: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null };
}
