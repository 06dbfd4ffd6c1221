import type { Command } from 'commander';
import { listMissions, getMission } from '../missions/query.js';
import { missionView, resultsView } from '../missions/view.js';
import { output, parseCount, resolveOrg, table, withBackend } from './common.js';
import { registerDeliveryCommands } from './webhooks.js';

export function registerMissions(program: Command): void {
  const missions = program.command('missions').description('Missions of an org');
  registerDeliveryCommands(missions);

  missions
    .command('list')
    .description('List missions, newest first')
    .option('--org <org>', 'org name or id', 'default')
    .option('--status <status>', 'pending, active, completed or failed')
    .option('--external-ref <ref>', 'only missions with this externalRef')
    .option('--limit <n>', 'how many', '20')
    .action(async (o, cmd: Command) => {
      const page = await withBackend(async ({ store }) =>
        listMissions(store, (await resolveOrg(store, o.org)).id, { status: o.status, externalRef: o.externalRef, limit: Math.min(100, parseCount(o.limit)) }),
      );
      const rows = page.missions.map(missionView);
      output(cmd, { missions: rows, nextCursor: page.nextCursor }, () => table(rows, ['id', 'name', 'missionType', 'status', 'stage', 'externalRef', 'createdAt']));
    });

  missions
    .command('get <id>')
    .description('Show a mission and its results')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (id: string, o, cmd: Command) => {
      const m = await withBackend(async ({ store }) => getMission(store, (await resolveOrg(store, o.org)).id, id));
      const view = { mission: missionView(m), results: resultsView(m) };
      output(cmd, view, () => {
        const r = view.results as { summary?: string; riskLevel?: string; findingsCount?: number } | null;
        return [
          `${m.name} (${m.id})`,
          `status ${m.status}, stage ${m.stage}${m.externalRef ? `, externalRef ${m.externalRef}` : ''}`,
          m.failureReason ? `failed: ${m.failureReason}` : '',
          r ? `risk ${r.riskLevel ?? 'n/a'}, ${r.findingsCount ?? 0} findings\n${r.summary ?? ''}` : '',
        ].filter(Boolean).join('\n');
      });
    });
}
