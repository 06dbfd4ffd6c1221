// Route schemas: one source for request validation, response types and the OpenAPI document.
import { Type, type Static } from '@sinclair/typebox';
import { MISSION_TYPES } from '../review/types.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorBody = Type.Object({ error: Type.String({ description: 'A sentence saying what went wrong and what to do.' }) }, { $id: 'Error' });

export const MissionTypeSchema = Type.Union(
  [Type.Literal('redline'), Type.Literal('analysis'), Type.Literal('draft'), Type.Literal('research'), Type.Literal('addendum')],
  { description: MISSION_TYPES.join(', ') },
);
export const MissionStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('completed'), Type.Literal('failed')]);

export const Uuid = Type.String({ format: 'uuid' });

export const ContextSchema = Type.Object(
  {
    counterparty: Type.Optional(Type.String({ maxLength: 300 })),
    agreementType: Type.Optional(Type.String({ maxLength: 200 })),
    representingParty: Type.Optional(Type.String({ maxLength: 300 })),
    representingPartyRole: Type.Optional(Type.String({ maxLength: 100 })),
    materiality: Type.Optional(Type.String({ maxLength: 100 })),
    instructions: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);

export const CreateMissionBody = Type.Object(
  {
    teamId: Uuid,
    missionType: MissionTypeSchema,
    document: Type.Object(
      {
        base64: Type.String({ description: 'The file, base64-encoded; at most 60 MB of base64 text.' }),
        filename: Type.String({ minLength: 1, maxLength: 255 }),
        mimeType: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    context: Type.Optional(ContextSchema),
    positionPackageId: Type.Optional(Uuid),
    callbackUrl: Type.Optional(Type.String({ maxLength: 2048 })),
    externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  },
  { additionalProperties: false },
);
export type CreateMissionBodyT = Static<typeof CreateMissionBody>;

export const CreateMissionHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    description: 'Makes the request safe to retry: 1–255 printable ASCII characters (a UUID). For 24 hours a repeat with the same body '
      + 'gets the first response again with Idempotent-Replayed: true and creates nothing; another body with the same key is 422; '
      + 'a repeat while the first is still running is 409. Only a created mission is remembered: after an error the key may be sent again.',
  })),
});

export const CallbackSchema = Type.Object({
  webhookId: Type.Union([Type.String(), Type.Null()], { description: 'The webhook-id header of every attempt; null until the mission ends.' }),
  state: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failing'), Type.Literal('given_up')]),
  attempts: Type.Integer({ description: 'Attempts in the current cycle (a redelivery starts a new cycle).' }),
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'The receiver\'s last HTTP status; null if none arrived.' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const MissionSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    missionType: MissionTypeSchema,
    status: MissionStatusSchema,
    stage: Type.String({ description: 'incoming, parsing, reviewing, drafting, done' }),
    externalRef: Nullable(Type.String()),
    teamId: Uuid,
    positionPackageId: Nullable(Type.String()),
    document: Type.Object({ filename: Type.String(), mimeType: Type.String(), size: Type.Integer() }),
    context: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
    callbackUrl: Nullable(Type.String()),
    callback: Type.Union([CallbackSchema, Type.Null()], { description: 'The callback delivery; null without a callbackUrl.' }),
    failureReason: Nullable(Type.String({ description: 'Why a failed mission failed, in words a user can act on.' })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    startedAt: Nullable(Type.String({ format: 'date-time' })),
    completedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'Mission', additionalProperties: true },
);

const Location = Type.Union([
  Type.Object({
    paragraphIndex: Type.Integer(),
    paragraphIndexes: Type.Array(Type.Integer()),
    section: Type.Optional(Type.String()),
    heading: Type.Optional(Type.String()),
    page: Type.Optional(Type.Integer()),
  }),
  Type.Null(),
]);

export const ResultsSchema = Type.Object(
  {
    summary: Type.String(),
    riskLevel: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical'), Type.Null()]),
    findingsCount: Type.Integer(),
    findings: Type.Array(
      Type.Object({
        id: Type.String(),
        positionId: Type.String(),
        clauseId: Type.String(),
        severity: Type.String({ description: 'info, low, medium, high, critical' }),
        title: Type.String(),
        explanation: Type.String(),
        recommendation: Type.String(),
        excerpt: Nullable(Type.String()),
        location: Location,
      }, { additionalProperties: true }),
    ),
    clauses: Type.Array(
      Type.Object({
        clauseId: Type.String(),
        title: Type.String(),
        excerpt: Type.String(),
        location: Location,
        confidence: Type.Number(),
        values: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }, { additionalProperties: true }),
    ),
    document: Type.Object({ format: Type.String(), title: Type.Optional(Type.String()), stats: Type.Record(Type.String(), Type.Number()), warnings: Type.Array(Type.String()) }),
    positionPackage: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    documents: Type.Array(
      Type.Object({
        id: Uuid,
        kind: Type.String({ description: 'redline, report, addendum, draft' }),
        filename: Type.String(),
        mimeType: Type.String(),
        size: Type.Integer(),
        url: Type.String({ description: 'GET it with the same key.' }),
      }),
    ),
  },
  { $id: 'Results', additionalProperties: true },
);

export const TeamSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  missionTypes: Type.Array(MissionTypeSchema),
  defaultPositionPackageId: Nullable(Type.String()),
});

export const PositionPackageSchema = Type.Object({
  id: Uuid,
  slug: Type.String({ description: 'The package file\'s own id.' }),
  name: Type.String(),
  description: Type.String(),
  agreementTypes: Type.Array(Type.String()),
  representing: Nullable(Type.String()),
  version: Type.String(),
  positionsCount: Type.Integer(),
  builtIn: Type.Boolean(),
});

export const ListMissionsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    externalRef: Type.Optional(Type.String({ maxLength: 255 })),
    status: Type.Optional(MissionStatusSchema),
    missionType: Type.Optional(MissionTypeSchema),
    teamId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const MissionIdParams = Type.Object({ id: Uuid });
export const DocumentParams = Type.Object({ id: Uuid, documentId: Uuid });

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
};
