// @vitest-environment node
// Pages hold no text of their own: every word on screen comes from the
// catalog, so a translation covers everything. This reads each .tsx file and
// fails on any JSX text or text-bearing attribute written as a literal.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from './en';

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

  it('has no empty messages', () => {
    const empty: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.trim() === '') empty.push(path);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(en, 'en');
    expect(empty).toEqual([]);
  });
});
