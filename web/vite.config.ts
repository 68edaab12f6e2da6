/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import type { Topology } from 'topojson-specification';
import { subsetTopology } from './src/map/topology-subset.ts';

const require = createRequire(import.meta.url);

// `virtual:california-counties`: us-atlas's county topology cut down to the 58
// counties of California (state FIPS 06) when the bundle is built.
function californiaCounties(): Plugin {
  const id = 'virtual:california-counties';
  return {
    name: 'pathlight-california-counties',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load(resolved) {
      if (resolved !== '\0' + id) return undefined;
      const file = require.resolve('us-atlas/counties-10m.json');
      const us = JSON.parse(readFileSync(file, 'utf8')) as Topology;
      const california = subsetTopology(us, 'counties', (g) => String(g.id).startsWith('06'));
      return `export default ${JSON.stringify(california)};`;
    },
  };
}

export default defineConfig({
  plugins: [californiaCounties()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/check-size.mjs reads the manifest to find the home page's JavaScript.
    manifest: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev`: the pages from Vite, the API from a running `pathlight serve`.
    proxy: { '/api': process.env.PATHLIGHT_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
  },
});
