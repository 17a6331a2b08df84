// Checks a JSON answer of the server against its schema in docs/openapi.yaml (OpenAPI 3.0), strictly: besides
// types, required fields, enums and nullability, a field the schema does not name is an error, so the spec
// cannot fall behind what the server writes. The YAML is read with the parser openapi-typescript uses.
import { readFileSync } from 'node:fs';
import { parseYaml } from '@redocly/openapi-core';

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  maxItems?: number;
};
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const spec = parseYaml(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as Spec;

function resolve(s: Schema): Schema {
  while (s.$ref) s = spec.components.schemas[s.$ref.replace('#/components/schemas/', '')];
  return s;
}

/** The properties an object schema names (through allOf), or null when it leaves them open. */
function named(schema: Schema): Set<string> | null {
  const s = resolve(schema);
  if (s.oneOf || (s.additionalProperties !== undefined && s.additionalProperties !== false)) return null;
  const names = new Set(Object.keys(s.properties ?? {}));
  for (const part of s.allOf ?? []) {
    const more = named(part);
    if (!more) return null;
    more.forEach((n) => names.add(n));
  }
  return names.size ? names : null;
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    default: return true;
  }
}

/** The problems of `v` against `schema`, each naming where (`$.items[0].status`). */
export function check(schema: Schema, v: unknown, at = '$', strict = true): string[] {
  const s = resolve(schema);
  if (v === null) return s.nullable ? [] : [`${at}: null where the spec does not allow it`];
  const out: string[] = [];
  for (const part of s.allOf ?? []) out.push(...check(part, v, at, false));
  if (s.oneOf && !s.oneOf.some((o) => check(o, v, at).length === 0)) out.push(`${at}: matches none of oneOf`);
  if (s.type && !typeOk(s.type, v)) return [...out, `${at}: ${JSON.stringify(v)?.slice(0, 60)} is not ${s.type}`];
  if (s.enum && !s.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) v.forEach((x, i) => out.push(...check(s.items as Schema, x, `${at}[${i}]`)));
  } else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${at}: no field «${r}»`);
    for (const [k, p] of Object.entries(s.properties ?? {})) if (k in o) out.push(...check(p, o[k], `${at}.${k}`));
    if (typeof s.additionalProperties === 'object')
      for (const [k, x] of Object.entries(o)) if (!(k in (s.properties ?? {}))) out.push(...check(s.additionalProperties, x, `${at}.${k}`));
    const known = strict ? named(s) : null;
    if (known) for (const k of Object.keys(o)) if (!known.has(k)) out.push(`${at}: field «${k}» is not in the spec`);
  }
  return out;
}

/** The JSON schema of a path's answer with `status` (the spec's path template, e.g. /api/v1/audit/proposals/{id}). */
export function responseSchema(path: string, method: string, status: number): Schema {
  const op = spec.paths[path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in docs/openapi.yaml`);
  const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no JSON schema in docs/openapi.yaml`);
  return schema;
}
