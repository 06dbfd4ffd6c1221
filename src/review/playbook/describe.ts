// A rule in words, for reports and memos: "required; must bind both parties".
import type { Rule } from './schema.js';

export function describeRule(r: Rule): string {
  const out: string[] = [];
  if (r.required) out.push('required');
  if (r.prohibited) out.push('must not appear');
  if (r.min_duration) out.push(`at least ${r.min_duration}`);
  if (r.max_duration) out.push(`at most ${r.max_duration}`);
  if (r.min_amount) out.push(`at least ${r.min_amount}`);
  if (r.max_amount) out.push(`at most ${r.max_amount}`);
  if (r.one_of) out.push(`one of ${r.one_of.join(', ')}`);
  if (r.mutual) out.push('must bind both parties');
  return out.join('; ');
}
