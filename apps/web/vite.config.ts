import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = fileURLToPath(new URL('.', import.meta.url));

// The workbench is served by the API under /workbench (apps/api/src/workbench/workbench-static.controller.ts).
export default defineConfig({
  root: here,
  base: '/workbench/',
  plugins: [vue()],
  // The one Asia/Shanghai time module of the domain (pure, no Node APIs), shared with the browser.
  resolve: { alias: { '@petitions/domain/time': fileURLToPath(new URL('../../libs/domain/src/time/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // One folder of hashed files: the API serves only names it finds there.
    assetsDir: 'assets',
  },
  server: { proxy: { '^/(petitions|supervision|dashboard|letters|units|policies|audit|workbench/(forms|cases))': 'http://127.0.0.1:3000' } },
});
