// Reading a position package from YAML: parse, validate against the schema, then the semantic
// checks; every problem is reported with the line it sits on so a lawyer can fix the file.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { PackageSchema, SEVERITIES, ROLES, type PositionPackage } from './schema.js';
import { parseRuleAmount, parseRuleDuration } from './values.js';

export interface PackageIssue {
  /** 1-based line in the file, when the problem can be placed. */
  line?: number;
  /** Path in the package, e.g. "positions[2].rule.max_duration". */
  path: string;
  message: string;
}

/** A package file that cannot be used. `message` lists every problem, one "line N: path: message" a line. */
export class PackageError extends Error {
  constructor(readonly filename: string, readonly issues: PackageIssue[]) {
    super(`${filename} is not a valid position package:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'PackageError';
  }
}

export function formatIssue(i: PackageIssue): string {
  const where = i.line ? `line ${i.line}: ` : '';
  return `${where}${i.path ? `${i.path}: ` : ''}${i.message}`;
}

export interface LoadOptions {
  /** Clause ids the engine knows; when given, a position naming another id is an error. */
  knownClauseIds?: Iterable<string>;
}

type Segment = string | number;

function pathText(segs: Segment[]): string {
  let s = '';
  for (const seg of segs) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

function pointerToSegments(pointer: string): Segment[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Parses and validates one package file. Throws PackageError (with line numbers) on any problem. */
export function loadPackageFile(text: string, filename: string, opts: LoadOptions = {}): PositionPackage {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);

  if (doc.errors.length > 0) {
    throw new PackageError(
      filename,
      doc.errors.map((e) => ({ line: lineOf(e.pos[0]), path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PackageError(filename, [{ line: 1, path: '', message: 'the file must be a YAML mapping with id, name, positions...' }]);
  }

  /** Line of the node at `segs`, or of the closest ancestor that exists. Keys are preferred for map entries. */
  const lineAt = (segs: Segment[], preferKey = false): number | undefined => {
    for (let n = segs.length; n >= 0; n--) {
      const parentSegs = segs.slice(0, n - 1);
      const last = segs[n - 1];
      if (n > 0 && preferKey && typeof last === 'string') {
        const parent = parentSegs.length ? doc.getIn(parentSegs, true) : doc.contents;
        if (isMap(parent)) {
          const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === last);
          const keyNode = pair?.key as Node | undefined;
          if (keyNode?.range) return lineOf(keyNode.range[0]);
        }
      }
      const node = (n === 0 ? doc.contents : doc.getIn(segs.slice(0, n), true)) as Node | null | undefined;
      if (node && (node as Node).range) return lineOf((node as Node).range![0]);
    }
    return undefined;
  };

  const issues: PackageIssue[] = [];
  const seen = new Set<string>();
  const add = (segs: Segment[], message: string, preferKey = false) => {
    const key = `${pathText(segs)}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ line: lineAt(segs, preferKey), path: pathText(segs), message });
  };

  for (const e of Value.Errors(PackageSchema, data)) {
    const r = describeSchemaError(e);
    if (r) add(r.segs, r.message, r.preferKey);
  }
  if (issues.length === 0) semanticChecks(data as PositionPackage, add, opts);
  if (issues.length > 0) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new PackageError(filename, issues);
  }
  const pkg = data as PositionPackage;
  pkg.version = String(pkg.version);
  return pkg;
}

function describeSchemaError(e: ValueError): { segs: Segment[]; message: string; preferKey?: boolean } | null {
  const segs = pointerToSegments(e.path);
  const field = segs[segs.length - 1];
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { segs: segs.slice(0, -1), message: `missing required field "${String(field)}"` };
    case ValueErrorType.ObjectAdditionalProperties:
      return { segs, message: `unknown field "${String(field)}"`, preferKey: true };
    case ValueErrorType.Union: {
      if (field === 'severity') return { segs, message: `${show(e.value)} is not one of ${SEVERITIES.join(', ')}` };
      if (field === 'representing' || typeof field === 'number') {
        return { segs, message: `${show(e.value)} is not one of ${ROLES.join(', ')}` };
      }
      if (field === 'version') return { segs, message: `${show(e.value)} is not a version like "1.0.0"` };
      return { segs, message: `${show(e.value)} is not an allowed value` };
    }
    case ValueErrorType.Literal:
      return null; // reported by the enclosing Union
    case ValueErrorType.String:
      return { segs, message: `expected text, found ${show(e.value)}` };
    case ValueErrorType.Boolean:
      return { segs, message: `expected true or false, found ${show(e.value)}` };
    case ValueErrorType.Array:
      return { segs, message: `expected a list, found ${show(e.value)}` };
    case ValueErrorType.Object:
      return { segs, message: `expected a mapping of fields, found ${show(e.value)}` };
    case ValueErrorType.ArrayMinItems:
      return { segs, message: 'must list at least one item' };
    case ValueErrorType.ArrayMaxItems:
      return { segs, message: `lists too many items (${e.schema.maxItems} at most)` };
    case ValueErrorType.StringMinLength:
      return { segs, message: 'must not be empty' };
    case ValueErrorType.StringMaxLength:
      return { segs, message: `is longer than ${e.schema.maxLength} characters` };
    case ValueErrorType.StringPattern:
      if (field === 'clauseId') return { segs, message: `${show(e.value)} is not a clause id like "governing_law"` };
      return { segs, message: `${show(e.value)} is not a valid id (lower-case letters, digits, ".", "_", "-")` };
    default:
      return { segs, message: e.message };
  }
}

