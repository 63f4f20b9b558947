import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));
const hub = process.env.OVERENS_DEV_HUB ?? 'http://127.0.0.1:8787';

/*
 * The web client: built into dist/client (assets under /assets/), served by the hub
 * (server/static.ts). `npx vite --config client/vite.config.ts` runs a dev server that
 * proxies /api and /collab to a hub on :8787.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': hub,
      '/collab': { target: hub.replace(/^http/, 'ws'), ws: true },
    },
  },
});
