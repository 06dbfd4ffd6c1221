// The store port: what the use cases need from persistence. Adapters (sqlite/, postgres/)
// implement it; nothing above this line knows SQL.
import type { MissionType } from '../review/types.js';

export type Scope = 'missions:write' | 'missions:read' | 'teams:read' | 'position-packages:read';
export const ALL_SCOPES: readonly Scope[] = ['missions:write', 'missions:read', 'teams:read', 'position-packages:read'];

export interface Org {
  id: string;
  name: string;
  dedupeExternalRef: boolean;
  readLimit: number;
  writeLimit: number;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  orgId: string;
  name: string;
  /** Hex SHA-256 of the whole key; the key itself is never stored. */
  hash: string;
  /** First characters of the key, for people to recognise it in lists. */
  prefix: string;
  scopes: Scope[];
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface KeyWithOrg {
  key: ApiKeyRecord;
  org: Org;
}

export interface Team {
  id: string;
  orgId: string;
  name: string;
  missionTypes: MissionType[];
  defaultPackageId: string | null;
  createdAt: string;
}

export interface PackageRecord {
  id: string;
  orgId: string;
  /** The package's own stable id from its file (e.g. "mutual-nda"); unique per org. */
  slug: string;
  name: string;
  description: string;
  agreementTypes: string[];
  representing: string | null;
  version: string;
  positionsCount: number;
  builtIn: boolean;
  /** The whole validated package, as the engine takes it. */
  body: unknown;
  createdAt: string;
  updatedAt: string;
}

export type MissionStatus = 'pending' | 'active' | 'completed' | 'failed';

export interface MissionRecord {
  id: string;
  orgId: string;
  teamId: string;
  positionPackageId: string | null;
  name: string;
  missionType: MissionType;
  status: MissionStatus;
  stage: string;
  externalRef: string | null;
  context: Record<string, string> | null;
  callbackUrl: string | null;
  document: { id: string; filename: string; mimeType: string; size: number };
  jobId: string;
  failureReason: string | null;
  results: unknown | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Monotonic insertion order; the list cursor. */
  seq: number;
  /** The callback delivery, once the mission has ended with a callbackUrl (adapters join it in). */
  callback?: CallbackRecord | null;
}

export interface DocumentRecord {
  id: string;
  orgId: string;
  missionId: string | null;
  kind: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** What a new mission is stored with: its record's own fields, plus the document's bytes and the de-duplication key. */
export type NewMission = Pick<
  MissionRecord,
  'id' | 'orgId' | 'teamId' | 'positionPackageId' | 'name' | 'missionType' | 'externalRef' | 'context' | 'callbackUrl' | 'jobId'
> & {
  /** Set when the org de-duplicates by externalRef: the store enforces uniqueness on it. */
  dedupeKey: string | null;
  document: MissionRecord['document'] & { sha256: string; bytes: Uint8Array };
};

export interface MissionFilter {
  externalRef?: string;
  status?: MissionStatus;
  missionType?: MissionType;
  teamId?: string;
  /** Return missions with seq below this. */
  beforeSeq?: number;
  limit: number;
}

export interface ProducedFile {
  id: string;
  kind: string;
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface Job {
  id: string;
  missionId: string;
  orgId: string;
  attempts: number;
}

/**
 * Idempotency-Key on POST /missions: a request claims (orgId, key) before it runs. The claim is
 * finished inside the mission's own transaction (CreateMissionOptions) or released when the
 * request fails and created nothing.
 */
export interface IdempotencyClaim {
  orgId: string;
  key: string;
  /** Hex SHA-256 of the canonical request; a repeat with another hash is a different request. */
  requestHash: string;
  /** Random per attempt: only the holder of the current token may finish or release the key. */
  token: string;
  /** How long a 'processing' claim holds before another request may take it over (its holder died). */
  leaseMs: number;
  /** How long the key is remembered from its first use. */
  ttlMs: number;
}

export type IdempotencyBegin =
  /** The caller holds the key now and must finish (createMission) or release it. */
  | { outcome: 'claimed' }
  /** The key finished with this response: send it again. */
  | { outcome: 'replay'; status: number; body: string }
  /** The key was used for a request with another body. */
  | { outcome: 'mismatch' }
  /** The first request with this key is still running. */
  | { outcome: 'in-progress' };

/** Finishes a claimed key with the response rendered from the new mission, in the mission's transaction. */
export interface IdempotentCompletion {
  orgId: string;
  key: string;
  token: string;
  render(m: MissionRecord): { status: number; body: string };
}

export interface CreateMissionOptions {
  /** Throws Conflict (and creates nothing) when the claim is no longer held by `token`. */
  idempotency?: IdempotentCompletion;
}

export interface Store extends CallbackStore {
  readonly dialect: 'sqlite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;

