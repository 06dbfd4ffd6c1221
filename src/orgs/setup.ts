// Creating an org with what it needs on day one: the built-in position packages and default teams.
import { randomUUID } from 'node:crypto';
import { builtInPackages } from '../review/playbook/load.js';
import type { PositionPackage } from '../review/playbook/schema.js';
import { ALL_SCOPES, type Org, type PackageRecord, type Store, type Team } from '../store/index.js';
import type { MissionType } from '../review/types.js';
import { createKey, type IssuedKey } from '../keys/api-key.js';
import { Conflict } from '../errors.js';
import { currentSecret } from '../webhooks/secrets.js';

export const DEFAULT_READ_LIMIT = 120;
export const DEFAULT_WRITE_LIMIT = 30;

/** Default teams: name, mission types, and the built-in package (by slug, first match) they default to. */
const DEFAULT_TEAMS: { name: string; missionTypes: MissionType[]; packages: string[] }[] = [
  { name: 'Commercial Contracts', missionTypes: ['redline', 'analysis', 'addendum'], packages: ['general-commercial'] },
  { name: 'NDA Desk', missionTypes: ['redline', 'analysis'], packages: ['mutual-nda'] },
  { name: 'SaaS Procurement', missionTypes: ['redline', 'analysis', 'addendum'], packages: ['saas-customer', 'saas-msa-customer', 'msa-customer'] },
  { name: 'Drafting & Research', missionTypes: ['draft', 'research', 'addendum'], packages: ['general-commercial'] },
];

export async function installPackage(store: Store, orgId: string, pkg: PositionPackage, builtIn: boolean): Promise<PackageRecord> {
  const existing = await store.getPackage(orgId, pkg.id);
  const t = new Date().toISOString();
  return store.upsertPackage({
    id: existing?.id ?? randomUUID(),
    orgId,
    slug: pkg.id,
    name: pkg.name,
    description: pkg.description,
    agreementTypes: [...pkg.agreementTypes],
    representing: pkg.representing ?? null,
    version: String(pkg.version),
    positionsCount: pkg.positions.length,
    builtIn,
    body: pkg,
    createdAt: existing?.createdAt ?? t,
    updatedAt: t,
  });
}

export interface NewOrgOptions {
  dedupeExternalRef?: boolean;
  readLimit?: number;
  writeLimit?: number;
}

export async function createOrgWithDefaults(store: Store, name: string, opts: NewOrgOptions = {}): Promise<{ org: Org; teams: Team[]; packages: PackageRecord[] }> {
  const org = await store.createOrg({
    id: randomUUID(),
    name,
    dedupeExternalRef: opts.dedupeExternalRef ?? false,
    readLimit: opts.readLimit ?? DEFAULT_READ_LIMIT,
    writeLimit: opts.writeLimit ?? DEFAULT_WRITE_LIMIT,
    createdAt: new Date().toISOString(),
  });
  await currentSecret(store, org.id); // the callback signing secret, there from day one
  const packages: PackageRecord[] = [];
  for (const p of builtInPackages()) packages.push(await installPackage(store, org.id, p, true));
  const teams: Team[] = [];
  for (const t of DEFAULT_TEAMS) {
    const pkg = t.packages.map((slug) => packages.find((p) => p.slug === slug)).find(Boolean) ?? packages[0];
    teams.push(
      await store.createTeam({
        id: randomUUID(),
        orgId: org.id,
        name: t.name,
        missionTypes: t.missionTypes,
        defaultPackageId: pkg?.id ?? null,
        createdAt: new Date().toISOString(),
      }),
    );
  }
  return { org, teams, packages };
}

/**
 * First start: an empty store gets the `default` org and one key holding every scope.
 * On a store that has orgs already, changes nothing and returns no key.
 */
export async function initStore(store: Store): Promise<{ org: Org; key: IssuedKey | null }> {
  const orgs = await store.listOrgs();
  if (orgs.length > 0) return { org: orgs.find((o) => o.name === 'default') ?? orgs[0], key: null };
  let org: Org;
  try {
    ({ org } = await createOrgWithDefaults(store, 'default'));
  } catch (e) {
    // Another process initialised the same empty store a moment earlier: use its org.
    const existing = e instanceof Conflict ? await store.getOrg('default') : null;
    if (!existing) throw e;
    return { org: existing, key: null };
  }
  const key = await createKey(store, org.id, 'initial admin key', [...ALL_SCOPES], null);
  return { org, key };
}
