// The date family: the agreement date (from the preamble), the effective date, the expiration
// date (stated, or computed from the effective date and the term).
import type { DocContext, Unit } from './context.js';
import type { ClauseValues } from './model.js';
import { addToDate, findDates, type FoundDate } from './date-values.js';
import { findDurations } from './durations.js';
import { frontUnits } from './parties.js';

const PREAMBLE_CUE = /\b(?:dated|made|entered\s+into|executed|effective|as\s+of|day\s+of|this\s+agreement|agreement|is\s+made)\b/i;

/** The agreement date: the first date in the preamble, or a "Dated:" line. */
export function findAgreementDate(ctx: DocContext): { unit: Unit; date: FoundDate } | undefined {
  const firstIndex = ctx.units[0]?.paragraph.index ?? 0;
  for (const u of frontUnits(ctx, 40)) {
    if (/^\s*WHEREAS\b/i.test(u.text) && u.paragraph.index > firstIndex + 3) break;
    if (!PREAMBLE_CUE.test(u.text)) continue;
    const d = findDates(u.text).find((x) => !/\b(?:amended|restated)\b.{0,30}$/i.test(u.text.slice(0, x.index)));
    if (d) return { unit: u, date: d };
  }
  // Some agreements only carry the date by the signatures or in a "Date:" field.
  for (const u of ctx.units) {
    if (/^\s*(?:dated|date|effective\s+date|(?:last\s+)?(?:updated|revised)(?:\s+on)?)\s*:/i.test(u.text)) {
      const d = findDates(u.text)[0];
      if (d) return { unit: u, date: d };
    }
  }
  return undefined;
}

const REFERS_TO_DATE_HEREOF = /\b(?:date\s+(?:first\s+)?(?:written|set\s+forth|stated|mentioned|above)|date\s+hereof|date\s+of\s+this\s+agreement|(?:upon|on|from|as\s+of)\s+(?:the\s+)?(?:date\s+of\s+)?(?:its\s+|the\s+)?(?:execution|signature|signing)|(?:execution|signature|signing)\s+(?:date|hereof|of\s+this\s+agreement)|date\s+(?:of|on\s+which)\s+(?:this\s+agreement\s+is\s+)?(?:executed|signed))\b/i;

export function effectiveDateValues(unit: Unit, agreementDate: FoundDate | undefined): ClauseValues | undefined {
  const dates = findDates(unit.text);
  const d = dates.find((x) => x.day) ?? dates[0];
  if (d) return { date: d.iso, dateText: d.text };
  if (agreementDate && REFERS_TO_DATE_HEREOF.test(unit.text)) return { date: agreementDate.iso, dateText: agreementDate.text };
  return undefined;
}

const PERPETUAL = /\b(?:perpetu(?:al|ity|ally)|in\s+perpetuity|indefinite(?:ly)?|until\s+terminated|unless\s+and\s+until\s+terminated|no\s+fixed\s+term)\b/i;

export function expirationValues(unit: Unit, effective: string | undefined): ClauseValues | undefined {
  const dates = findDates(unit.text).filter((d) => d.day);
  // A stated end date: "expiring May 31, 2021", "until December 31, 2010".
  const stated = dates.find((d) => /\b(?:until|through|expir\w*|terminat\w*|end\w*|ending|thru|to|on)\s+(?:and\s+including\s+)?(?:the\s+)?$/i.test(unit.text.slice(Math.max(0, d.index - 40), d.index)));
  if (stated) return { date: stated.iso, dateText: stated.text };
  const durations = findDurations(unit.text).filter((x) => x.unit !== 'day' || x.value >= 30);
  const firstDuration = durations[0];
  const anniversary = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+anniversary\b/i.exec(unit.text);
  if (anniversary && effective) {
    const n = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'].indexOf(anniversary[1]!.toLowerCase()) + 1;
    const iso = addToDate(effective, n, 'year');
    if (iso) return { date: iso, computed: true };
  }
  if (firstDuration && effective) {
    const iso = addToDate(effective, firstDuration.value, firstDuration.unit);
    if (iso) return { date: iso, duration: stripFound(firstDuration), computed: true };
  }
  if (PERPETUAL.test(unit.text)) return { flags: ['perpetual'] };
  if (firstDuration) return { duration: stripFound(firstDuration) };
  return undefined;
}

function stripFound<T extends { index: number; end: number }>(d: T): Omit<T, 'index' | 'end'> {
  const { index: _i, end: _e, ...rest } = d;
  return rest;
}
