import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The hub serves these pages at `/` and its API under `/hub/v1`. The supervisor components come
// from the counter-ui workspace's exports (sources, not a copy): one React for both (dedupe).
export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/hub': 'http://localhost:4000' } },
});
