// The API's shapes, taken from the server's own route schemas (types only: nothing of the
// server is loaded at run time).
import type { Static } from '@sinclair/typebox';
import type {
  CreateMissionBody, MissionSchema, PositionPackageSchema, ResultsSchema, TeamSchema, ListMissionsQuery, ContextSchema,
} from '../http/schemas.js';

export type Mission = Static<typeof MissionSchema>;
export type MissionResults = Static<typeof ResultsSchema>;
export type Finding = MissionResults['findings'][number];
export type ResultDocumentRef = MissionResults['documents'][number];
export type Team = Static<typeof TeamSchema>;
export type PositionPackage = Static<typeof PositionPackageSchema>;
export type MissionType = Mission['missionType'];
export type MissionStatus = Mission['status'];
export type MissionContext = Static<typeof ContextSchema>;
export type CreateMissionBody = Static<typeof CreateMissionBody>;

/** GET /missions/{id}: results is null until the mission completed. */
export interface MissionWithResults {
  mission: Mission;
  results: MissionResults | null;
}

/** The 202 of POST /missions, plus what the client knows about the idempotency of the call. */
export interface CreatedMission {
  success: true;
  mission: Mission;
  jobId: string;
  pollUrl: string;
  /** The Idempotency-Key sent (null when turned off). */
  idempotencyKey: string | null;
  /** True when the server answered with the stored response of an earlier request with the same key. */
  replayed: boolean;
}

export type ListMissionsFilter = Omit<Static<typeof ListMissionsQuery>, 'cursor' | 'limit'>;

export interface MissionPage {
  missions: Mission[];
  nextCursor: string | null;
}

/** The document to review: bytes (the SDK encodes them) or base64 you already have. */
export type DocumentInput =
  | { data: Uint8Array | ArrayBuffer | Blob; filename: string; mimeType?: string }
  | { base64: string; filename: string; mimeType?: string };

export type CreateMissionParams = Omit<CreateMissionBody, 'document'> & { document: DocumentInput };

export interface DownloadedDocument {
  bytes: Uint8Array;
  filename: string;
  mimeType: string;
}

/** The body of a webhook delivery (mission.completed or mission.failed). */
export interface WebhookEvent {
  event: 'mission.completed' | 'mission.failed' | (string & {});
  mission: Mission;
  results: MissionResults | null;
  [k: string]: unknown;
}
