// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, generateFromDocument, operationsOf, parseDocument, renderType } from './codegen';
import { operations } from './types.gen';
import { buildUrl } from './client';

const documentText = readFileSync(new URL('../../../docs/openapi.yaml', import.meta.url), 'utf8');

describe('API client and docs/openapi.yaml', () => {
  it('types.gen.ts is what the document generates (run `npm run gen:api` after changing the document)', async () => {
    await expect(generateApiTypes(documentText)).toMatchFileSnapshot('./types.gen.ts');
  });

  it('declares every operation of the document with its path and query parameters, and no other', () => {
    const fromDocument = Object.fromEntries(
      operationsOf(parseDocument(documentText)).map((op) => [
        op.operationId,
        { method: op.method, path: op.path, query: op.query.map((p) => p.name) },
      ]),
    );
    expect(operations).toEqual(fromDocument);
  });

  it('fills every path parameter of every operation', () => {
    for (const op of operationsOf(parseDocument(documentText))) {
      const path = Object.fromEntries(op.pathParams.map((p) => [p.name, 'x y']));
      const url = buildUrl(op.operationId as keyof typeof operations, { path } as never);
      expect(url, op.operationId).not.toMatch(/[{}]/);
      expect(url.startsWith('/api/v1/'), op.operationId).toBe(true);
    }
  });

  it('notices a change in the document: a removed response field changes the generated types', () => {
    const doc = parseDocument(documentText);
    const organization = doc.components.schemas.Organization;
    expect(organization?.properties?.org_id).toBeDefined();
    delete organization?.properties?.org_id;
    expect(generateFromDocument(doc)).not.toBe(generateApiTypes(documentText));
  });

  it('notices a change in the document: a new query parameter changes the operation table', () => {
    const doc = parseDocument(documentText);
    doc.paths['/api/v1/organizations']?.get?.parameters?.push({ name: 'sort', in: 'query', schema: { type: 'string' } });
    const listOrganizations = operationsOf(doc).find((o) => o.operationId === 'listOrganizations');
    expect(listOrganizations?.query.map((p) => p.name)).toContain('sort');
    expect(listOrganizations?.query.map((p) => p.name)).not.toEqual(operations.listOrganizations.query);
  });

  it('types oneOf as a union (nullable in parentheses) and still refuses constructs it does not know', () => {
    expect(renderType({ oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true })).toBe('(string | number) | null');
    expect(() => renderType({ not: { type: 'string' } })).toThrow(/unsupported schema/);
  });

  it('documents the analytics routes of the contract: the equity parameters and the query body', () => {
    const ops = operationsOf(parseDocument(documentText));
    const equity = ops.find((o) => o.operationId === 'getEquity');
    expect(equity?.method).toBe('GET');
    expect(equity?.query.filter((p) => p.required).map((p) => p.name)).toEqual(['outcome', 'group']);
    const query = ops.find((o) => o.operationId === 'runQuery');
    expect(query?.method).toBe('POST');
    expect(query?.body?.$ref).toBe('#/components/schemas/QuerySpec');
  });
});
