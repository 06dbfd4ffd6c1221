import type { Command } from 'commander';
import { createKey, parseExpiresIn, parseScopes, rotateKey } from '../keys/api-key.js';
import type { ApiKeyRecord } from '../store/index.js';
import { CliError, output, resolveOrg, table, withBackend } from './common.js';

const view = (k: ApiKeyRecord) => ({
  id: k.id, orgId: k.orgId, name: k.name, prefix: k.prefix, scopes: k.scopes, expiresAt: k.expiresAt, revokedAt: k.revokedAt, createdAt: k.createdAt,
  state: k.revokedAt ? 'revoked' : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? 'expired' : 'active',
});

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys (shown once, stored only as a hash)');

  keys
    .command('create')
    .description('Create a key; it is printed once')
    .option('--org <org>', 'org name or id', 'default')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--scopes <a,b>', 'missions:write, missions:read, teams:read, position-packages:read (default: all)')
    .option('--expires-in <duration>', 'e.g. 90s, 12h, 30d')
    .action(async (o, cmd: Command) => {
      const issued = await withBackend(async ({ store }) => {
        const org = await resolveOrg(store, o.org);
        return createKey(store, org.id, o.name, parseScopes(o.scopes), o.expiresIn ? parseExpiresIn(o.expiresIn) : null);
      });
      const r = issued.record;
      output(cmd, { id: r.id, key: issued.key, name: r.name, scopes: r.scopes, expiresAt: r.expiresAt }, () =>
        `${issued.key}\n\nKey ${r.id} "${r.name}" (${r.scopes.join(', ')})${r.expiresAt ? `, expires ${r.expiresAt}` : ''}. It is shown only this once.`,
      );
    });

  keys
    .command('list')
    .description('List keys (never the keys themselves)')
    .option('--org <org>', 'org name or id (default: all orgs)')
    .action(async (o, cmd: Command) => {
      const list = await withBackend(async ({ store }) => store.listKeys(o.org ? (await resolveOrg(store, o.org)).id : undefined));
      output(cmd, list.map(view), () => table(list.map(view), ['id', 'name', 'prefix', 'scopes', 'state', 'expiresAt']));
    });

  keys
    .command('rotate <keyId>')
    .description('Revoke a key at once and issue its replacement (same name and scopes)')
    .option('--expires-in <duration>', 'lifetime of the new key (default: the old key\'s)')
    .action(async (keyId: string, o, cmd: Command) => {
      const issued = await withBackend(({ store }) => rotateKey(store, keyId, o.expiresIn ? parseExpiresIn(o.expiresIn) : undefined));
      const r = issued.record;
      output(cmd, { id: r.id, key: issued.key, name: r.name, scopes: r.scopes, expiresAt: r.expiresAt }, () =>
        `${issued.key}\n\nKey ${keyId} is revoked; its replacement is ${r.id}. The new key is shown only this once.`,
      );
    });

  keys
    .command('revoke <keyId>')
    .description('Revoke a key at once')
    .action(async (keyId: string, _o, cmd: Command) => {
      const ok = await withBackend(({ store }) => store.revokeKey(keyId, new Date().toISOString()));
      if (!ok) throw new CliError(`No active key with id ${keyId}.`);
      output(cmd, { id: keyId, revoked: true }, () => `Key ${keyId} is revoked.`);
    });
}