  createOrg(org: Org): Promise<Org>;
  getOrg(idOrName: string): Promise<Org | null>;
  listOrgs(): Promise<Org[]>;
  updateOrg(id: string, patch: Partial<Pick<Org, 'name' | 'dedupeExternalRef' | 'readLimit' | 'writeLimit'>>): Promise<Org>;

  insertKey(key: ApiKeyRecord): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** The key with this hash together with its org, read in one query (what every authenticated request needs). */
  findKeyWithOrg(hash: string): Promise<KeyWithOrg | null>;
  getKey(id: string): Promise<ApiKeyRecord | null>;
  listKeys(orgId?: string): Promise<ApiKeyRecord[]>;
  revokeKey(id: string, at: string): Promise<boolean>;
  /** Revoke `oldId` and insert `replacement` in one transaction. */
  rotateKey(oldId: string, replacement: ApiKeyRecord, at: string): Promise<boolean>;

  createTeam(team: Team): Promise<Team>;
  listTeams(orgId: string): Promise<Team[]>;
  getTeam(orgId: string, idOrName: string): Promise<Team | null>;
  updateTeam(orgId: string, id: string, patch: Partial<Pick<Team, 'name' | 'missionTypes' | 'defaultPackageId'>>): Promise<Team>;

  upsertPackage(pkg: PackageRecord): Promise<PackageRecord>;
  listPackages(orgId: string): Promise<PackageRecord[]>;
  getPackage(orgId: string, idOrSlug: string): Promise<PackageRecord | null>;

  /**
   * Stores the mission row, its document and its job in one transaction: once this resolves,
   * the mission will be worked on even if the process dies the next instant.
   * Throws Conflict when `dedupeKey` is already taken in the org.
   */
  createMission(m: NewMission, opts?: CreateMissionOptions): Promise<MissionRecord>;
  getMission(orgId: string | null, id: string): Promise<MissionRecord | null>;
  listMissions(orgId: string | null, filter: MissionFilter): Promise<MissionRecord[]>;
  markMissionActive(id: string, stage: string): Promise<void>;
  setMissionStage(id: string, stage: string): Promise<void>;
  /** Store the produced files and the results and mark the mission completed, atomically. */
  completeMission(id: string, results: unknown, files: ProducedFile[]): Promise<void>;
  failMission(id: string, reason: string): Promise<void>;

  getDocument(orgId: string, missionId: string, documentId: string): Promise<DocumentRecord | null>;

