import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The collector serves `dist` at `/`; hashed files under `assets/` are cached as immutable.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets' },
});
