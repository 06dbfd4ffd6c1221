// The position package (playbook) format. One TypeBox schema gives the validator, the static
// types and the documentation's field list (docs/playbooks.md). Semantic checks the schema
// cannot express (durations parse, ids unique, rule keys consistent) live in load.ts.
import { Type, type Static } from '@sinclair/typebox';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** Sides a package or a position can protect. "either" = written to be fair to whoever uses it. */
export const ROLES = [
  'mutual',
  'either',
  'disclosing_party',
  'receiving_party',
  'customer',
  'vendor',
] as const;

/**
 * Which way a clause must bear for a position to hold it (see findings/direction.ts):
 * any (default, every detected clause), against_us (binds us or empowers the counterparty),
 * one_sided_against_us (binds only us / empowers only them), for_us (binds them or empowers us).
 */
export const DIRECTIONS = ['any', 'against_us', 'one_sided_against_us', 'for_us'] as const;

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 80, description: 'stable id: lower-case letters, digits, ".", "_", "-"' });
const Text = Type.String({ minLength: 1, maxLength: 20_000 });
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const DirectionSchema = Type.Union(DIRECTIONS.map((d) => Type.Literal(d)));
const SeveritySchema = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));

export const RuleSchema = Type.Object(
  {
    required: Type.Optional(Type.Boolean({ description: 'the clause must be present' })),
    prohibited: Type.Optional(Type.Boolean({ description: 'the clause must not be present' })),
    max_duration: Type.Optional(Type.String({ description: 'e.g. "5 years"; "perpetual" fails it' })),
    min_duration: Type.Optional(Type.String({ description: 'e.g. "2 years"; "perpetual" meets it' })),
    max_amount: Type.Optional(Type.String({ description: 'e.g. "USD 1,000,000" or "12 months of fees"' })),
    min_amount: Type.Optional(Type.String({ description: 'e.g. "USD 1,000,000" or "12 months of fees"' })),
    one_of: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'allowed values, e.g. jurisdictions' })),
    mutual: Type.Optional(Type.Boolean({ description: 'the clause must bind both parties, not one' })),
  },
  { additionalProperties: false },
);

export const FallbackSchema = Type.Object(
  {
    /** Replaces only the offending value (e.g. the duration or the jurisdiction words): the smallest edit. */
    replaceValue: Type.Optional(Text),
    /** Replaces the clause's offending sentence/excerpt when a value swap is not enough (or for prohibited/mutual rules). */
    replace: Type.Optional(Text),
    /** For a prohibited clause: the redline deletes the offending sentence (and the addendum deletes it). */
    delete: Type.Optional(Type.Boolean()),
    /** A clause to insert when a required clause is missing. */
    insert: Type.Optional(Text),
    /** Where the insertion belongs: clause ids or heading words tried in order ("after the confidentiality clause"). */
    insertAfter: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    /** Heading for an inserted clause in a drafted document or addendum. */
    heading: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const PositionSchema = Type.Object(
  {
    id: Slug,
    clauseId: Type.String({ pattern: '^[a-z][a-z0-9_]*$', description: 'a clause id of the taxonomy' }),
    rule: RuleSchema,
    severity: SeveritySchema,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    rationale: Text,
    recommendation: Text,
    fallback: Type.Optional(FallbackSchema),
    appliesTo: Type.Optional(Type.Array(Role, { minItems: 1 })),
    /** Which detected clauses the position holds, by whom they bind or empower; default any (every clause). */
    direction: Type.Optional(DirectionSchema),
    /** Extra words that tie free-text instructions to this position (clause id words and title words count already). */
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
  },
  { additionalProperties: false },
);

export const PackageSchema = Type.Object(
  {
    id: Slug,
    version: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Number()]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Text,
    agreementTypes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1 }),
    representing: Role,
    positions: Type.Array(PositionSchema, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);

export type Severity = Static<typeof SeveritySchema>;
export type Role = Static<typeof Role>;
export type Direction = Static<typeof DirectionSchema>;
export type Rule = Static<typeof RuleSchema>;
export type Fallback = Static<typeof FallbackSchema>;
export type Position = Static<typeof PositionSchema>;
/** A validated package. `version` is always a string after loading. */
export type PositionPackage = Omit<Static<typeof PackageSchema>, 'version'> & { version: string };

/** What a package listing shows (GET /position-packages, `docket packages list`). */
export interface PackageSummary {
  id: string;
  version: string;
  name: string;
  description: string;
  agreementTypes: string[];
  representing: Role;
  positionsCount: number;
}

export function summarizePackage(p: PositionPackage): PackageSummary {
  return {
    id: p.id,
    version: p.version,
    name: p.name,
    description: p.description,
    agreementTypes: [...p.agreementTypes],
    representing: p.representing,
    positionsCount: p.positions.length,
  };
}
