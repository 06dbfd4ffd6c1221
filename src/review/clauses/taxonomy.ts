// The clause taxonomy is data (taxonomy.yaml): lawyers edit cues and weights there. This module
// gives the file its schema, validates it with errors that name the clause and field, and
// compiles every pattern once so detection never builds a regex at run time.
import { literals, LiteralIndex } from './literals.js';
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LineCounter, parseDocument } from 'yaml';

const Cue = Type.Object(
  {
    pattern: Type.String({ minLength: 1, description: 'A case-insensitive regular expression (JavaScript syntax).' }),
    weight: Type.Number({ description: 'Added to a sentence score when the pattern matches; negative cues subtract.' }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const Flag = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    pattern: Type.String({ minLength: 1 }),
    /** Where the flag's pattern is looked for: the matched sentence (default) or its whole paragraph. */
    scope: Type.Optional(Type.Union([Type.Literal('sentence'), Type.Literal('paragraph')])),
  },
  { additionalProperties: false },
);

const Values = Type.Object(
  {
    extractor: Type.Union([
      Type.Literal('none'),
      Type.Literal('jurisdiction'),
      Type.Literal('date'),
      Type.Literal('duration'),
      Type.Literal('amount'),
      Type.Literal('parties'),
    ]),
    /** For durations: a pattern that must sit near the duration to pick it (e.g. "prior|before|notice"). */
    near: Type.Optional(Type.String({ minLength: 1 })),
    /** Words either side of the duration in which `near` must match. */
    window: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    flags: Type.Optional(Type.Array(Flag)),
  },
  { additionalProperties: false },
);

export const ClauseSpecSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
    title: Type.String({ minLength: 1 }),
    description: Type.String({ minLength: 1 }),
    /** The detector family; families with their own logic live in a file of that name. */
    family: Type.String({ minLength: 1 }),
    /** CUAD's category name when the clause follows one of CUAD's 41 categories. */
    cuad: Type.Optional(Type.String()),
    /** A sentence counts as this clause when its score reaches the threshold (default 2). */
    threshold: Type.Optional(Type.Number({ minimum: 0 })),
    cues: Type.Array(Cue),
    negative: Type.Optional(Type.Array(Cue)),
    /** Matched against the section heading (and an inline run-in heading) the sentence sits under. */
    headings: Type.Optional(Type.Array(Cue)),
    values: Type.Optional(Values),
  },
  { additionalProperties: false },
);

const Jurisdiction = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    kind: Type.Union([Type.Literal('us_state'), Type.Literal('province'), Type.Literal('country'), Type.Literal('region')]),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const TaxonomySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    clauses: Type.Array(ClauseSpecSchema, { minItems: 1 }),
    jurisdictions: Type.Array(Jurisdiction),
  },
  { additionalProperties: false },
);

export type ClauseSpec = Static<typeof ClauseSpecSchema>;
export type TaxonomyData = Static<typeof TaxonomySchema>;
export type JurisdictionSpec = Static<typeof Jurisdiction>;

export interface CompiledCue {
  re: RegExp;
  weight: number;
  source: string;
  /** Words any match contains (literals.ts), as ids in the taxonomy's index; a sentence without one of them skips the pattern. */
  lits?: number[];
}

export interface CompiledClause {
  spec: ClauseSpec;
  id: string;
  title: string;
  family: string;
  threshold: number;
  cues: CompiledCue[];
  negative: CompiledCue[];
  headings: CompiledCue[];
  /** One regex that matches when any positive cue does: a cheap pre-filter per paragraph. */
  any: RegExp;
  /** Ids of words one of which a sentence must contain for any positive cue to match (undefined: no such gate). */
  anyLits?: number[];
  /** The taxonomy's literal index, shared by all its clauses. */
  index: LiteralIndex;
  flags: { name: string; re: RegExp; scope: 'sentence' | 'paragraph' }[];
  near?: RegExp;
}

export interface Taxonomy {
  version: number;
  clauses: CompiledClause[];
  byId: Map<string, CompiledClause>;
  jurisdictions: JurisdictionSpec[];
}

/** A taxonomy file that cannot be used; the message lists every problem with its place. */
export class TaxonomyError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/** The 40 ids that follow CUAD's categories one for one; the taxonomy must hold them all. */
export const CUAD_IDS = [
  'parties', 'agreement_date', 'effective_date', 'expiration_date', 'renewal_term',
  'notice_period_to_terminate_renewal', 'governing_law', 'most_favored_nation', 'non_compete', 'exclusivity',
  'no_solicit_of_customers', 'competitive_restriction_exception', 'no_solicit_of_employees', 'non_disparagement',
  'termination_for_convenience', 'rofr_rofo_rofn', 'change_of_control', 'anti_assignment', 'revenue_profit_sharing',
  'price_restrictions', 'minimum_commitment', 'volume_restriction', 'ip_ownership_assignment', 'joint_ip_ownership',
  'license_grant', 'non_transferable_license', 'affiliate_license_licensor', 'affiliate_license_licensee',
  'unlimited_all_you_can_eat_license', 'irrevocable_or_perpetual_license', 'source_code_escrow',
  'post_termination_services', 'audit_rights', 'uncapped_liability', 'cap_on_liability', 'liquidated_damages',
  'warranty_duration', 'insurance', 'covenant_not_to_sue', 'third_party_beneficiary',
] as const;

