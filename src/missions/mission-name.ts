import type { MissionType } from '../review/types.js';

const PREFIX: Record<MissionType, string> = {
  redline: 'Contract Review',
  analysis: 'Contract Review',
  draft: 'Draft',
  research: 'Research',
  addendum: 'Addendum',
};

/** "Contract Review — Acme Corp": from the counterparty, else the file name without its extension. */
export function missionName(type: MissionType, counterparty: string | undefined, filename: string): string {
  const subject = counterparty?.trim() || filename.replace(/\.(docx|pdf)$/i, '').trim() || filename;
  return `${PREFIX[type]} — ${subject}`.slice(0, 300);
}