function semanticChecks(
  pkg: PositionPackage,
  add: (segs: Segment[], message: string, preferKey?: boolean) => void,
  opts: LoadOptions,
): void {
  const known = opts.knownClauseIds ? new Set(opts.knownClauseIds) : null;
  const ids = new Map<string, number>();
  pkg.positions.forEach((p, i) => {
    const at = (...rest: Segment[]): Segment[] => ['positions', i, ...rest];
    const prev = ids.get(p.id);
    if (prev !== undefined) add(at('id'), `duplicate position id "${p.id}" (also positions[${prev}])`);
    else ids.set(p.id, i);
    if (known && !known.has(p.clauseId)) add(at('clauseId'), `"${p.clauseId}" is not a clause id the engine detects`);

    const r = p.rule;
    const keys = Object.keys(r) as (keyof typeof r)[];
    if (keys.length === 0) add(at('rule'), 'a rule needs at least one of required, prohibited, max_duration, min_duration, max_amount, min_amount, one_of, mutual');
    if (r.required && r.prohibited) add(at('rule'), 'a clause cannot be both required and prohibited');
    if (r.prohibited && keys.some((k) => k !== 'prohibited')) add(at('rule'), 'prohibited cannot be combined with other checks');
    for (const k of ['max_duration', 'min_duration'] as const) {
      const v = r[k];
      if (v !== undefined && parseRuleDuration(v) === null) add(at('rule', k), `${show(v)} is not a duration like "5 years"`);
    }
    for (const k of ['max_amount', 'min_amount'] as const) {
      const v = r[k];
      if (v !== undefined && parseRuleAmount(v) === null) {
        add(at('rule', k), `${show(v)} is not an amount like "USD 1,000,000" or "12 months of fees"`);
      }
    }
    const minD = r.min_duration ? parseRuleDuration(r.min_duration) : null;
    const maxD = r.max_duration ? parseRuleDuration(r.max_duration) : null;
    if (minD && maxD && minD.days > maxD.days) add(at('rule'), 'min_duration is longer than max_duration');

    if (p.direction === 'for_us' && r.prohibited) add(at('direction'), 'for_us does not apply to prohibited positions (a prohibited clause is one that bears against you: use against_us)', true);
    if ((p.direction === 'against_us' || p.direction === 'one_sided_against_us') && r.required && keys.length === 1) {
      add(at('direction'), `${p.direction} does not apply to required-only positions (use for_us: the clause must be in your favour)`, true);
    }

    const f = p.fallback;
    if (f?.insertAfter && !f.insert) add(at('fallback', 'insertAfter'), 'insertAfter needs an insert text', true);
    if (r.required && Object.keys(r).length === 1 && f && !f.insert && (f.replace || f.replaceValue)) {
      add(at('fallback'), 'a required-only position can only be fixed by inserting a clause: use insert');
    }
    if (f?.delete && !r.prohibited) add(at('fallback', 'delete'), 'delete only applies to prohibited positions', true);
    if (f?.delete && f.replace) add(at('fallback', 'delete'), 'use either delete or replace, not both', true);
    if (f?.replaceValue && !(r.max_duration || r.min_duration || r.max_amount || r.min_amount || r.one_of)) {
      add(at('fallback', 'replaceValue'), 'replaceValue only applies to duration, amount or one_of rules', true);
    }
  });
}

/** Where the shipped YAML files are: beside this module in src/ (tsx) and in dist/ (copied by the build). */
const PACKAGES_DIR = new URL('./packages/', import.meta.url);

let builtIns: PositionPackage[] | null = null;

/** The packages that ship with Docket, validated once and cached. Callers must not mutate them. */
export function builtInPackages(): PositionPackage[] {
  if (builtIns) return builtIns;
  const dir = fileURLToPath(PACKAGES_DIR);
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  builtIns = files.map((f) => deepFreeze(loadPackageFile(readFileSync(new URL(f, PACKAGES_DIR), 'utf8'), f)));
  return builtIns;
}

export function builtInPackage(id: string): PositionPackage | undefined {
  return builtInPackages().find((p) => p.id === id);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * Validates a package object that did not come from YAML (e.g. stored as JSON by the API and
 * passed back as `input.positionPackage`). Returns it typed, or throws PackageError without lines.
 */
export function asPositionPackage(value: unknown, label = 'position package'): PositionPackage {
  if (!Value.Check(PackageSchema, value)) {
    const issues: PackageIssue[] = [];
    for (const e of Value.Errors(PackageSchema, value)) {
      const r = describeSchemaError(e);
      if (r) issues.push({ path: pathText(r.segs), message: r.message });
      if (issues.length >= 20) break;
    }
    throw new PackageError(label, issues);
  }
  const pkg = value as PositionPackage;
  const issues: PackageIssue[] = [];
  semanticChecks(pkg, (segs, message) => issues.push({ path: pathText(segs), message }), {});
  if (issues.length > 0) throw new PackageError(label, issues);
  return { ...pkg, version: String(pkg.version) };
}
