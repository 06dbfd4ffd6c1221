import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadPackageFile } from '../review/playbook/load.js';
import { installPackage } from '../orgs/setup.js';
import type { PackageRecord } from '../store/index.js';
import { CliError, output, resolveOrg, table, withBackend } from './common.js';

const view = (p: PackageRecord) => ({
  id: p.id, slug: p.slug, name: p.name, agreementTypes: p.agreementTypes, representing: p.representing, version: p.version, positionsCount: p.positionsCount, builtIn: p.builtIn,
});

export function registerPackages(program: Command): void {
  const pkgs = program.command('packages').description('Position packages (playbooks)');

  pkgs
    .command('list')
    .description('List an org\'s position packages')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (o, cmd: Command) => {
      const list = await withBackend(async ({ store }) => store.listPackages((await resolveOrg(store, o.org)).id));
      output(cmd, list.map(view), () => table(list.map(view), ['id', 'slug', 'name', 'positionsCount', 'builtIn']));
    });

  pkgs
    .command('import <file>')
    .description('Validate a YAML package and add it to an org (replacing one with the same id)')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (file: string, o, cmd: Command) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new CliError(`Cannot read ${file}.`);
      }
      const pkg = loadPackageFile(text, basename(file));
      const rec = await withBackend(async ({ store }) => installPackage(store, (await resolveOrg(store, o.org)).id, pkg, false));
      output(cmd, view(rec), () => `Imported ${rec.name} (${rec.slug}, ${rec.positionsCount} positions) as ${rec.id}.`);
    });
}
