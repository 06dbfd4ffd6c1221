// The scale-out store: PostgreSQL through one pg Pool. The SQL lives in queries/ (one module
// per concern); this class is the Store port's shape around it: transactions, conflicts, and
// "the database is down" as Unavailable.
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { Conflict, NotFound } from '../../errors.js';
import { PgBlobs } from '../../blobs/postgres.js';
import { sendMissionJob } from '../../queue/pgboss.js';
import type {
  ApiKeyRecord, CreateMissionOptions, IdempotencyBegin, IdempotencyClaim, KeyWithOrg, MissionFilter, MissionRecord, NewMission, Org, PackageRecord, ProducedFile, Store, Team,
} from '../index.js';
import { guard, isUniqueViolation, transaction } from './db.js';
import * as orgs from './queries/orgs.js';
import * as keys from './queries/keys.js';
import * as teams from './queries/teams.js';
import * as packages from './queries/packages.js';
import * as missions from './queries/missions.js';
import * as documents from './queries/documents.js';
import * as idempotency from './queries/idempotency.js';
import * as callbacks from './queries/callbacks.js';

const now = () => new Date().toISOString();

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly blobs: PgBlobs;
  /** Run by close() before the pool ends (the queue's pg-boss and listener). */
  readonly closers: (() => Promise<void>)[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool, private readonly boss: PgBoss, private readonly jobLeaseMs: number) {
    this.blobs = new PgBlobs(pool);
  }

  async ping(): Promise<void> {
    await guard(() => this.pool.query('SELECT 1'));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const c of this.closers) await c().catch(() => {});
      await this.pool.end();
    })();
    return this.closing;
  }

  async createOrg(org: Org): Promise<Org> {
    try {
      await guard(() => orgs.insertOrg(this.pool, org));
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`An org named "${org.name}" already exists.`);
      throw e;
    }
    return org;
  }

  getOrg(idOrName: string): Promise<Org | null> {
    return guard(() => orgs.selectOrgByIdOrName(this.pool, idOrName));
  }

  listOrgs(): Promise<Org[]> {
    return guard(() => orgs.selectOrgs(this.pool));
  }

  async updateOrg(id: string, patch: Partial<Pick<Org, 'name' | 'dedupeExternalRef' | 'readLimit' | 'writeLimit'>>): Promise<Org> {
    const cur = await this.getOrg(id);
    if (!cur) throw new NotFound('No such org.');
    const next = { ...cur, ...patch };
    try {
      await guard(() => orgs.updateOrgRow(this.pool, next));
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`An org named "${next.name}" already exists.`);
      throw e;
    }
    return next;
  }

  insertKey(k: ApiKeyRecord): Promise<void> {
    return guard(() => keys.insertKey(this.pool, k));
  }

  findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return guard(() => keys.selectKeyByHash(this.pool, hash));
  }

  findKeyWithOrg(hash: string): Promise<KeyWithOrg | null> {
    return guard(() => keys.selectKeyWithOrg(this.pool, hash));
  }

  getKey(id: string): Promise<ApiKeyRecord | null> {
    return guard(() => keys.selectKeyById(this.pool, id));
  }

  listKeys(orgId?: string): Promise<ApiKeyRecord[]> {
    return guard(() => keys.selectKeys(this.pool, orgId));
  }

  revokeKey(id: string, at: string): Promise<boolean> {
    return guard(() => keys.revokeKeyRow(this.pool, id, at));
  }

  rotateKey(oldId: string, replacement: ApiKeyRecord, at: string): Promise<boolean> {
    return transaction(this.pool, async (tx) => {
      if (!(await keys.revokeKeyRow(tx, oldId, at))) return false;
      await keys.insertKey(tx, replacement);
      return true;
    });
  }

  async createTeam(t: Team): Promise<Team> {
    try {
      await guard(() => teams.insertTeam(this.pool, t));
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`A team named "${t.name}" already exists in this org.`);
      throw e;
    }
    return t;
  }

  listTeams(orgId: string): Promise<Team[]> {
    return guard(() => teams.selectTeams(this.pool, orgId));
  }

  getTeam(orgId: string, idOrName: string): Promise<Team | null> {
    return guard(() => teams.selectTeam(this.pool, orgId, idOrName));
  }

  async updateTeam(orgId: string, id: string, patch: Partial<Pick<Team, 'name' | 'missionTypes' | 'defaultPackageId'>>): Promise<Team> {
    const cur = await this.getTeam(orgId, id);
    if (!cur) throw new NotFound('No such team in this org.');
    const next = { ...cur, ...patch };
    try {
      await guard(() => teams.updateTeamRow(this.pool, next));
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`A team named "${next.name}" already exists in this org.`);
      throw e;
    }
    return next;
  }

  upsertPackage(p: PackageRecord): Promise<PackageRecord> {
    return guard(() => packages.upsertPackageRow(this.pool, p));
  }

  listPackages(orgId: string): Promise<PackageRecord[]> {
    return guard(() => packages.selectPackages(this.pool, orgId));
  }

  getPackage(orgId: string, idOrSlug: string): Promise<PackageRecord | null> {
    return guard(() => packages.selectPackage(this.pool, orgId, idOrSlug));
  }

  async createMission(m: NewMission, opts: CreateMissionOptions = {}): Promise<MissionRecord> {
    const t = now();
    try {
      // Bytes, document row, mission row and pg-boss job: one transaction, all or nothing.
      return await transaction(this.pool, async (tx) => {
        await this.blobs.within(tx).put(m.document.id, m.document.bytes);
        await documents.insertDocumentRow(tx, {
          id: m.document.id, orgId: m.orgId, missionId: m.id, kind: 'source', filename: m.document.filename,
          mimeType: m.document.mimeType, size: m.document.size, sha256: m.document.sha256, createdAt: t,
        });
        await missions.insertMissionRow(tx, m, t);
        await sendMissionJob(this.boss, tx, { id: m.jobId, missionId: m.id, orgId: m.orgId }, this.jobLeaseMs);
        const created = (await missions.selectMission(tx, m.id))!;
        if (opts.idempotency) await idempotency.finishIdempotent(tx, opts.idempotency, created);
        return created;
      });
    } catch (e) {
      if (isUniqueViolation(e, 'missions_dedupe')) {
        throw new Conflict(`A mission with externalRef "${m.externalRef}" already exists; look it up with GET /missions?externalRef= instead of submitting it again.`);
      }
      throw e;
    }
  }

  async getMission(orgId: string | null, id: string): Promise<MissionRecord | null> {
    const m = await guard(() => missions.selectMission(this.pool, id));
    if (!m || (orgId !== null && m.orgId !== orgId)) return null;
    return m;
  }

  listMissions(orgId: string | null, f: MissionFilter): Promise<MissionRecord[]> {
    return guard(() => missions.selectMissions(this.pool, orgId, f));
  }

  markMissionActive(id: string, stage: string): Promise<void> {
    return guard(() => missions.markActive(this.pool, id, stage, now()));
  }

  setMissionStage(id: string, stage: string): Promise<void> {
    return guard(() => missions.updateStage(this.pool, id, stage, now()));
  }

  async completeMission(id: string, results: unknown, files: ProducedFile[]): Promise<void> {
    const orgId = await guard(() => missions.selectMissionOrg(this.pool, id));
    if (!orgId) throw new NotFound('No such mission.');
    const t = now();
    await transaction(this.pool, async (tx) => {
      for (const f of files) {
        await this.blobs.within(tx).put(f.id, f.bytes);
        await documents.insertDocumentRow(tx, {
          id: f.id, orgId, missionId: id, kind: f.kind, filename: f.filename, mimeType: f.mimeType, size: f.bytes.byteLength, sha256: f.sha256, createdAt: t,
        });
      }
      await missions.markCompleted(tx, id, results, t);
    });
  }

  failMission(id: string, reason: string): Promise<void> {
    return guard(() => missions.markFailed(this.pool, id, reason, now()));
  }

  getDocument(orgId: string, missionId: string, documentId: string) {
    return guard(() => documents.selectMissionDocument(this.pool, orgId, missionId, documentId));
  }

  readDocumentBytes(documentId: string): Promise<Uint8Array> {
    return guard(() => this.blobs.get(documentId));
  }

  beginIdempotentRequest(claim: IdempotencyClaim): Promise<IdempotencyBegin> {
    return transaction(this.pool, (tx) => idempotency.beginIdempotent(tx, claim));
  }

  releaseIdempotentRequest(orgId: string, key: string, token: string): Promise<void> {
    return guard(() => idempotency.releaseIdempotent(this.pool, orgId, key, token));
  }

  purgeIdempotencyKeys(nowMs: number): Promise<number> {
    return guard(() => idempotency.purgeIdempotent(this.pool, nowMs));
  }

  // Callbacks, signing secrets and mission events (queries/callbacks.ts; rows written by 0002's triggers).
  claimDelivery: Store['claimDelivery'] = (workerId, leaseMs, nowMs) => guard(() => callbacks.claimDueDelivery(this.pool, workerId, leaseMs, nowMs));
  recordDeliveryAttempt: Store['recordDeliveryAttempt'] = (id, workerId, a) => transaction(this.pool, (tx) => callbacks.recordAttempt(tx, id, workerId, a));
  getDelivery: Store['getDelivery'] = (missionId) => guard(() => callbacks.selectDelivery(this.pool, missionId));
  listDeliveryAttempts: Store['listDeliveryAttempts'] = (missionId) => guard(() => callbacks.selectAttempts(this.pool, missionId));
  redeliver: Store['redeliver'] = async (missionId, nowMs) => {
    const changed = await transaction(this.pool, (tx) => callbacks.createOrRestartDelivery(tx, missionId, nowMs));
    return changed ? this.getDelivery(missionId) : null;
  };
  listMissionEvents: Store['listMissionEvents'] = (missionId, afterSeq, limit) => guard(() => callbacks.selectMissionEvents(this.pool, missionId, afterSeq, limit));
  listWebhookSecrets: Store['listWebhookSecrets'] = (orgId, at) => guard(() => callbacks.selectWebhookSecrets(this.pool, orgId, at));
  ensureWebhookSecret: Store['ensureWebhookSecret'] = async (candidate) => {
    await guard(() => callbacks.insertSecretIfNone(this.pool, candidate));
    return guard(() => callbacks.selectCurrentSecret(this.pool, candidate.orgId));
  };
  rotateWebhookSecret: Store['rotateWebhookSecret'] = (next, overlapUntil) =>
    transaction(this.pool, async (tx) => {
      await callbacks.retireCurrentSecret(tx, next.orgId, next.createdAt, overlapUntil);
      await callbacks.insertSecretIfNone(tx, next);
    });
}
