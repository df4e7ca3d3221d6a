import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The contract's zod schemas run at module load, so a bundler keeps them (and zod) unless told
// the contract has no side effects: the kiosk only uses its types and time helpers.
const contractIsPure = (id: string) => !/[\\/]server[\\/]src[\\/]contract[\\/]/.test(id);

export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: { treeshake: { moduleSideEffects: contractIsPure } },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } } },
});
