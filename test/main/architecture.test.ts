/**
 * Keeps docs/ARCHITECTURE.md true: every path it names exists, and the import rules it states hold.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

/** Every file below a folder of the repo, as repo-relative paths. */
function filesBelow(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The relative and package imports of a source file that load code at run time (not `import type`). */
function valueImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)) {
    found.push(match[1] as string);
  }
  for (const match of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(match[1] as string);
  return found;
}

/** A relative import's target file, repo-relative. */
function targetOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = join(dirname(file), specifier);
  const candidate = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) =>
    existsSync(join(ROOT, path)),
  );
  return candidate ?? null;
}

/** What makes a file an adapter: it loads Electron, native code, D-Bus, the network or the disk. */
const OUTSIDE_WORLD =
  /^(electron|electron-store|@github\/keytar|@homebridge\/dbus-native|undici|atomically|node:fs(\/promises)?|node:net|node:tls|node:http|node:https)$/;

const mainFiles = filesBelow('src/main').filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
const adapters = new Set(mainFiles.filter((file) => valueImports(file).some((s) => OUTSIDE_WORLD.test(s))));

describe('docs/ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const named = [...doc.matchAll(/`((?:src|test|docs|scripts)\/[^`\s]*)`/g)].map(
      (match) => match[1] as string,
    );
    expect(named.length).toBeGreaterThan(30);
    const missing = named.filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('names every area folder of main', () => {
    const folders = readdirSync(join(ROOT, 'src/main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/main/${entry.name}/`);
    expect(folders.filter((folder) => !doc.includes(`\`${folder}\``))).toEqual([]);
  });

  it('adapters (Electron, native code, D-Bus, network, disk) are imported only by app.ts (and its entry) and other adapters', () => {
    expect([...adapters].sort()).toEqual(
      expect.arrayContaining([
        'src/main/app.ts',
        'src/main/config/store.ts',
        'src/main/keychain/keytar-vault.ts',
        'src/main/keychain/secret-service.ts',
        'src/main/deliveries/http-client.ts',
        'src/main/shell/clipboard.ts',
      ]),
    );
    const offending: string[] = [];
    for (const file of mainFiles) {
      if (adapters.has(file) || file === 'src/main/index.ts') continue;
      for (const specifier of valueImports(file)) {
        const target = targetOf(file, specifier);
        if (target && adapters.has(target)) offending.push(`${file} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('the renderer, the preload and src/shared never import main', () => {
    const others = ['src/renderer', 'src/preload', 'src/shared'].flatMap(filesBelow);
    const offending = others.flatMap((file) =>
      /\.tsx?$/.test(file)
        ? valueImports(file)
            .map((specifier) => targetOf(file, specifier))
            .filter((target): target is string => target?.startsWith('src/main/') ?? false)
            .map((target) => `${file} → ${target}`)
        : [],
    );
    expect(offending).toEqual([]);
  });
});
