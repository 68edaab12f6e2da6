// Writes the TypeScript view of docs/openapi.yaml: one type per schema and one
// entry per operation. The client is written against these types, so tsc
// rejects client code the document does not back, and contract.test.ts fails
// while the committed types.gen.ts differs from what the document gives.
// Handles the subset of OpenAPI 3.0 the document uses; anything else throws,
// so a new construct is noticed rather than silently typed as unknown.
import { parse } from 'yaml';

export interface SchemaObject {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  nullable?: boolean;
  enum?: (string | number)[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  [other: string]: unknown;
}

export interface ParameterObject {
  $ref?: string;
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: SchemaObject;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: SchemaObject }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject>;
  };
}

export interface OperationSummary {
  operationId: string;
  method: string;
  path: string;
  pathParams: ParameterObject[];
  query: ParameterObject[];
  /** The JSON request body, when the operation takes one. */
  body: SchemaObject | null;
  /** 200, or 201 for an operation that creates something. */
  status: 200 | 201 | 202;
  response: SchemaObject;
}

// Schema names that would shadow a global type in the generated module.
const renamed: Record<string, string> = { Error: 'ApiErrorBody' };

export function typeName(schemaName: string): string {
  return renamed[schemaName] ?? schemaName;
}

export function parseDocument(yamlText: string): OpenApiDocument {
  return parse(yamlText) as OpenApiDocument;
}

function refName(ref: string, section: 'schemas' | 'parameters'): string {
  const prefix = `#/components/${section}/`;
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

export function resolveParameter(doc: OpenApiDocument, p: ParameterObject): ParameterObject {
  if (!p.$ref) return p;
  const target = doc.components.parameters?.[refName(p.$ref, 'parameters')];
  if (!target) throw new Error(`unknown parameter ${p.$ref}`);
  return target;
}

export function operationsOf(doc: OpenApiDocument): OperationSummary[] {
  const result: OperationSummary[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const params = (op.parameters ?? []).map((p) => resolveParameter(doc, p));
      const status = ([200, 201, 202] as const).find((s) => op.responses[String(s)]?.content?.['application/json']?.schema);
      // Operations that answer with a file (a CSV download) are links, not typed calls.
      if (status === undefined) {
        if (op.responses['200']?.content?.['text/csv']) continue;
        throw new Error(`${op.operationId} has no 200, 201 or 202 application/json response`);
      }
      const schema = op.responses[String(status)]!.content!['application/json']!.schema!;
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      // Uploads (multipart/form-data) are sent as FormData, outside the typed body.
      const upload = !!op.requestBody?.content?.['multipart/form-data'];
      if (op.requestBody && !body && !upload) {
        throw new Error(`${op.operationId} has a request body that is neither JSON nor an upload`);
      }
      result.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body,
        status,
        response: schema,
      });
    }
  }
  return result;
}

function indent(text: string, depth: number): string {
  return text.replace(/\n/g, '\n' + '  '.repeat(depth));
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

export function renderType(schema: SchemaObject): string {
  const base = renderBase(schema);
  return schema.nullable ? `${base.includes(' ') && !base.startsWith('{') ? `(${base})` : base} | null` : base;
}

function renderBase(schema: SchemaObject): string {
  if (schema.$ref) return typeName(refName(schema.$ref, 'schemas'));
  if (schema.allOf) return schema.allOf.map(renderType).join(' & ');
  if (schema.oneOf) return schema.oneOf.map(renderType).join(' | ');
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      if (!schema.items) throw new Error('array schema without items');
      return `Array<${renderType(schema.items)}>`;
    case 'object': {
      if (!schema.properties) return 'Record<string, unknown>';
      const required = new Set(schema.required ?? []);
      const lines = Object.entries(schema.properties).map(
        ([name, prop]) => `  ${propertyKey(name)}${required.has(name) ? '' : '?'}: ${indent(renderType(prop), 1)};`,
      );
      return `{\n${lines.join('\n')}\n}`;
    }
    default:
      throw new Error(`unsupported schema ${JSON.stringify(schema)}`);
  }
}

function renderParams(params: ParameterObject[]): string {
  if (params.length === 0) return 'Record<string, never>';
  const lines = params.map((p) => `  ${propertyKey(p.name)}${p.required ? '' : '?'}: ${renderType(p.schema)};`);
  return `{\n${lines.join('\n')}\n}`;
}

export function generateApiTypes(yamlText: string): string {
  return generateFromDocument(parseDocument(yamlText));
}

export function generateFromDocument(doc: OpenApiDocument): string {
  const out: string[] = [
    '// Generated from docs/openapi.yaml by src/api/codegen.ts. Do not edit:',
    '// `npm run gen:api` rewrites it, and src/api/contract.test.ts fails while it',
    '// and the document disagree.',
    '',
  ];
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const body = renderType(schema);
    if (body.startsWith('{') && !schema.nullable) {
      out.push(`export interface ${typeName(name)} ${body}`, '');
    } else {
      out.push(`export type ${typeName(name)} = ${body};`, '');
    }
  }
  const ops = operationsOf(doc);
  out.push('export interface Operations {');
  for (const op of ops) {
    out.push(
      `  ${op.operationId}: {`,
      `    method: ${JSON.stringify(op.method)};`,
      `    path: ${JSON.stringify(op.path)};`,
      `    pathParams: ${indent(renderParams(op.pathParams), 2)};`,
      `    query: ${indent(renderParams(op.query), 2)};`,
      `    body: ${op.body ? indent(renderType(op.body), 2) : 'never'};`,
      `    response: ${indent(renderType(op.response), 2)};`,
      '  };',
    );
  }
  out.push('}', '');
  out.push('export const operations = {');
  for (const op of ops) {
    out.push(
      `  ${op.operationId}: { method: ${JSON.stringify(op.method)}, path: ${JSON.stringify(op.path)}, ` +
        `query: ${JSON.stringify(op.query.map((p) => p.name))} },`,
    );
  }
  out.push('} as const;', '');
  return out.join('\n');
}
