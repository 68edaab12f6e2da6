#!/usr/bin/env node
// Fails the build when the home page's JavaScript is over budget (150 KB
// gzipped). "The home page's JavaScript" is read from Vite's manifest: the
// entry chunk with everything it imports, plus any chunk it imports lazily
// except the other pages (src/pages/*), which the home page never loads.
// The browser test checks this against the scripts the home page really loads.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const budgetBytes = 150 * 1024;

export function homePageChunks(manifest) {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const lazy of chunk.dynamicImports ?? []) if (!lazy.startsWith('src/pages/')) visit(lazy);
  };
  visit(entry[0]);
  return [...files].filter((f) => f.endsWith('.js'));
}

/**
 * What in an HTML page the server's Content-Security-Policy (script-src 'self';
 * style-src 'self') would refuse: inline scripts, <style> elements, style
 * attributes, inline event handlers and javascript: URLs. Empty when none.
 */
export function inlineCode(html) {
  const found = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\ssrc\s*=/.test(m[1]) || m[2].trim() !== '') found.push(`inline script: ${m[0].slice(0, 80)}`);
  }
  for (const m of html.matchAll(/<style\b[^>]*>/gi)) found.push(`style element: ${m[0]}`);
  for (const m of html.matchAll(/<[^>]*\s(style|on[a-z]+)\s*=[^>]*>/gi)) found.push(`${m[1]} attribute: ${m[0].slice(0, 80)}`);
  for (const m of html.matchAll(/(href|src)\s*=\s*["']?\s*javascript:/gi)) found.push(`javascript: URL: ${m[0]}`);
  return found;
}

export function gzippedSize(file) {
  return gzipSync(readFileSync(file)).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  let total = 0;
  for (const file of homePageChunks(manifest)) {
    const size = gzippedSize(join(dist, file));
    total += size;
    console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
  }
  const inline = inlineCode(readFileSync(join(dist, 'index.html'), 'utf8'));
  for (const f of inline) console.log(`  index.html: ${f}`);
  if (inline.length > 0) {
    console.log('index.html holds inline code the Content-Security-Policy refuses');
    process.exit(1);
  }
  const verdict = total <= budgetBytes ? 'within' : 'OVER';
  console.log(`home page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped, ${verdict} the budget of ${budgetBytes / 1024} KB`);
  if (total > budgetBytes) process.exit(1);
}
