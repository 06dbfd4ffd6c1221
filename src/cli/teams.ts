import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { MISSION_TYPES, type MissionType } from '../review/types.js';
import type { Store, Team } from '../store/index.js';
import { CliError, output, resolveOrg, table, withBackend } from './common.js';

const view = (t: Team) => ({ id: t.id, name: t.name, missionTypes: t.missionTypes, defaultPositionPackageId: t.defaultPackageId });

function parseTypes(v: string): MissionType[] {
  const types = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const t of types) if (!MISSION_TYPES.includes(t as MissionType)) throw new CliError(`Unknown mission type "${t}"; use ${MISSION_TYPES.join(', ')}.`);
  if (types.length === 0) throw new CliError('Give at least one mission type.');
  return [...new Set(types)] as MissionType[];
}

async function packageId(store: Store, orgId: string, ref: string): Promise<string> {
  const p = await store.getPackage(orgId, ref);
  if (!p) throw new CliError(`No position package "${ref}" in this org; see \`docket packages list\`.`);
  return p.id;
}

export function registerTeams(program: Command): void {
  const teams = program.command('teams').description('Teams: who runs which mission types, with which default package');

  teams
    .command('create')
    .description('Create a team')
    .option('--org <org>', 'org name or id', 'default')
    .requiredOption('--name <name>', 'team name')
    .requiredOption('--mission-types <a,b>', `some of ${MISSION_TYPES.join(', ')}`)
    .option('--default-package <package>', 'position package id or slug')
    .action(async (o, cmd: Command) => {
      const team = await withBackend(async ({ store }) => {
        const org = await resolveOrg(store, o.org);
        return store.createTeam({
          id: randomUUID(), orgId: org.id, name: o.name, missionTypes: parseTypes(o.missionTypes),
          defaultPackageId: o.defaultPackage ? await packageId(store, org.id, o.defaultPackage) : null, createdAt: new Date().toISOString(),
        });
      });
      output(cmd, view(team), () => `Created team ${team.name} (${team.id}).`);
    });

  teams
    .command('list')
    .description('List an org\'s teams')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (o, cmd: Command) => {
      const list = await withBackend(async ({ store }) => store.listTeams((await resolveOrg(store, o.org)).id));
      output(cmd, list.map(view), () => table(list.map(view), ['id', 'name', 'missionTypes', 'defaultPositionPackageId']));
    });

  teams
    .command('update <team>')
    .description('Change a team (by name or id)')
    .option('--org <org>', 'org name or id', 'default')
    .option('--name <name>', 'rename')
    .option('--mission-types <a,b>', 'replace the mission types')
    .option('--default-package <package>', 'position package id or slug')
    .action(async (ref: string, o, cmd: Command) => {
      const team = await withBackend(async ({ store }) => {
        const org = await resolveOrg(store, o.org);
        const cur = await store.getTeam(org.id, ref);
        if (!cur) throw new CliError(`No team "${ref}" in org ${org.name}.`);
        const patch: Partial<Team> = {};
        if (o.name) patch.name = o.name;
        if (o.missionTypes) patch.missionTypes = parseTypes(o.missionTypes);
        if (o.defaultPackage) patch.defaultPackageId = await packageId(store, org.id, o.defaultPackage);
        if (Object.keys(patch).length === 0) throw new CliError('Nothing to change; give --name, --mission-types or --default-package.');
        return store.updateTeam(org.id, cur.id, patch);
      });
      output(cmd, view(team), () => `Updated team ${team.name}.`);
    });
}
