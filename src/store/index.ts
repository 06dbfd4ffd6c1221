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

export interface NewMission {
  id: string;
  orgId: string;
  teamId: string;
  positionPackageId: string | null;
  name: string;
  missionType: MissionType;
  externalRef: string | null;
  /** Set when the org de-duplicates by externalRef: the store enforces uniqueness on it. */
  dedupeKey: string | null;
  context: Record<string, string> | null;
  callbackUrl: string | null;
  document: { id: string; filename: string; mimeType: string; size: number; sha256: string; bytes: Uint8Array };
  jobId: string;
}

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

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;

  createOrg(org: Org): Promise<Org>;
  getOrg(idOrName: string): Promise<Org | null>;
  listOrgs(): Promise<Org[]>;
  updateOrg(id: string, patch: Partial<Pick<Org, 'name' | 'dedupeExternalRef' | 'readLimit' | 'writeLimit'>>): Promise<Org>;

  insertKey(key: ApiKeyRecord): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
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
  createMission(m: NewMission): Promise<MissionRecord>;
  getMission(orgId: string | null, id: string): Promise<MissionRecord | null>;
  listMissions(orgId: string | null, filter: MissionFilter): Promise<MissionRecord[]>;
  markMissionActive(id: string, stage: string): Promise<void>;
  setMissionStage(id: string, stage: string): Promise<void>;
  /** Store the produced files and the results and mark the mission completed, atomically. */
  completeMission(id: string, results: unknown, files: ProducedFile[]): Promise<void>;
  failMission(id: string, reason: string): Promise<void>;

  getDocument(orgId: string, missionId: string, documentId: string): Promise<DocumentRecord | null>;
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
