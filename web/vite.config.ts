import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // The server's CSP allows only same-origin script files: no inline preload polyfill.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // React and the router change rarely: their own long-cached chunk. The rest splits per route.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
    // antd's core (CSS-in-JS, form, overlays) is shared by every page, login included.
    chunkSizeWarningLimit: 700,
  },
});
