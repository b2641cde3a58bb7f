/// <reference types="node" />
/**
 * The rules of the renderer's styles, checked on the files: design tokens only in styles/tokens.css, font
 * sizes and radii only through them, no selector declared twice in a sheet, the row height only from
 * ROW_HEIGHT, and every CSS-module class a component uses defined in its module (and none left unused).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('src/renderer/src');
const TOKENS = join(ROOT, 'styles/tokens.css');

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, ending);
    return ending.test(entry.name) ? [path] : [];
  });
}

const read = (path: string) => readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const name = (path: string) => relative(ROOT, path);
const sheets = files(ROOT, /\.css$/).filter((path) => path !== TOKENS);
const declarations = (css: string, property: string) =>
  [...css.matchAll(new RegExp(`(?:^|[;{\\s])${property}\\s*:\\s*([^;}]+)`, 'g'))].map((m) =>
    (m[1] ?? '').trim(),
  );

/** The selectors of each rule, for sheets without nested blocks (all but the tokens). */
const selectors = (css: string) => [...css.matchAll(/([^{}]+)\{[^{}]*\}/g)].map((m) => (m[1] ?? '').trim());

describe('renderer styles', () => {
  it('keeps every design token in styles/tokens.css, and only there', () => {
    for (const path of sheets) {
      expect(read(path), name(path)).not.toMatch(/(^|[{;\s])--[\w-]+\s*:/);
    }
  });

  it('sets font sizes only from the type scale and radii only from the radius tokens', () => {
    for (const path of sheets) {
      const css = read(path);
      for (const value of declarations(css, 'font-size')) {
        expect(value, `${name(path)}: font-size`).toMatch(/^var\(--text-[\w-]+\)$/);
      }
      for (const value of declarations(css, 'border-radius')) {
        expect(value, `${name(path)}: border-radius`).toMatch(/^var\(--radius-[\w-]+\)$/);
      }
      expect(css, `${name(path)}: a colour outside the tokens`).not.toMatch(
        /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i,
      );
    }
  });

  it('declares no selector twice in one sheet', () => {
    for (const path of sheets) {
      const seen = selectors(read(path)).map((selector) => selector.replace(/\s+/g, ' '));
      expect(
        seen.filter((selector, index) => seen.indexOf(selector) !== index),
        name(path),
      ).toEqual([]);
    }
  });

  it('takes the row height from ROW_HEIGHT only', () => {
    const table = readFileSync(join(ROOT, 'features/webhooks/WebhookTable.tsx'), 'utf8');
    expect(table).toMatch(/export const ROW_HEIGHT = \d+;/);
    expect(table).toContain("'--row-height': `${ROW_HEIGHT}px`");
    for (const path of [TOKENS, ...sheets]) expect(read(path), name(path)).not.toMatch(/--row-height\s*:/);
  });

  it('uses only CSS-module classes its modules define, and every class a module defines', () => {
    const used = new Map<string, Set<string>>();
    const dynamic = new Set<string>();
    for (const path of files(ROOT, /\.tsx?$/)) {
      const source = readFileSync(path, 'utf8');
      const code = source.replace(/^import .*$/gm, '');
      for (const [, local = '', from = ''] of source.matchAll(
        /^import (\w+) from '(\.[^']+\.module\.css)';$/gm,
      )) {
        const module = resolve(dirname(path), from);
        const classes = used.get(module) ?? new Set<string>();
        used.set(module, classes);
        for (const [, cls = ''] of code.matchAll(new RegExp(`\\b${local}\\.(\\w+)`, 'g'))) classes.add(cls);
        if (new RegExp(`\\b${local}\\[`).test(code)) dynamic.add(module);
      }
    }
    for (const path of files(ROOT, /\.module\.css$/)) {
      const css = read(path).replace(/:global\([^)]*\)/g, '');
      const defined = new Set([...css.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''));
      expect(used.has(path), `${name(path)} is imported by no component`).toBe(true);
      const classes = used.get(path) ?? new Set<string>();
      expect(
        [...classes].filter((cls) => !defined.has(cls)),
        `${name(path)}: used, not defined`,
      ).toEqual([]);
      if (!dynamic.has(path)) {
        expect(
          [...defined].filter((cls) => !classes.has(cls)),
          `${name(path)}: defined, not used`,
        ).toEqual([]);
      }
    }
  });
});
