// `docket`: the operator's CLI. One file per command group.
import { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';
import { registerMigrate } from './migrate.js';
import { registerInit } from './init.js';
import { registerOrgs } from './orgs.js';
import { registerKeys } from './keys.js';
import { registerTeams } from './teams.js';
import { registerPackages } from './packages.js';
import { registerMissions } from './missions.js';
import { registerWebhooks } from './webhooks.js';
import { registerSubmit } from './submit.js';
import { registerWatch } from './watch.js';
import { reportFailure } from './common.js';

const program = new Command('docket')
  .description('Docket: self-hosted contract review. Reads DATABASE_URL / DOCKET_DATA_DIR like the server.')
  .option('--json', 'machine-readable output')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(str) })
  .exitOverride();

registerServe(program);
registerWorker(program);
registerMigrate(program);
registerInit(program);
registerOrgs(program);
registerKeys(program);
registerTeams(program);
registerPackages(program);
registerMissions(program);
registerWebhooks(program);
registerSubmit(program);
registerWatch(program);

// Commands' --json is the global one, wherever it is written on the line.
for (const c of program.commands) for (const sub of [c, ...c.commands]) sub.option('--json', 'machine-readable output');

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const code = (e as { code?: string; exitCode?: number }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
  if (code?.startsWith('commander.')) process.exit((e as { exitCode?: number }).exitCode || 1);
  reportFailure(e);
}
