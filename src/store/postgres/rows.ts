// Row <-> record mapping for the PostgreSQL adapter (jsonb arrives parsed, timestamptz as Date).
import type { ApiKeyRecord, DocumentRecord, KeyWithOrg, MissionRecord, Org, PackageRecord, Team } from '../index.js';
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

/** api_keys k JOIN orgs o: the key's columns as they are, the org's prefixed with org_ (both tables have id, name, created_at). */
export const KEY_WITH_ORG_COLUMNS = `k.*, o.name AS org_name, o.dedupe_external_ref AS org_dedupe_external_ref,
  o.read_limit AS org_read_limit, o.write_limit AS org_write_limit, o.created_at AS org_created_at`;

export const toKeyWithOrg = (r: Row): KeyWithOrg => ({
  key: toKey(r),
  org: toOrg({
    id: r.org_id,
    name: r.org_name,
    dedupe_external_ref: r.org_dedupe_external_ref,
    read_limit: r.org_read_limit,
    write_limit: r.org_write_limit,
    created_at: r.org_created_at,
  }),
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
