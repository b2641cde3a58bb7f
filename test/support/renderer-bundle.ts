/**
 * The built renderer's JavaScript, split as the window loads it: the first screen (index.html's entry script and
 * everything it imports statically) and the chunks loaded later (dynamic imports: dialogs, other pages, the editor).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';

/** Gzipped JavaScript the first screen may load (issue 15). */
export const FIRST_SCREEN_BUDGET_GZIP = 120 * 1024;

export interface Script {
  /** The path inside the built renderer, e.g. `assets/index-C3x.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

function script(dir: string, file: string): Script {
  const bytes = readFileSync(join(dir, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/** The module scripts index.html starts. */
function entryScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] as string);
  return sources.map((source) => posix.normalize(source));
}

/** The files a module imports statically (import and export … from): top-level declarations, never import(). */
function staticImports(dir: string, file: string): string[] {
  const { body } = parseAst(readFileSync(join(dir, file), 'utf8'));
  return body.flatMap((node) =>
    (node.type === 'ImportDeclaration' ||
      node.type === 'ExportNamedDeclaration' ||
      node.type === 'ExportAllDeclaration') &&
    node.source
      ? [posix.join(posix.dirname(file), String(node.source.value))]
      : [],
  );
}

/** index.html's entry scripts and, transitively, every file they import statically: what loads before the first screen. */
export function firstScreenScripts(dir: string): Script[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    staticImports(dir, file).forEach(visit);
  };
  entryScripts(dir).forEach(visit);
  return [...seen].map((file) => script(dir, file));
}

/** Every other script in `assets/`: loaded only when the UI asks for it. */
export function lazyScripts(dir: string): Script[] {
  const first = new Set(firstScreenScripts(dir).map(({ file }) => file));
  return readdirSync(join(dir, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => file.endsWith('.js') && !first.has(file))
    .map((file) => script(dir, file));
}

export function totals(scripts: Script[]): { bytes: number; gzipBytes: number } {
  return {
    bytes: scripts.reduce((sum, { bytes }) => sum + bytes, 0),
    gzipBytes: scripts.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0),
  };
}
