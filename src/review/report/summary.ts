// The few sentences at the top of the results: who, what, how risky, and the top issues.
import type { MissionType, RiskLevel } from '../types.js';
import type { FindingsResult } from '../findings/index.js';
import type { PositionPackage, Role } from '../playbook/schema.js';
import { ROLE_LABEL, SEVERITY_ORDER } from './data.js';

export interface SummaryInput {
  missionType: MissionType;
  filename: string;
  title?: string;
  counterparty?: string;
  agreementType?: string;
  parties: string[];
  role?: Role;
  pkg: PositionPackage;
  result: FindingsResult;
  riskLevel: RiskLevel;
  draftSections?: number;
  amendments?: number;
}

export function buildSummary(s: SummaryInput): string {
  const what = s.agreementType ? `${/^[aeiou]/i.test(s.agreementType) ? 'an' : 'a'} ${s.agreementType}` : s.title && s.title.length < 80 ? `“${s.title}”` : s.filename;
  const withWhom = s.counterparty ? ` with ${s.counterparty}` : s.parties.length >= 2 ? ` between ${s.parties.slice(0, 2).join(' and ')}` : '';
  const side = s.role ? `, for ${ROLE_LABEL[s.role]}` : '';
  const sentences: string[] = [];
  sentences.push(`Docket reviewed ${what}${withWhom} against the ${s.pkg.name} playbook (${s.result.positionsChecked} positions${side}).`);
  const n = s.result.findings.length;
  if (n === 0) {
    sentences.push(`Risk is ${s.riskLevel}: no deviation from the playbook was found${s.result.belowThreshold.length ? ` at or above the ${s.result.minSeverity} level (${s.result.belowThreshold.length} minor point${s.result.belowThreshold.length === 1 ? '' : 's'} below it)` : ''}.`);
  } else {
    const counts = SEVERITY_ORDER.map((sev) => [sev, s.result.findings.filter((f) => f.finding.severity === sev).length] as const)
      .filter(([, c]) => c > 0)
      .map(([sev, c]) => `${c} ${sev}`);
    sentences.push(`Risk is ${s.riskLevel}, with ${n} finding${n === 1 ? '' : 's'} (${counts.join(', ')}).`);
    const top = s.result.findings.slice(0, 3).map((f) => `${f.finding.title.replace(/\.$/, '')}${f.finding.location?.section ? ` (section ${f.finding.location.section})` : f.finding.location ? '' : ' (missing)'}`);
    sentences.push(`Top issue${top.length === 1 ? '' : 's'}: ${top.join('; ')}.`);
  }
  if (s.missionType === 'draft') {
    sentences.push(`The draft is template-based: it assembles the playbook's standard clauses (${s.draftSections ?? 0} sections) for the side you represent and must be completed and checked before use.`);
  }
  if (s.missionType === 'addendum') {
    sentences.push(s.amendments ? `The addendum proposes ${s.amendments} amendment${s.amendments === 1 ? '' : 's'} from the playbook's fallback language.` : 'No amendment language was needed.');
  }
  return sentences.join(' ');
}