  /**
   * Atomically claims (orgId, key), or reports what the key already holds. A key past its ttl
   * counts as unused; a 'processing' claim past its lease may be taken over (a new token).
   */
  beginIdempotentRequest(claim: IdempotencyClaim): Promise<IdempotencyBegin>;
  /** Forgets a key still claimed by `token` (the request failed and created nothing). */
  releaseIdempotentRequest(orgId: string, key: string, token: string): Promise<void>;
  /** Deletes keys whose ttl ended before `nowMs`; returns how many. */
  purgeIdempotencyKeys(nowMs: number): Promise<number>;
  readDocumentBytes(documentId: string): Promise<Uint8Array>;
}

/** The job queue's consuming side (the producing side is Store.createMission). */
export interface Queue {
  /** Claim the next runnable job for `leaseMs`, or null. */
  claim(workerId: string, leaseMs: number): Promise<Job | null>;
  /** Extend a claim; false when the claim was lost (another worker took the job). */
  heartbeat(jobId: string, workerId: string, leaseMs: number): Promise<boolean>;
  complete(jobId: string): Promise<void>;
  /** Give the job back to the queue (shutdown, or a crash to retry after `delayMs`). */
  release(jobId: string, delayMs?: number, error?: string): Promise<void>;
  /** Give up on the job for good. */
  fail(jobId: string, error: string): Promise<void>;
  /** Resolves when a job may be available (a wake-up hint; claim() is still the truth). */
  onEnqueue?(listener: () => void): () => void;
}

export interface Backend {
  store: Store;
  queue: Queue;
}

// ---- Callbacks (webhook deliveries), signing secrets, mission events ----------------------

export type DeliveryState = 'pending' | 'delivered' | 'failing' | 'given_up';
export type MissionEndEvent = 'mission.completed' | 'mission.failed';

/**
 * A mission's callback delivery. The store creates it in the same transaction that ends a
 * mission with a callbackUrl (state pending, due at once, id "msg_<32 hex>").
 */
export interface CallbackRecord {
  /** The Standard Webhooks `webhook-id`: the same for every attempt and every redelivery. */
  id: string;
  missionId: string;
  orgId: string;
  event: MissionEndEvent;
  url: string;
  state: DeliveryState;
  /** 1, then one more per redelivery. */
  cycle: number;
  /** Attempts in the current cycle. */
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** Epoch ms; null once delivered or given up. */
  nextAttemptAt: number | null;
  /** Epoch ms the current cycle began; the retry window counts from here. */
  cycleStartedAt: number;
  deliveredAt: string | null;
  givenUpAt: string | null;
}

/** What one attempt came to, recorded with the delivery's new state in one transaction. */
export interface DeliveryAttemptResult {
  cycle: number;
  attempt: number;
  startedAt: string;
  durationMs: number;
  status: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry' | 'given_up';
  /** Epoch ms of the next attempt when outcome is 'retry'. */
  nextAttemptAt: number | null;
}

export interface DeliveryAttemptRecord extends Omit<DeliveryAttemptResult, 'nextAttemptAt'> {
  deliveryId: string;
  missionId: string;
}

/** One status/stage change of a mission; seq counts 1, 2, 3... per mission. */
export interface MissionEvent {
  seq: number;
  status: MissionStatus;
  stage: string;
  failureReason: string | null;
  at: string;
}

export interface WebhookSecret {
  id: string;
  orgId: string;
  /** whsec_<base64 of the key bytes> */
  secret: string;
  createdAt: string;
  /** Set when rotated out; the secret keeps signing until expiresAt. */
  retiredAt: string | null;
  expiresAt: string | null;
}

export interface CallbackStore {
  /** Leases the most overdue pending/failing delivery whose lease is free, or null. */
  claimDelivery(workerId: string, leaseMs: number, nowMs: number): Promise<CallbackRecord | null>;
  /**
   * Logs the attempt and, if `workerId` still holds the lease on the same cycle, moves the
   * delivery to delivered / failing / given_up. False when the lease was lost.
   */
  recordDeliveryAttempt(deliveryId: string, workerId: string, result: DeliveryAttemptResult): Promise<boolean>;
  getDelivery(missionId: string): Promise<CallbackRecord | null>;
  listDeliveryAttempts(missionId: string): Promise<DeliveryAttemptRecord[]>;
  /**
   * Starts a new attempt cycle (same webhook-id, due at `nowMs`) for an ended mission with a
   * callbackUrl, creating the delivery if it has none. Null when the mission has not ended or has no callbackUrl.
   */
  redeliver(missionId: string, nowMs: number): Promise<CallbackRecord | null>;

  /** The mission's events with seq > afterSeq, in order. */
  listMissionEvents(missionId: string, afterSeq: number, limit: number): Promise<MissionEvent[]>;

  /** The org's signing secrets: the current one first, then rotated-out ones not yet expired at `now`. */
  listWebhookSecrets(orgId: string, now: string): Promise<WebhookSecret[]>;
  /** Stores `candidate` as the current secret unless the org has one; returns the current one. */
  ensureWebhookSecret(candidate: WebhookSecret): Promise<WebhookSecret>;
  /** Retires the current secret (signing on until `overlapUntil`) and makes `next` current, atomically. */
  rotateWebhookSecret(next: WebhookSecret, overlapUntil: string): Promise<void>;
}
