// Row <-> record mapping for the PostgreSQL adapter (jsonb arrives parsed, timestamptz as Date).
import type { ApiKeyRecord, DocumentRecord, MissionRecord, Org, PackageRecord, Team } from '../index.js';
import { iso, type Row } from './db.js';
import { toCallback } from './queries/callbacks.js';

export const toOrg = (r: Row): Org => ({
  id: r.id,
  name: r.name,
  dedupeExternalRef: r.dedupe_external_ref,
  readLimit: r.read_limit,
  writeLimit: r.write_limit,
  createdAt: iso(r.created_at)!,
});

export const toKey = (r: Row): ApiKeyRecord => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  hash: r.hash,
  prefix: r.prefix,
  scopes: r.scopes,
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
  createdAt: iso(r.created_at)!,
});

export const toTeam = (r: Row): Team => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  missionTypes: r.mission_types,
  defaultPackageId: r.default_package_id,
  createdAt: iso(r.created_at)!,
});

export const toPackage = (r: Row): PackageRecord => ({
  id: r.id,
  orgId: r.org_id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  agreementTypes: r.agreement_types,
  representing: r.representing,
  version: r.version,
  positionsCount: r.positions_count,
  builtIn: r.built_in,
  body: r.body,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

export const toMission = (r: Row): MissionRecord => ({
  id: r.id,
  orgId: r.org_id,
  teamId: r.team_id,
  positionPackageId: r.position_package_id,
  name: r.name,
  missionType: r.mission_type,
  status: r.status,
  stage: r.stage,
  externalRef: r.external_ref,
  context: r.context,
  callbackUrl: r.callback_url,
  document: { id: r.document_id, filename: r.doc_filename, mimeType: r.doc_mime_type, size: r.doc_size },
  jobId: r.job_id,
  failureReason: r.failure_reason,
  results: r.results,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
  startedAt: iso(r.started_at),
  completedAt: iso(r.completed_at),
  seq: Number(r.seq),
  callback: toCallback(r),
});

export const toDocument = (r: Row): DocumentRecord => ({
  id: r.id,
  orgId: r.org_id,
  missionId: r.mission_id,
  kind: r.kind,
  filename: r.filename,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.sha256,
  createdAt: iso(r.created_at)!,
});
