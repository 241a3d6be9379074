import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // bench.html mounts the report form on a generated questionnaire, for `npm run bench` (no data, no API).
    rolldownOptions: { input: { main: `${root}index.html`, bench: `${root}bench.html` } },
  },
  server: {
    // In development the API runs on `npm run dev` (port 3000); Vite serves the client and forwards the rest.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/health': 'http://127.0.0.1:3000',
      '/docs': 'http://127.0.0.1:3000',
    },
  },
});
