// `docket webhooks secret`: show or rotate an org's callback signing secret, and
// `docket missions deliveries|redeliver`: a mission's callback attempts, and sending it again.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { getMission } from '../missions/query.js';
import { callbackView } from '../missions/view.js';
import { currentSecret, rotateSecret, signingSecrets } from '../webhooks/secrets.js';
import type { WebhookSecret } from '../store/index.js';
import { CliError, output, resolveOrg, table, withBackend } from './common.js';

const secretView = (s: WebhookSecret) => ({ secret: s.secret, current: s.retiredAt === null, createdAt: s.createdAt, expiresAt: s.expiresAt });

function parseHours(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`"${v}" is not a number of hours (0 or more).`);
  return Math.round(n * 3_600_000);
}

export function registerWebhooks(program: Command): void {
  const webhooks = program.command('webhooks').description('Callback signing (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)');

  webhooks
    .command('secret')
    .description('Show the org\'s signing secret (whsec_...), created on first use; --rotate makes a new one')
    .option('--org <org>', 'org name or id', 'default')
    .option('--rotate', 'make a new secret; the old one keeps signing beside it for the overlap window')
    .option('--overlap <hours>', 'with --rotate: how long the old secret keeps signing (default DOCKET_WEBHOOK_SECRET_OVERLAP_HOURS, 24)')
    .action(async (o, cmd: Command) => {
      const overlapMs = o.overlap !== undefined ? parseHours(o.overlap) : loadConfig().webhookSecretOverlapMs;
      const { org, secrets } = await withBackend(async ({ store }) => {
        const org = await resolveOrg(store, o.org);
        if (o.rotate) return { org, secrets: await rotateSecret(store, org.id, overlapMs) };
        await currentSecret(store, org.id);
        return { org, secrets: await signingSecrets(store, org.id) };
      });
      const views = secrets.map(secretView);
      output(cmd, { org: org.name, secret: views.find((s) => s.current)?.secret, secrets: views }, () => {
        const cur = views.find((s) => s.current)!;
        const old = views.filter((s) => !s.current);
        return [
          `${o.rotate ? 'New signing secret' : 'Signing secret'} of org ${org.name}:`,
          `  ${cur.secret}`,
          ...old.map((s) => `Previous secret, still signing (beside the new one) until ${s.expiresAt}:\n  ${s.secret}`),
          'Receivers verify webhook-signature with it; see docs/webhooks.md.',
        ].join('\n');
      });
    });
}

export function registerDeliveryCommands(missions: Command): void {
  missions
    .command('deliveries <id>')
    .description('Show a mission\'s callback delivery and every attempt')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (id: string, o, cmd: Command) => {
      const { mission, delivery, attempts } = await withBackend(async ({ store }) => {
        const mission = await getMission(store, (await resolveOrg(store, o.org)).id, id);
        return { mission, delivery: await store.getDelivery(mission.id), attempts: await store.listDeliveryAttempts(mission.id) };
      });
      if (!mission.callbackUrl) throw new CliError(`Mission ${id} has no callbackUrl, so nothing is delivered.`);
      const callback = callbackView(delivery);
      output(cmd, { missionId: mission.id, url: mission.callbackUrl, callback, attempts }, () =>
        [
          `Callback of mission ${mission.id} to ${mission.callbackUrl}`,
          `state ${callback.state}, webhook-id ${callback.webhookId ?? '(none yet: the mission has not ended)'}` +
            (callback.nextAttemptAt ? `, next attempt ${callback.nextAttemptAt}` : '') +
            (callback.deliveredAt ? `, delivered ${callback.deliveredAt}` : ''),
          table(attempts.map((a) => ({ ...a, status: a.status ?? '-', ms: a.durationMs })), ['cycle', 'attempt', 'startedAt', 'ms', 'status', 'outcome', 'error']),
        ].join('\n'),
      );
    });

  missions
    .command('redeliver <id>')
    .description('Send a mission\'s callback again: a new attempt cycle with the same webhook-id (receivers de-duplicate on it)')
    .option('--org <org>', 'org name or id', 'default')
    .action(async (id: string, o, cmd: Command) => {
      const delivery = await withBackend(async ({ store }) => {
        const mission = await getMission(store, (await resolveOrg(store, o.org)).id, id);
        if (!mission.callbackUrl) throw new CliError(`Mission ${id} has no callbackUrl; there is nothing to deliver.`);
        if (mission.status !== 'completed' && mission.status !== 'failed') {
          throw new CliError(`Mission ${id} is still ${mission.status}; its callback is sent when it ends.`);
        }
        const d = await store.redeliver(mission.id, Date.now());
        if (!d) throw new CliError(`Mission ${id} has no callback to send again.`);
        return d;
      });
      output(cmd, { missionId: id, callback: callbackView(delivery) }, () =>
        `Callback of mission ${id} queued again (cycle ${delivery.cycle}, webhook-id ${delivery.id}); a running server sends it within a few seconds.`,
      );
    });
}
