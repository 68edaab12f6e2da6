// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildUrl } from './client';
import { handwrittenOperations } from './types.handwritten';
import { operations as generated } from './types.gen';

describe('hand-written operations (labor and pathway routes, until docs/openapi.yaml has them)', () => {
  it('builds the contract\'s paths and queries', () => {
    expect(buildUrl('getLaborGap', { query: { region: 'BA', pathway: 'HSM-04', split: 'full', limit: 10 } })).toBe(
      '/api/v1/labor/gap?region=BA&pathway=HSM-04&split=full&limit=10',
    );
    expect(buildUrl('getLaborOccupation', { path: { soc: '29-2061' } })).toBe('/api/v1/labor/occupations/29-2061');
    expect(buildUrl('getPathwayGrid', { path: { code: 'HSM-04' }, query: { region: 'BA' } })).toBe('/api/v1/pathways/HSM-04/grid?region=BA');
    expect(buildUrl('createPlan', { body: { pathway: 'HSM-04', region: 'BA', years: 4 } })).toBe('/api/v1/plans');
  });

  it('are not (yet) generated: when the document gains them, this file is to be deleted', () => {
    // Fails once codegen produces these ids, as a reminder to remove the hand-written copy.
    for (const id of Object.keys(handwrittenOperations)) expect(Object.keys(generated), id).not.toContain(id);
    const paths = Object.values(generated).map((o) => o.path as string);
    for (const op of Object.values(handwrittenOperations)) expect(paths, op.path).not.toContain(op.path);
  });
});
