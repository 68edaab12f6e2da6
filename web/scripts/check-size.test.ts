// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { homePageChunks, inlineCode } from './check-size.mjs';

describe('homePageChunks', () => {
  it("counts the entry, what it imports and lazy parts that are not other pages", () => {
    const manifest = {
      'index.html': {
        file: 'assets/index-a.js',
        isEntry: true,
        imports: ['_shared-b.js'],
        dynamicImports: ['src/pages/Directory.tsx', 'src/map/data.ts'],
        css: ['assets/index.css'],
      },
      '_shared-b.js': { file: 'assets/shared-b.js' },
      'src/pages/Directory.tsx': { file: 'assets/Directory-c.js', imports: ['_only-directory.js'] },
      '_only-directory.js': { file: 'assets/only-directory.js' },
      'src/map/data.ts': { file: 'assets/data-d.js', imports: ['_shared-b.js'] },
    };
    expect(homePageChunks(manifest).sort()).toEqual(['assets/data-d.js', 'assets/index-a.js', 'assets/shared-b.js']);
  });

  it('refuses a manifest without an entry', () => {
    expect(() => homePageChunks({})).toThrow(/entry/);
  });
});

describe('inlineCode', () => {
  it('accepts scripts and styles loaded from files', () => {
    const html =
      '<head><script type="module" crossorigin src="/assets/index.js"></script>' +
      '<link rel="stylesheet" href="/assets/index.css"></head><body><div id="app"></div></body>';
    expect(inlineCode(html)).toEqual([]);
  });

  it('finds what a Content-Security-Policy without unsafe-inline refuses', () => {
    const html =
      '<script>window.x = 1</script><style>p{}</style><div style="color:red"></div>' +
      '<button onclick="go()"></button><a href="javascript:void 0"></a>';
    expect(inlineCode(html)).toHaveLength(5);
  });
});
