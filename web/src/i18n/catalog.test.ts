// @vitest-environment node
// Pages hold no text of their own: every word on screen comes from the
// catalog, so a translation covers everything. This reads each .tsx file and
// fails on any JSX text or text-bearing attribute written as a literal.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readFileSync as readData } from 'node:fs';
import { en } from './en';
import { es } from './es';
import { catalogs } from './index';

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const textAttributes = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsxFiles(join(dir, e.name))
      : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Literal text in JSX: "file:line: text" for each. */
export function literalText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(`${where(node)}: ${node.text.trim()}`);
    if (ts.isJsxAttribute(node) && textAttributes.has(node.name.getText())) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : null;
      if (literal !== null && /\p{L}/u.test(literal)) found.push(`${where(node)}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('message catalog', () => {
  it('no .tsx file shows literal text', () => {
    const files = tsxFiles(srcDir);
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => literalText(relative(srcDir, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches literal JSX text and labels', () => {
    const found = literalText('x.tsx', 'const a = <p title="Hello">Hi {name}<b aria-label={"Go"} /></p>;');
    expect(found).toHaveLength(3);
  });

  it('has no empty messages, in any language', () => {
    const empty: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.trim() === '') empty.push(path);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    for (const [name, catalog] of Object.entries(catalogs)) walk(catalog, name);
    expect(empty).toEqual([]);
  });
});

// The names of sectors and pathways the server gives in English; a catalog
// may translate them (by code) or leave them to the server, so their keys are
// not compared between catalogs (they are checked against the data below).
const namesByCode = new Set(['sectorNames', 'pathwayNames']);

/** Every path to a message ("equity.outcomes.wbl"), with the kind of message there (text or function and its arity). */
export function shape(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'function') out.set(path, `function/${value.length}`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (namesByCode.has(p)) out.set(p, 'names');
      else for (const [kk, vv] of shape(v, p)) out.set(kk, vv);
    }
  } else out.set(path, typeof value);
  return out;
}

/** Calls a message function with arguments of the kinds messages take, until one call works. */
function callMessage(fn: (...args: never[]) => unknown): unknown {
  const attempts: unknown[][] = [
    Array(fn.length).fill('7'),
    Array(fn.length).fill(7),
    Array(fn.length).fill(['a', 'b']),
  ];
  for (const args of attempts) {
    try {
      return (fn as (...a: unknown[]) => unknown)(...args);
    } catch {
      // Try the next kind of argument.
    }
  }
  throw new Error('no kind of argument works');
}

function functions(value: unknown, path = ''): [string, (...args: never[]) => unknown][] {
  if (typeof value === 'function') return [[path, value as (...args: never[]) => unknown]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => functions(v, path ? `${path}.${k}` : k));
  return [];
}

const csvColumn = (file: string, column: number) =>
  readData(new URL(`../../../data/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[column] as string);

describe('the Spanish catalog', () => {
  it('has every message of the English one, of the same kind, and nothing else', () => {
    const english = shape(en);
    const spanish = shape(es);
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    const differentKind = [...english].filter(([k, kind]) => spanish.get(k) !== kind).map(([k]) => k);
    expect(differentKind).toEqual([]);
  });

  it('notices a missing message (the check itself)', () => {
    const broken = { ...es, equity: { ...es.equity, outcomes: { ...es.equity.outcomes } } };
    delete broken.equity.outcomes.wbl;
    expect([...shape(broken).keys()]).not.toContain('equity.outcomes.wbl');
    expect([...shape(en).keys()]).toContain('equity.outcomes.wbl');
  });

  it('every message function gives non-empty text in both languages', () => {
    for (const catalog of [en, es]) {
      for (const [path, fn] of functions(catalog)) {
        const text = callMessage(fn);
        expect(typeof text, path).toBe('string');
        expect((text as string).trim().length, path).toBeGreaterThan(0);
      }
    }
  });

  it('is really Spanish: the shell and the explorer differ from English', () => {
    for (const key of ['skipToContent', 'menu', 'mainNavigation', 'footerText', 'loading', 'retry'] as const) {
      expect(es[key], key).not.toBe(en[key]);
    }
    for (const key of Object.keys(en.areas) as (keyof typeof en.areas)[]) expect(es.areas[key], key).not.toBe(en.areas[key]);
    expect(es.locale).toBe('es-US');
  });

  it('names every sector and pathway of data/ in Spanish', () => {
    const sectors = csvColumn('cte_sectors.csv', 0);
    const pathways = csvColumn('cte_pathways.csv', 1);
    expect(sectors).toHaveLength(15);
    expect(Object.keys(es.sectorNames).sort()).toEqual([...sectors].sort());
    expect(Object.keys(es.pathwayNames).sort()).toEqual([...pathways].sort());
    expect(Object.keys(en.sectorNames)).toEqual([]);
  });
});