function where(data: unknown, path: string): string {
  // "/clauses/3/cues/0/pattern" -> "clause 'governing_law' (clauses[3]) cues[0].pattern"
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'clauses' && parts[1] !== undefined) {
    const c = (data as { clauses?: { id?: unknown }[] }).clauses?.[Number(parts[1])];
    const id = typeof c?.id === 'string' ? `clause '${c.id}'` : `clauses[${parts[1]}]`;
    const rest = parts.slice(2).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    return rest ? `${id}, field ${rest}` : id;
  }
  return parts.length ? parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : 'the file';
}

function compileCue(pattern: string, weight: number, at: string, problems: string[], index?: LiteralIndex): CompiledCue | undefined {
  try {
    const re = new RegExp(pattern, 'i');
    const lits = index && literals(pattern)?.map((l) => index.id(l));
    return { re, weight, source: pattern, ...(lits ? { lits } : {}) };
  } catch (e) {
    problems.push(`${at}: the pattern ${JSON.stringify(pattern)} is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`);
    return undefined;
  }
}

/** Validate parsed taxonomy data and compile it. Throws TaxonomyError listing every problem. */
export function compileTaxonomy(data: unknown, name = 'taxonomy'): Taxonomy {
  if (!Value.Check(TaxonomySchema, data)) {
    const problems = [...Value.Errors(TaxonomySchema, data)].slice(0, 20).map((e) => `${where(data, e.path)}: ${e.message}${e.value === undefined ? ' (missing)' : ''}`);
    throw new TaxonomyError(`${name} is not a valid clause taxonomy:\n  - ${problems.join('\n  - ')}`, problems);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const clauses: CompiledClause[] = [];
  const index = new LiteralIndex();
  for (const spec of data.clauses) {
    const at = `clause '${spec.id}'`;
    if (seen.has(spec.id)) problems.push(`${at}: the id is used twice`);
    seen.add(spec.id);
    const comp = (list: { pattern: string; weight: number }[] | undefined, field: string) =>
      (list ?? []).map((c, i) => compileCue(c.pattern, c.weight, `${at}, field ${field}[${i}]`, problems, field === 'headings' ? undefined : index)).filter((c): c is CompiledCue => !!c);
    const cues = comp(spec.cues, 'cues');
    const flags = (spec.values?.flags ?? []).flatMap((f, i) => {
      const c = compileCue(f.pattern, 0, `${at}, field values.flags[${i}]`, problems);
      return c ? [{ name: f.name, re: c.re, scope: f.scope ?? ('sentence' as const) }] : [];
    });
    const near = spec.values?.near ? compileCue(spec.values.near, 0, `${at}, field values.near`, problems)?.re : undefined;
    if (spec.cues.length === 0 && !['parties', 'dates'].includes(spec.family)) problems.push(`${at}: has no cues, so it can never be found`);
    const positiveCues = cues.filter((c) => c.weight > 0);
    const positive = positiveCues.map((c) => `(?:${c.source})`);
    const anyLits = positiveCues.length && positiveCues.every((c) => c.lits) ? [...new Set(positiveCues.flatMap((c) => c.lits!))] : undefined;
    clauses.push({
      spec,
      id: spec.id,
      title: spec.title,
      family: spec.family,
      threshold: spec.threshold ?? 2,
      cues,
      negative: comp(spec.negative, 'negative'),
      headings: comp(spec.headings, 'headings'),
      any: new RegExp(positive.length ? positive.join('|') : '(?!)', 'i'),
      ...(anyLits ? { anyLits } : {}),
      index,
      flags,
      ...(near ? { near } : {}),
    });
  }
  for (const id of CUAD_IDS) if (!seen.has(id)) problems.push(`the clause '${id}' (a CUAD category) is missing`);
  if (problems.length) throw new TaxonomyError(`${name} is not a valid clause taxonomy:\n  - ${problems.join('\n  - ')}`, problems);
  return { version: data.version, clauses, byId: new Map(clauses.map((c) => [c.id, c])), jurisdictions: data.jurisdictions };
}

/** Parse YAML text (with line numbers in syntax errors) and compile it. */
export function parseTaxonomy(yamlText: string, name = 'taxonomy'): Taxonomy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${e.message.split('\n')[0]}`;
    });
    throw new TaxonomyError(`${name} is not valid YAML:\n  - ${problems.join('\n  - ')}`, problems);
  }
  return compileTaxonomy(doc.toJS(), name);
}

export function loadTaxonomy(url: URL = new URL('./taxonomy.yaml', import.meta.url)): Taxonomy {
  return parseTaxonomy(readFileSync(url, 'utf8'), url.pathname.split('/').pop());
}

