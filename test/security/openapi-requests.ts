import { randomUUID } from 'node:crypto';
import { tokenFor } from '@fundline/testing';
import { Answer } from '../support/live-system';
import { Endpoint } from './endpoint-catalogue';

/** The part of an OpenAPI 3 document the security suites read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
}

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

function operationOf(doc: OpenApi, endpoint: Endpoint): Operation {
  return doc.paths[endpoint.route][endpoint.method.toLowerCase()];
}

/** A schema with its references followed (a `$ref`, or one wrapped in `allOf` to carry a description). */
export function resolve(doc: OpenApi, schema: Schema): Schema {
  const wrapped = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
  const ref = schema.$ref ?? wrapped?.$ref;
  if (!ref) return schema;
  const target = doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`the document has no schema ${ref}`);
  return resolve(doc, target);
}

/** The JSON body schema of an operation, resolved; undefined when it takes no JSON body. */
export function jsonBodySchema(doc: OpenApi, endpoint: Endpoint): Schema | undefined {
  const schema = operationOf(doc, endpoint).requestBody?.content?.['application/json']?.schema;
  return schema && resolve(doc, schema);
}

/** What an endpoint reads, from its OpenAPI operation: the fields of its body and the names of its query. */
export function surface(doc: OpenApi, endpoint: Endpoint) {
  const operation = operationOf(doc, endpoint);
  return {
    hasBody: operation.requestBody !== undefined,
    fields: Object.keys(jsonBodySchema(doc, endpoint)?.properties ?? {}),
    query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  };
}

/**
 * A body built from the schema alone: each property (optional ones too, so that their own required fields are
 * exercised) from its example, else its first enum value, else a value of its type and format. Arrays get one item.
 */
export function bodyFromSchema(doc: OpenApi, schema: Schema): unknown {
  if (schema.example !== undefined) return structuredClone(schema.example);
  const s = resolve(doc, schema);
  if (s.example !== undefined) return structuredClone(s.example);
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array') return [bodyFromSchema(doc, s.items ?? {})];
  if (s.properties) {
    return Object.fromEntries(Object.entries(s.properties).map(([name, p]) => [name, bodyFromSchema(doc, p)]));
  }
  if (s.type === 'object') return {};
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return false;
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date') return '2026-11-20';
  return 'example';
}

export type FieldPath = ReadonlyArray<string | number>;

export interface Field {
  path: FieldPath;
  required: boolean;
  /** Null is one of its values (`nullable: true`): required means present, and null is an answer, not an omission. */
  nullable: boolean;
}

/**
 * Every field the schema declares at every depth of `body`: the properties of the body, of each nested object present
 * in it and of each item of each array present in it, each with whether the schema's `required` list names it and
 * whether it takes null.
 */
export function fieldsOf(doc: OpenApi, schema: Schema, body: unknown, at: FieldPath = []): Field[] {
  const s = resolve(doc, schema);
  if (Array.isArray(body)) {
    return s.items ? body.flatMap((item, i) => fieldsOf(doc, s.items!, item, [...at, i])) : [];
  }
  if (body === null || typeof body !== 'object' || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([name, property]) => [
    { path: [...at, name], required: (s.required ?? []).includes(name), nullable: property.nullable === true },
    ...(name in body ? fieldsOf(doc, property, (body as Record<string, unknown>)[name], [...at, name]) : []),
  ]);
}

/** A copy of `body` with the field at `path` removed, or set to `value`. */
export function withField(body: unknown, path: FieldPath, change: { remove: true } | { value: unknown }): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if ('remove' in change) delete parent[last];
  else parent[last] = change.value;
  return copy;
}

/** The credentials of the first role allowed to call an endpoint (a government of the Philippines). */
export function personaFor(endpoint: Endpoint): Record<string, string> {
  if (endpoint.allowed === 'public') return {};
  const role = endpoint.allowed[0];
  return { Authorization: `Bearer ${tokenFor(role, role === 'government' ? 'PHL' : undefined)}` };
}

/** What is wrong with an answer to a request that had to be refused (or, for a read, answered), if anything. */
export function problems(answer: Answer, write: boolean): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (write && answer.status < 400) return `a hostile write was accepted (${answer.status})`;
  if (/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/.test(answer.text)) return 'a stack trace in the answer';
  if (answer.status < 400) return undefined;
  if (!answer.contentType.startsWith('application/problem+json')) return `content-type ${answer.contentType}`;
  const problem = JSON.parse(answer.text) as { status?: number; type?: string; title?: string };
  if (problem.status !== answer.status || !problem.type || !problem.title) return 'not a problem document';
  return undefined;
}
