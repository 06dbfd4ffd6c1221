import type { Command } from 'commander';
import { createOrgWithDefaults } from '../orgs/setup.js';
import { CliError, output, parseCount, parseOnOff, resolveOrg, table, withBackend } from './common.js';
import type { Org } from '../store/index.js';

const view = (o: Org) => ({ id: o.id, name: o.name, dedupeExternalRef: o.dedupeExternalRef, readLimit: o.readLimit, writeLimit: o.writeLimit, createdAt: o.createdAt });

export function registerOrgs(program: Command): void {
  const orgs = program.command('orgs').description('Organisations: each has its own keys, teams, packages and missions');

  orgs
    .command('create <name>')
    .description('Create an org with the built-in position packages and default teams')
    .option('--dedupe-external-ref <on|off>', 'answer a repeated externalRef with 409', 'off')
    .option('--read-limit <n>', 'GET requests a minute per key', '120')
    .option('--write-limit <n>', 'POST requests a minute per key', '30')
    .action(async (name: string, o, cmd: Command) => {
      const { org, teams, packages } = await withBackend(({ store }) =>
        createOrgWithDefaults(store, name, { dedupeExternalRef: parseOnOff(o.dedupeExternalRef), readLimit: parseCount(o.readLimit), writeLimit: parseCount(o.writeLimit) }),
      );
      output(cmd, { ...view(org), teams: teams.map((t) => ({ id: t.id, name: t.name })), positionPackages: packages.map((p) => ({ id: p.id, slug: p.slug })) }, () =>
        `Created org ${org.name} (${org.id}) with ${teams.length} teams and ${packages.length} position packages.\nNext: docket keys create --org ${org.name} --name "my integration"`,
      );
    });

  orgs
    .command('list')
    .description('List orgs')
    .action(async (_o, cmd: Command) => {
      const list = await withBackend(({ store }) => store.listOrgs());
      output(cmd, list.map(view), () => table(list.map(view), ['id', 'name', 'dedupeExternalRef', 'readLimit', 'writeLimit']));
    });

  orgs
    .command('update <org>')
    .description('Change an org (by name or id)')
    .option('--name <name>', 'rename the org')
    .option('--dedupe-external-ref <on|off>', 'answer a repeated externalRef with 409')
    .option('--read-limit <n>', 'GET requests a minute per key')
    .option('--write-limit <n>', 'POST requests a minute per key')
    .action(async (orgRef: string, o, cmd: Command) => {
      const patch: Partial<Org> = {};
      if (o.name !== undefined) patch.name = o.name;
      if (o.dedupeExternalRef !== undefined) patch.dedupeExternalRef = parseOnOff(o.dedupeExternalRef);
      if (o.readLimit !== undefined) patch.readLimit = parseCount(o.readLimit);
      if (o.writeLimit !== undefined) patch.writeLimit = parseCount(o.writeLimit);
      if (Object.keys(patch).length === 0) throw new CliError('Nothing to change; give --name, --dedupe-external-ref, --read-limit or --write-limit.');
      const org = await withBackend(async ({ store }) => store.updateOrg((await resolveOrg(store, orgRef)).id, patch));
      output(cmd, view(org), () => `Updated org ${org.name}: dedupe ${org.dedupeExternalRef ? 'on' : 'off'}, ${org.readLimit} reads and ${org.writeLimit} writes a minute per key.`);
    });
}
