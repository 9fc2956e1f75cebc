import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The production build talks only to its own origin (the gateway serves dist/ at "/").
// In development `npm run dev` proxies /api to a running gateway (AGENTOBS_BASE_URL, default :8000).
const apiTarget = process.env.AGENTOBS_BASE_URL ?? 'http://localhost:8000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 700 },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // One jsdom per worker, reused across test files: setting up a fresh one per file was most of the run.
    // setup.ts resets what files could leak (rendered trees, storage) after every test.
    isolate: false,
  },
});
