// `docket missions watch <id>`: follow a mission through the API until it ends.
import type { Command } from 'commander';
import { CliError } from './common.js';
import { addClientOptions, clientFrom, downloadAll, explain, finish, progressReporter } from './api-client.js';

export function registerWatch(program: Command): void {
  const missions = program.commands.find((c) => c.name() === 'missions');
  if (!missions) throw new Error('register the missions command before missions watch');
  addClientOptions(
    missions
      .command('watch <id>')
      .description('Follow a mission through the API (its event stream, else polling) until it completes or fails')
      .option('--interval <seconds>', 'polling interval when the server has no event stream', '5')
      .option('--out <dir>', 'also download the result documents into this folder'),
  ).action(async (id: string, o, cmd: Command) => {
    const interval = Number(o.interval);
    if (!(interval > 0)) throw new CliError(`--interval must be a number of seconds above 0 (got "${o.interval}").`);
    const d = clientFrom(o);
    try {
      const progress = progressReporter();
      let r;
      try {
        r = await d.waitForMission(id, { intervalMs: interval * 1000, onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      finish(cmd, r, o.out && r.mission.status === 'completed' ? await downloadAll(d, r, o.out) : []);
    } catch (e) {
      throw explain(e);
    }
  });
}
