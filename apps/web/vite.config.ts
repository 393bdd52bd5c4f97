// Builds the dashboard into dist/ (served by the server at `/`). Workspace packages resolve
// to their TypeScript sources (the `source` export condition). `npm run dev -w @rudder/web`
// proxies the API and /ws to a server on 127.0.0.1:20001.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompiledValidators } from './vite-validators.js';

const api = process.env.RUDDER_SERVER ?? 'http://127.0.0.1:20001';

export default defineConfig({
  plugins: [react(), precompiledValidators()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, sourcemap: false },
  server: {
    proxy: {
      '/rudder': api,
      '/login': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
