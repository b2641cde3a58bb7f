// Renders the one source image, resources/icon.svg, to the 1024×1024 PNG that electron-builder turns into
// each OS's icon set (icns, ico, Linux sizes). `npm run dist` runs it first; the output folder is git-ignored.
// Usage: node scripts/make-icons.mjs [output folder, default build]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const SIZE = 1024;
const source = new URL('../resources/icon.svg', import.meta.url);
const outDir = process.argv[2] ?? fileURLToPath(new URL('../build', import.meta.url));

const png = new Resvg(readFileSync(source), { fitTo: { mode: 'width', value: SIZE } }).render().asPng();
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'icon.png'), png);
console.log(`icon: ${join(outDir, 'icon.png')} (${SIZE}×${SIZE})`);
