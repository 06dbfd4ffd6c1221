// The body of a callback: {"event", "mission", "results"} in exactly the shapes GET
// /missions/{id} answers. GET's serializer keeps only what the response schema declares
// (everything, where a schema allows additional properties), so the body is cut to the same
// schemas here; a receiver never sees a field that GET would not show.
import type { TSchema } from '@sinclair/typebox';
import { MissionSchema, ResultsSchema } from '../http/schemas.js';
import { missionView, resultsView } from '../missions/view.js';
import type { CallbackRecord, MissionRecord } from '../store/index.js';

export function callbackBody(event: CallbackRecord['event'], m: MissionRecord): string {
  // The callback's own delivery state describes this very request: it stays out of the body.
  const { callback: _self, ...mission } = missionView(m);
  const results = resultsView(m);
  return JSON.stringify({ event, mission: shapeAs(MissionSchema, mission), results: results === null ? null : shapeAs(ResultsSchema, results) });
}

/** Keeps what `schema` declares, the way fast-json-stringify serializes a response. */
export function shapeAs(schema: TSchema, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return schema.type === 'array' && schema.items ? value.map((v) => shapeAs(schema.items, v)) : value;
  const branches: TSchema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const objectBranch = branches.find((b) => b.type === 'object');
    return objectBranch ? shapeAs(objectBranch, value) : value;
  }
  if (schema.type !== 'object') return value;
  const props: Record<string, TSchema> = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (props[k]) out[k] = shapeAs(props[k], v);
    else if (schema.additionalProperties === true) out[k] = v;
    else if (typeof schema.additionalProperties === 'object') out[k] = shapeAs(schema.additionalProperties, v);
    else if (schema.patternProperties) out[k] = shapeAs(Object.values(schema.patternProperties)[0] as TSchema, v);
  }
  return out;
}
