// The embedded store: one SQLite file (WAL), documents as files beside it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Conflict, NotFound } from '../../errors.js';
import type { Blobs } from '../../blobs/index.js';
import type {
  ApiKeyRecord, CreateMissionOptions, IdempotencyBegin, IdempotencyClaim, KeyWithOrg, MissionFilter, MissionRecord, NewMission, Org, PackageRecord, ProducedFile, Store, Team,
} from '../index.js';
import { migrateSqlite } from './migrate.js';
import { CALLBACK_COLUMNS, CALLBACK_JOIN, SqliteCallbacks } from './callbacks.js';
import { SqliteIdempotency } from './idempotency.js';
import { KEY_WITH_ORG_COLUMNS, toDocument, toKey, toKeyWithOrg, toMission, toOrg, toPackage, toTeam } from './rows.js';

const now = () => new Date().toISOString();
type Row = Record<string, any>;

const MISSION_SELECT = `SELECT m.*, d.filename AS doc_filename, d.mime_type AS doc_mime_type, d.size AS doc_size, ${CALLBACK_COLUMNS}
  FROM missions m JOIN documents d ON d.id = m.document_id ${CALLBACK_JOIN}`;

export function openSqlite(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'docket.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db);
  return db;
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly q;
  private readonly callbacks: SqliteCallbacks;
  private readonly idempotency: SqliteIdempotency;

  constructor(private readonly db: Database.Database, private readonly blobs: Blobs) {
    this.callbacks = new SqliteCallbacks(db);
    this.idempotency = new SqliteIdempotency(db);
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      orgById: p('SELECT * FROM orgs WHERE id = ?'),
      orgByName: p('SELECT * FROM orgs WHERE name = ?'),
      keyByHash: p('SELECT * FROM api_keys WHERE hash = ?'),
      keyWithOrgByHash: p(`SELECT ${KEY_WITH_ORG_COLUMNS} FROM api_keys k JOIN orgs o ON o.id = k.org_id WHERE k.hash = ?`),
      keyById: p('SELECT * FROM api_keys WHERE id = ?'),
      insertKey: p(`INSERT INTO api_keys (id, org_id, name, hash, prefix, scopes, expires_at, revoked_at, created_at)
                    VALUES (@id, @orgId, @name, @hash, @prefix, @scopes, @expiresAt, @revokedAt, @createdAt)`),
      revokeKey: p('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      missionById: p(`${MISSION_SELECT} WHERE m.id = ?`),
      insertDoc: p(`INSERT INTO documents (id, org_id, mission_id, kind, filename, mime_type, size, sha256, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createOrg(org: Org): Promise<Org> {
    try {
      this.db
        .prepare('INSERT INTO orgs (id, name, dedupe_external_ref, read_limit, write_limit, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(org.id, org.name, org.dedupeExternalRef ? 1 : 0, org.readLimit, org.writeLimit, org.createdAt);
    } catch (e) {
      if (isUnique(e)) throw new Conflict(`An org named "${org.name}" already exists.`);
      throw e;
    }
    return org;
  }

  async getOrg(idOrName: string): Promise<Org | null> {
    const r = this.q.orgById.get(idOrName) ?? this.q.orgByName.get(idOrName);
    return r ? toOrg(r) : null;
  }

  async listOrgs(): Promise<Org[]> {
    return this.db.prepare('SELECT * FROM orgs ORDER BY created_at').all().map((r) => r as Row).map(toOrg);
  }

  async updateOrg(id: string, patch: Partial<Pick<Org, 'name' | 'dedupeExternalRef' | 'readLimit' | 'writeLimit'>>): Promise<Org> {
    const cur = await this.getOrg(id);
    if (!cur) throw new NotFound('No such org.');
    const next = { ...cur, ...patch };
    try {
      this.db
        .prepare('UPDATE orgs SET name = ?, dedupe_external_ref = ?, read_limit = ?, write_limit = ? WHERE id = ?')
        .run(next.name, next.dedupeExternalRef ? 1 : 0, next.readLimit, next.writeLimit, cur.id);
    } catch (e) {
      if (isUnique(e)) throw new Conflict(`An org named "${next.name}" already exists.`);
      throw e;
    }
    return next;
  }

  async insertKey(k: ApiKeyRecord): Promise<void> {
    this.q.insertKey.run({ ...k, scopes: JSON.stringify(k.scopes) });
  }

  async findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const r = this.q.keyByHash.get(hash);
    return r ? toKey(r) : null;
  }

  async findKeyWithOrg(hash: string): Promise<KeyWithOrg | null> {
    const r = this.q.keyWithOrgByHash.get(hash);
    return r ? toKeyWithOrg(r) : null;
  }

  async getKey(id: string): Promise<ApiKeyRecord | null> {
    const r = this.q.keyById.get(id);
    return r ? toKey(r) : null;
  }

  async listKeys(orgId?: string): Promise<ApiKeyRecord[]> {
    const rows = orgId
      ? this.db.prepare('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at').all(orgId)
      : this.db.prepare('SELECT * FROM api_keys ORDER BY created_at').all();
    return (rows as Row[]).map(toKey);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    return this.q.revokeKey.run(at, id).changes === 1;
  }

  async rotateKey(oldId: string, replacement: ApiKeyRecord, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.q.revokeKey.run(at, oldId).changes !== 1) return false;
      this.q.insertKey.run({ ...replacement, scopes: JSON.stringify(replacement.scopes) });
      return true;
    }).immediate();
  }

  async createTeam(t: Team): Promise<Team> {
    try {
      this.db
        .prepare('INSERT INTO teams (id, org_id, name, mission_types, default_package_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(t.id, t.orgId, t.name, JSON.stringify(t.missionTypes), t.defaultPackageId, t.createdAt);
    } catch (e) {
      if (isUnique(e)) throw new Conflict(`A team named "${t.name}" already exists in this org.`);
      throw e;
    }
    return t;
  }

  async listTeams(orgId: string): Promise<Team[]> {
    return this.db.prepare('SELECT * FROM teams WHERE org_id = ? ORDER BY created_at, name').all(orgId).map((r) => r as Row).map(toTeam);
  }

  async getTeam(orgId: string, idOrName: string): Promise<Team | null> {
    const r = this.db.prepare('SELECT * FROM teams WHERE org_id = ? AND (id = ? OR name = ?)').get(orgId, idOrName, idOrName);
    return r ? toTeam(r) : null;
  }

  async updateTeam(orgId: string, id: string, patch: Partial<Pick<Team, 'name' | 'missionTypes' | 'defaultPackageId'>>): Promise<Team> {
    const cur = await this.getTeam(orgId, id);
    if (!cur) throw new NotFound('No such team in this org.');
    const next = { ...cur, ...patch };
    try {
      this.db
        .prepare('UPDATE teams SET name = ?, mission_types = ?, default_package_id = ? WHERE id = ?')
        .run(next.name, JSON.stringify(next.missionTypes), next.defaultPackageId, cur.id);
    } catch (e) {
      if (isUnique(e)) throw new Conflict(`A team named "${next.name}" already exists in this org.`);
      throw e;
    }
    return next;
  }

  async upsertPackage(p: PackageRecord): Promise<PackageRecord> {
    this.db
      .prepare(
        `INSERT INTO position_packages (id, org_id, slug, name, description, agreement_types, representing, version,
           positions_count, built_in, body, created_at, updated_at)
         VALUES (@id, @orgId, @slug, @name, @description, @agreementTypes, @representing, @version,
           @positionsCount, @builtIn, @body, @createdAt, @updatedAt)
         ON CONFLICT (org_id, slug) DO UPDATE SET name = excluded.name, description = excluded.description,
           agreement_types = excluded.agreement_types, representing = excluded.representing, version = excluded.version,
           positions_count = excluded.positions_count, built_in = excluded.built_in, body = excluded.body,
           updated_at = excluded.updated_at`,
      )
      .run({
        ...p,
        agreementTypes: JSON.stringify(p.agreementTypes),
        builtIn: p.builtIn ? 1 : 0,
        body: JSON.stringify(p.body),
      });
    return (await this.getPackage(p.orgId, p.slug))!;
  }

  async listPackages(orgId: string): Promise<PackageRecord[]> {
    return this.db.prepare('SELECT * FROM position_packages WHERE org_id = ? ORDER BY built_in DESC, name').all(orgId).map((r) => r as Row).map(toPackage);
  }

  async getPackage(orgId: string, idOrSlug: string): Promise<PackageRecord | null> {
    const r = this.db.prepare('SELECT * FROM position_packages WHERE org_id = ? AND (id = ? OR slug = ?)').get(orgId, idOrSlug, idOrSlug);
    return r ? toPackage(r) : null;
  }

  async createMission(m: NewMission, opts: CreateMissionOptions = {}): Promise<MissionRecord> {
    // The bytes go to disk (fsynced) first; the rows that make the mission real commit after.
    await this.blobs.put(m.document.id, m.document.bytes);
    const t = now();
    try {
      this.db.transaction(() => {
        this.q.insertDoc.run(m.document.id, m.orgId, m.id, 'source', m.document.filename, m.document.mimeType, m.document.size, m.document.sha256, t);
        this.db
          .prepare(
            `INSERT INTO missions (id, org_id, team_id, position_package_id, name, mission_type, status, stage, external_ref,
               dedupe_key, context, callback_url, document_id, job_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 'pending', 'incoming', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(m.id, m.orgId, m.teamId, m.positionPackageId, m.name, m.missionType, m.externalRef, m.dedupeKey,
            m.context ? JSON.stringify(m.context) : null, m.callbackUrl, m.document.id, m.jobId, t, t);
        this.db
          .prepare(`INSERT INTO jobs (id, mission_id, org_id, state, attempts, run_after, created_at) VALUES (?, ?, ?, 'queued', 0, ?, ?)`)
          .run(m.jobId, m.id, m.orgId, Date.now(), t);
        if (opts.idempotency) this.idempotency.finish(opts.idempotency, toMission(this.q.missionById.get(m.id) as object));
      }).immediate();
    } catch (e) {
      await this.blobs.delete(m.document.id);
      if (isUnique(e)) throw new Conflict(`A mission with externalRef "${m.externalRef}" already exists; look it up with GET /missions?externalRef= instead of submitting it again.`);
      throw e;
    }
    this.onMissionCreated?.();
    return toMission(this.q.missionById.get(m.id) as object);
  }

  /** The embedded queue listens here to wake its workers at once. */
  onMissionCreated?: () => void;

  async getMission(orgId: string | null, id: string): Promise<MissionRecord | null> {
    const r = this.q.missionById.get(id) as Record<string, unknown> | undefined;
    if (!r || (orgId !== null && r.org_id !== orgId)) return null;
    return toMission(r);
  }

  async listMissions(orgId: string | null, f: MissionFilter): Promise<MissionRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      where.push(sql);
      args.push(v);
    };
    if (orgId !== null) add('m.org_id = ?', orgId);
    if (f.externalRef !== undefined) add('m.external_ref = ?', f.externalRef);
    if (f.status) add('m.status = ?', f.status);
    if (f.missionType) add('m.mission_type = ?', f.missionType);
    if (f.teamId) add('m.team_id = ?', f.teamId);
    if (f.beforeSeq !== undefined) add('m.seq < ?', f.beforeSeq);
    const sql = `${MISSION_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.seq DESC LIMIT ?`;
    return this.db.prepare(sql).all(...args, f.limit).map((r) => r as Row).map(toMission);
  }

  async markMissionActive(id: string, stage: string): Promise<void> {
    const t = now();
    this.db
      .prepare(`UPDATE missions SET status = 'active', stage = ?, started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ? AND status IN ('pending', 'active')`)
      .run(stage, t, t, id);
  }

  async setMissionStage(id: string, stage: string): Promise<void> {
    this.db.prepare(`UPDATE missions SET stage = ?, updated_at = ? WHERE id = ? AND status = 'active'`).run(stage, now(), id);
  }

  async completeMission(id: string, results: unknown, files: ProducedFile[]): Promise<void> {
    const m = this.q.missionById.get(id) as Record<string, any> | undefined;
    if (!m) throw new NotFound('No such mission.');
    for (const f of files) await this.blobs.put(f.id, f.bytes);
    const t = now();
    this.db.transaction(() => {
      for (const f of files) this.q.insertDoc.run(f.id, m.org_id, id, f.kind, f.filename, f.mimeType, f.bytes.byteLength, f.sha256, t);
      this.db
        .prepare(`UPDATE missions SET status = 'completed', stage = 'done', results = ?, failure_reason = NULL, completed_at = ?, updated_at = ? WHERE id = ?`)
        .run(JSON.stringify(results), t, t, id);
    }).immediate();
  }

  async failMission(id: string, reason: string): Promise<void> {
    const t = now();
    this.db
      .prepare(`UPDATE missions SET status = 'failed', failure_reason = ?, completed_at = ?, updated_at = ? WHERE id = ?`)
      .run(reason, t, t, id);
  }

  async getDocument(orgId: string, missionId: string, documentId: string) {
    const r = this.db.prepare('SELECT * FROM documents WHERE id = ? AND org_id = ? AND mission_id = ?').get(documentId, orgId, missionId);
    return r ? toDocument(r as object) : null;
  }

  async readDocumentBytes(documentId: string): Promise<Uint8Array> {
    return this.blobs.get(documentId);
  }

  async beginIdempotentRequest(claim: IdempotencyClaim): Promise<IdempotencyBegin> {
    return this.idempotency.begin(claim);
  }

  async releaseIdempotentRequest(orgId: string, key: string, token: string): Promise<void> {
    this.idempotency.release(orgId, key, token);
  }

  async purgeIdempotencyKeys(nowMs: number): Promise<number> {
    return this.idempotency.purge(nowMs);
  }

  // Callbacks, signing secrets and mission events (callbacks.ts; rows written by 0002's triggers).
  claimDelivery: Store['claimDelivery'] = (...a) => this.callbacks.claimDelivery(...a);
  recordDeliveryAttempt: Store['recordDeliveryAttempt'] = (...a) => this.callbacks.recordDeliveryAttempt(...a);
  getDelivery: Store['getDelivery'] = (...a) => this.callbacks.getDelivery(...a);
  listDeliveryAttempts: Store['listDeliveryAttempts'] = (...a) => this.callbacks.listDeliveryAttempts(...a);
  redeliver: Store['redeliver'] = (...a) => this.callbacks.redeliver(...a);
  listMissionEvents: Store['listMissionEvents'] = (...a) => this.callbacks.listMissionEvents(...a);
  listWebhookSecrets: Store['listWebhookSecrets'] = (...a) => this.callbacks.listWebhookSecrets(...a);
  ensureWebhookSecret: Store['ensureWebhookSecret'] = (...a) => this.callbacks.ensureWebhookSecret(...a);
  rotateWebhookSecret: Store['rotateWebhookSecret'] = (...a) => this.callbacks.rotateWebhookSecret(...a);
}

function isUnique(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT_UNIQUE') === true;
}
