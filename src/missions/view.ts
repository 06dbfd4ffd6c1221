// The API's shape of a mission and its results.
import type { CallbackRecord, MissionRecord } from '../store/index.js';

export const API_BASE = '/api/external/v1';

export function missionUrl(id: string): string {
  return `${API_BASE}/missions/${id}`;
}

export function missionView(m: MissionRecord) {
  return {
    id: m.id,
    name: m.name,
    missionType: m.missionType,
    status: m.status,
    stage: m.stage,
    externalRef: m.externalRef,
    teamId: m.teamId,
    positionPackageId: m.positionPackageId,
    document: { filename: m.document.filename, mimeType: m.document.mimeType, size: m.document.size },
    context: m.context,
    callbackUrl: m.callbackUrl,
    callback: m.callbackUrl ? callbackView(m.callback ?? null) : null,
    failureReason: m.failureReason,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    startedAt: m.startedAt,
    completedAt: m.completedAt,
  };
}

/** The state of a mission's callback; before the mission ends it is pending with no webhookId yet. */
export function callbackView(d: CallbackRecord | null) {
  return {
    webhookId: d?.id ?? null,
    state: d?.state ?? 'pending',
    attempts: d?.attempts ?? 0,
    lastStatus: d?.lastStatus ?? null,
    lastError: d?.lastError ?? null,
    nextAttemptAt: d?.nextAttemptAt != null ? new Date(d.nextAttemptAt).toISOString() : null,
    deliveredAt: d?.deliveredAt ?? null,
  };
}

export function resultsView(m: MissionRecord): unknown {
  return m.status === 'completed' ? m.results : null;
}
