/**
 * Builds the command line (`hookwarden`, src/cli/) into out/cli/hookwarden.js for plain Node 20+: packages stay
 * external (from node_modules, as `npx hookwarden` in the checkout finds them).
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    {
      name: 'executable-bin',
      // `npx hookwarden` runs the file itself (its #! line): it must be executable.
      writeBundle: () => chmodSync(join('out/cli', 'hookwarden.js'), 0o755),
    },
  ],
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: { output: { format: 'es', entryFileNames: 'hookwarden.js' } },
  },
});
