import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: which files each entry and lazy page loads (the web bench and the browser tests
    // read it). It is not served: only assets/ is.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The libraries every screen uses (React, Mantine, the router, react-query, i18next) in one file
        // instead of dozens of small shared ones: over HTTP/1.1 a screen's files arrive six at a time.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@mantine|@tanstack|i18next|react-i18next|@floating-ui|react-remove-scroll|react-textarea-autosize|clsx|tslib|use-sync-external-store|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|react-number-format)/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
