/** Builds the browser app into dist/web, where the api serves it at / (apps/api/src/app.ts). */
import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Writes x.js.gz beside each script and style; the api serves those to browsers that take gzip. */
const gzipAssets = (): Plugin => ({
  name: 'fellesplan-gzip-assets',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const name of Object.keys(bundle)) {
      if (!/\.(js|css)$/.test(name) || !options.dir) continue;
      const file = join(options.dir, name);
      writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
    }
  },
});

export default defineConfig({
  root: here('.'),
  plugins: [react(), gzipAssets()],
  resolve: {
    alias: [
      { find: '#contracts', replacement: here('../../libs/contracts/src/index.ts') },
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
});
