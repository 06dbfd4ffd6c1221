// The rule for accepting a mission. Once createMission resolves, the mission is durable.
import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { Unprocessable } from '../errors.js';
import type { CreateMissionOptions, MissionRecord, Org, Store } from '../store/index.js';
import type { MissionContext, MissionType } from '../review/types.js';
import { checkDocument, decodeBase64 } from './document-check.js';
import { missionName } from './mission-name.js';

export interface CreateMissionInput {
  teamId: string;
  missionType: MissionType;
  document: { base64: string | Uint8Array; filename: string; mimeType?: string };
  context?: MissionContext;
  positionPackageId?: string;
  callbackUrl?: string;
  externalRef?: string;
}

/** Checks a callback URL before a mission is accepted (the webhooks module plugs its address guard in here). */
export type CallbackCheck = (url: string) => void | Promise<void>;

/** `options` reach the store's createMission (e.g. finishing an Idempotency-Key in the mission's transaction). */
export async function createMission(
  store: Store, org: Org, input: CreateMissionInput, checkCallback?: CallbackCheck, options?: CreateMissionOptions,
): Promise<MissionRecord> {
  const team = await store.getTeam(org.id, input.teamId);
  if (!team || team.id !== input.teamId) {
    throw new Unprocessable(`teamId ${input.teamId} is not a team of your organisation; list your teams with GET /teams.`);
  }
  if (!team.missionTypes.includes(input.missionType)) {
    throw new Unprocessable(`Team "${team.name}" does not run ${input.missionType} missions; it runs ${team.missionTypes.join(', ') || 'none'}.`);
  }
  let packageId = team.defaultPackageId;
  if (input.positionPackageId !== undefined) {
    const pkg = await store.getPackage(org.id, input.positionPackageId);
    if (!pkg || pkg.id !== input.positionPackageId) {
      throw new Unprocessable(`positionPackageId ${input.positionPackageId} is not a position package of your organisation; list them with GET /position-packages.`);
    }
    packageId = pkg.id;
  }
  if (input.callbackUrl !== undefined && checkCallback) await checkCallback(input.callbackUrl);

  const bytes = decodeBase64(input.document.base64);
  const { mimeType } = await checkDocument(bytes, input.document.mimeType);
  const filename = basename(input.document.filename.replace(/\\/g, '/')).trim() || 'document';
  const context = input.context && Object.keys(input.context).length ? (input.context as Record<string, string>) : null;

  return store.createMission({
    id: randomUUID(),
    orgId: org.id,
    teamId: team.id,
    positionPackageId: packageId,
    name: missionName(input.missionType, input.context?.counterparty, filename),
    missionType: input.missionType,
    externalRef: input.externalRef ?? null,
    dedupeKey: org.dedupeExternalRef && input.externalRef !== undefined ? input.externalRef : null,
    context,
    callbackUrl: input.callbackUrl ?? null,
    document: { id: randomUUID(), filename, mimeType, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), bytes },
    jobId: randomUUID(),
  }, options);
}
