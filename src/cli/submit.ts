// `docket submit <file>`: send a contract for review through the SDK, optionally wait for the
// result, show the findings and download the redline and report.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CreateMissionParams, Docket, MissionType } from '../client/index.js';
import { CliError, output } from './common.js';
import { addClientOptions, clientFrom, downloadAll, explain, finish, progressReporter } from './api-client.js';

const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MIME_PDF = 'application/pdf';
const TYPES = ['redline', 'analysis', 'draft', 'research', 'addendum'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DOCX or PDF by the bytes themselves (a zip holding word/document.xml, or %PDF-), else null. */
export function sniff(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  if (head === '%PDF-') return MIME_PDF;
  if (head.startsWith('PK\x03\x04') && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml')) return MIME_DOCX;
  return null;
}

function readContract(file: string): { bytes: Uint8Array; mimeType: string } {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`File not found: ${file}`);
  if (!statSync(path).isFile()) throw new CliError(`Not a file: ${file}`);
  const bytes = readFileSync(path);
  const mimeType = sniff(bytes);
  if (!mimeType) throw new CliError(`${file} is not a DOCX or PDF file (judged by its contents, not its name); submit a Word .docx or a PDF.`);
  return { bytes, mimeType };
}

async function resolveTeam(d: Docket, want: string): Promise<string> {
  if (UUID.test(want)) return want;
  const teams = await d.teams.list();
  const t = teams.find((x) => x.name === want) ?? teams.find((x) => x.name.toLowerCase() === want.toLowerCase());
  if (!t) throw new CliError(`No team named "${want}"; teams: ${teams.map((x) => `"${x.name}"`).join(', ') || 'none'}.`);
  return t.id;
}

async function resolvePackage(d: Docket, want: string): Promise<string> {
  if (UUID.test(want)) return want;
  const pkgs = await d.positionPackages.list();
  const p = pkgs.find((x) => x.slug === want) ?? pkgs.find((x) => x.name.toLowerCase() === want.toLowerCase());
  if (!p) throw new CliError(`No position package "${want}"; packages: ${pkgs.map((x) => x.slug).join(', ') || 'none'}.`);
  return p.id;
}

export function registerSubmit(program: Command): void {
  addClientOptions(
    program
      .command('submit <file>')
      .description('Submit a DOCX or PDF for review (through the API, like any client); --wait for the findings and result documents')
      .requiredOption('--type <type>', `mission type: ${TYPES.join(', ')}`)
      .requiredOption('--team <team>', 'team name or id (see GET /teams)')
      .option('--package <package>', 'position package id or slug (default: the team\'s)')
      .option('--counterparty <name>', 'the other party; names the mission')
      .option('--agreement-type <type>', 'e.g. NDA, MSA')
      .option('--instructions <text>', 'free-text instructions for the review')
      .option('--external-ref <ref>', 'your own id; if a mission with it exists, that one is used instead of submitting again')
      .option('--callback-url <url>', 'POST the result here when the mission ends')
      .option('--wait', 'wait for the mission to end, show the findings and download the result documents')
      .option('--out <dir>', 'where --wait saves the result documents', '.'),
  ).action(async (file: string, o, cmd: Command) => {
    const type = String(o.type);
    if (!TYPES.includes(type)) throw new CliError(`--type must be one of ${TYPES.join(', ')} (got "${type}").`);
    const { bytes, mimeType } = readContract(file);
    const d = clientFrom(o);
    try {
      const context = Object.fromEntries(
        Object.entries({ counterparty: o.counterparty, agreementType: o.agreementType, instructions: o.instructions }).filter(([, v]) => v !== undefined),
      );
      const params: Omit<CreateMissionParams, 'externalRef'> = {
        teamId: await resolveTeam(d, o.team),
        missionType: type as MissionType,
        document: { data: bytes, filename: basename(file), mimeType },
        ...(Object.keys(context).length ? { context } : {}),
        ...(o.package ? { positionPackageId: await resolvePackage(d, o.package) } : {}),
        ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
      };
      const { mission, created } = o.externalRef
        ? await d.createMissionOnce(o.externalRef, params)
        : { mission: (await d.missions.create(params)).mission, created: true };
      if (!o.wait) {
        output(cmd, { mission, created }, () =>
          `${created ? 'submitted' : `already submitted with externalRef ${mission.externalRef}:`} ${mission.name} (${mission.id}), ${mission.status}\n` +
          `follow it with: npx docket missions watch ${mission.id}`);
        return;
      }
      if (!cmd.optsWithGlobals().json) process.stderr.write(`${created ? 'submitted' : 'already submitted:'} ${mission.name} (${mission.id})\n`);
      const progress = progressReporter();
      let r;
      try {
        r = await d.waitForMission(mission.id, { onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      finish(cmd, r, r.mission.status === 'completed' ? await downloadAll(d, r, o.out) : []);
    } catch (e) {
      throw explain(e);
    }
  });
}
