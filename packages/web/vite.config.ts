import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The collector serves `dist` at `/`; hashed files under `assets/` are cached as immutable.
// `npm run dev` serves the sources and sends `/api` to a collector (FLASHBACK_URL, default `flashback serve`'s).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets' },
  server: { proxy: { '/api': process.env.FLASHBACK_URL ?? 'http://127.0.0.1:4700' } },
});
