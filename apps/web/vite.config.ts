/** Builds the browser app into dist/web, where the api serves it at / (apps/api/src/app.ts). */
import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { parse as parseMessage } from '@formatjs/icu-messageformat-parser';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes x.js.gz and x.js.br beside each script and style; the api serves the brotli file to
 * browsers that take it (every current one; 14% smaller than gzip for the first script), else the
 * gzip file (apps/api/src/app.ts).
 */
const compressAssets = (): Plugin => ({
  name: 'fellesplan-compress-assets',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const name of Object.keys(bundle)) {
      if (!/\.(js|css)$/.test(name) || !options.dir) continue;
      const file = join(options.dir, name);
      const content = readFileSync(file);
      writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      const br = { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length };
      writeFileSync(`${file}.br`, brotliCompressSync(content, { params: br }));
    }
  },
});

/** The message catalogues: apps/web/src/i18n/{nb,en}.ts and each feature's i18n.ts / *-i18n.ts. */
const MESSAGE_FILES = /apps\/web\/src\/(?:i18n\/(?:nb|en)|(?:[\w-]+\/)*[\w-]*i18n)\.ts$/;

/**
 * FormatJS without its ICU parser in the browser: every message of a catalogue is parsed here, at
 * build time, into the AST FormatJS formats directly, and the parser is replaced by its
 * `no-parser` build (~9 KB gzipped less in the first script). A catalogue is an object literal of
 * quoted keys and string values only (at least 5 of them); a message that does not parse stops the
 * build. In development (`vite` without build) the messages stay text and the parser is used.
 */
const precompileMessages = (): Plugin => ({
  name: 'fellesplan-precompile-messages',
  apply: 'build',
  enforce: 'pre',
  transform(code, id) {
    if (!MESSAGE_FILES.test(id.split('?')[0])) return null;
    const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const edits: { start: number; end: number; text: string }[] = [];
    const isCatalogue = (node: ts.ObjectLiteralExpression) =>
      node.properties.length >= 5 &&
      node.properties.every((p) => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && ts.isStringLiteralLike(p.initializer));
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node) && isCatalogue(node)) {
        for (const p of node.properties as ts.NodeArray<ts.PropertyAssignment>) {
          const literal = p.initializer as ts.StringLiteralLike;
          let ast: unknown;
          try {
            ast = parseMessage(literal.text, { ignoreTag: true });
          } catch (error) {
            throw new Error(`${id}: message ${p.name.getText(source)} is not valid ICU: ${String(error)}`);
          }
          edits.push({ start: literal.getStart(source), end: literal.getEnd(), text: JSON.stringify(ast) });
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (!edits.length) return null;
    let out = code;
    for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return { code: out, map: null };
  },
});

/**
 * src/boot.ts as an entry of its own (no imports, a few hundred bytes), put first in index.html as
 * an async module script: it runs as soon as it arrives, while the app's script still downloads.
 */
const bootScript = (): Plugin => ({
  name: 'fellesplan-boot-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
      if (!boot) throw new Error('the boot entry (src/boot.ts) is missing from the build');
      return [
        { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' },
      ];
    },
  },
});

export default defineConfig(({ command }) => ({
  root: here('.'),
  plugins: [precompileMessages(), react(), compressAssets(), bootScript()],
  resolve: {
    alias: [
      ...(command === 'build'
        ? [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: createRequire(import.meta.url).resolve('@formatjs/icu-messageformat-parser/no-parser.js'),
            },
          ]
        : []),
      { find: '#contracts', replacement: here('../../libs/contracts/src/index.ts') },
      // The app's own small router with React Router's API (src/router/index.tsx, router.spec.ts).
      { find: /^react-router$/, replacement: here('src/router/index.tsx') },
      // Only the Designsystemet web components this app uses (src/designsystemet-web.ts).
      { find: /^@digdir\/designsystemet-web$/, replacement: here('src/designsystemet-web.ts') },
    ],
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: { index: here('index.html'), boot: here('src/boot.ts') },
      output: {
        // Everything the first screen's script imports, statically, is one chunk (the entry
        // itself): on a phone line every request is a round trip, and Chromium has six
        // connections to the host, so the 31 small chunks rolldown made of the modules shared with
        // lazy parts took five round trips, with /api/auth/me and the plan queued behind them
        // (BENCHMARKS.md, web, third pass). What loads lazily (React.lazy, import()) stays lazy;
        // those chunks import the shared modules from this one. boot.ts stays an entry of its own.
        codeSplitting: {
          groups: [{ name: 'app', tags: ['$initial'], test: (id: string) => !id.endsWith('/src/boot.ts') }],
        },
      },
      treeshake: {
        // Designsystemet's React package (and the floating-ui/virtual helpers only some of its
        // components use) declares no sideEffects, so every component would be bundled: only
        // the ones imported are kept. Its web components (designsystemet-web) keep theirs.
        moduleSideEffects: (id: string) =>
          /node_modules\/(@digdir\/designsystemet-react|@floating-ui|@tanstack)\//.test(id) ? false : undefined,
      },
    },
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` during development, with the api on :3000.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
}));
