// An addendum that amends the contract to the package's positions: one numbered amendment per
// reported finding that has fallback language, each referencing the section it changes.
import { buildDocx, type Block } from '../docx/build.js';
import type { ReviewedFinding } from '../findings/index.js';
import { DISCLAIMER, formatDate, sectionRef, truncate, type ReviewData } from './data.js';

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The amendment sentence for one finding, or null when the playbook offers no language for it. */
export function amendmentFor(r: ReviewedFinding): string | null {
  const { failure, position } = r;
  const fb = position.fallback ?? {};
  const loc = failure.clause?.location ?? null;
  const ref = sectionRef(loc);
  if (!failure.clause) {
    if (!fb.insert) return null;
    const heading = fb.heading ? ` headed "${fb.heading}"` : '';
    return `The Agreement is amended by adding the following new provision${heading}: “${clean(fb.insert)}”`;
  }
  if (failure.valueText && fb.replaceValue) {
    return `${ref} is amended by replacing “${failure.valueText}” with “${clean(fb.replaceValue)}”.`;
  }
  const quoted = `the provision of ${ref} that reads “${truncate(failure.clause.excerpt, 240)}”`;
  if (fb.replace) return `${cap1(quoted)} is deleted and replaced with: “${clean(fb.replace)}”`;
  if (failure.kind === 'prohibited' && fb.delete) return `${cap1(quoted)} is deleted and has no further effect.`;
  return null;
}

function cap1(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function buildAddendum(d: ReviewData): { bytes: Uint8Array; amendments: number } {
  const title = d.doc.title && d.doc.title.length < 120 ? d.doc.title : 'the Agreement';
  const parties = d.parties.length >= 2 ? d.parties : [d.context.representingParty, d.context.counterparty].filter((x): x is string => !!x);
  const between = parties.length >= 2 ? `between ${parties.join(' and ')}` : 'between the parties to it';
  const amendments = d.result.findings.map((r) => ({ r, text: amendmentFor(r) })).filter((x): x is { r: ReviewedFinding; text: string } => !!x.text);

  const blocks: Block[] = [
    { kind: 'paragraph', style: 'Title', runs: 'Addendum' },
    { kind: 'paragraph', style: 'Subtitle', runs: `to ${title}` },
    {
      kind: 'paragraph',
      runs: `This Addendum is made on ____________ ${between} and amends ${title === 'the Agreement' ? 'the agreement' : `the agreement titled “${title}”`} (the “Agreement”). Capitalised terms not defined in this Addendum have the meanings given in the Agreement.`,
    },
    { kind: 'paragraph', style: 'Heading1', runs: 'Amendments' },
    { kind: 'paragraph', runs: 'With effect from the date of this Addendum, the Agreement is amended as follows:' },
  ];
  if (!amendments.length) blocks.push({ kind: 'paragraph', runs: 'No amendments are required: the review found no deviation for which the position package offers replacement language.' });
  amendments.forEach(({ text }, i) => blocks.push({ kind: 'paragraph', runs: [{ text: `${i + 1}.\t`, bold: true }, text] }));
  blocks.push(
    { kind: 'paragraph', style: 'Heading1', runs: 'General' },
    { kind: 'paragraph', runs: `${amendments.length + 1}.\tExcept as amended by this Addendum, the Agreement remains in full force and effect. If this Addendum and the Agreement conflict, this Addendum prevails.` },
    { kind: 'paragraph', runs: `${amendments.length + 2}.\tThis Addendum may be signed in counterparts, including by electronic signature, each of which is an original and which together form one instrument.` },
    { kind: 'paragraph', style: 'Heading1', runs: 'Signatures' },
    {
      kind: 'table',
      rows: [
        [parties[0] ?? 'Party A', parties[1] ?? 'Party B'],
        ['By: ________________________', 'By: ________________________'],
        ['Name:', 'Name:'],
        ['Title:', 'Title:'],
        ['Date:', 'Date:'],
      ],
      widths: [4680, 4680],
    },
    { kind: 'paragraph', runs: [{ text: `Drafted by Docket on ${formatDate(d.date)} from the ${d.pkg.name} position package (${d.pkg.id} v${d.pkg.version}). ${DISCLAIMER}`, italic: true, color: '666666' }] },
  );
  return { bytes: buildDocx(blocks, { title: `Addendum to ${title}`, author: 'Docket', created: d.date }), amendments: amendments.length };
}
