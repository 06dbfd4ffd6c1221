// The risk level of a review, from its reported findings. The rule is documented in
// docs/playbooks.md ("Risk level"); keep the two in step.
import type { RiskLevel, Severity } from '../types.js';

/**
 * - critical: any critical finding;
 * - high: any high finding, or three or more medium;
 * - medium: any medium finding, or three or more low;
 * - low: otherwise (including no findings). `info` findings never raise the level.
 */
export function riskLevel(findings: { severity: Severity }[]): RiskLevel {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  if (n('critical') > 0) return 'critical';
  if (n('high') > 0 || n('medium') >= 3) return 'high';
  if (n('medium') > 0 || n('low') >= 3) return 'medium';
  return 'low';
}
