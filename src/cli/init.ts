import type { Command } from 'commander';
import { initStore } from '../orgs/setup.js';
import { API_BASE } from '../missions/view.js';
import { output, withBackend } from './common.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Initialise an empty store: the default org, teams, packages and one key with every scope (printed once)')
    .action(async (_o, cmd: Command) => {
      const { org, key } = await withBackend(({ store }) => initStore(store));
      output(cmd, { org: { id: org.id, name: org.name }, key: key?.key ?? null }, () =>
        key
          ? `Initialised org "${org.name}" (${org.id}). API key (shown once):\n\n  ${key.key}\n\ncurl -H "Authorization: Bearer ${key.key}" http://localhost:8080${API_BASE}/teams`
          : `The store is already initialised (org "${org.name}"); nothing changed. Create keys with \`docket keys create\`.`,
      );
    });
}
