/**
 * The installer build, tested where it can run without downloading Electron: electron-builder.yml against
 * electron-builder's own validation, its own file matching over the real tree and its own production-dependency
 * collector; the afterPack hook (scripts/after-pack.mjs) against the fuses docs/ARCHITECTURE.md promises, on a
 * stand-in Electron binary; the icon that scripts/make-icons.mjs renders.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { AfterPackContext, Configuration, LinuxConfiguration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { getFileMatchers, type FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { getCollectorByPackageManager, PM } from 'app-builder-lib/out/node-module-collector';
import { resolveFunction } from 'app-builder-lib/out/util/resolve';
import { Arch, DebugLogger, TmpDir } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { PACKAGED_FUSES } from '../../scripts/after-pack.mjs';
import { tempDir } from '../support/temp';

const ROOT = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** electron-builder.yml as electron-builder loads it (its own loader, which also reads package.json). */
const loadConfig = () => getConfig(ROOT, null, null);

type Filter = (file: string, stat: Stats) => boolean;
/** electron-builder's pick of the app's files: `files` plus its own defaults (internal, so not in its typings). */
const { getMainFileMatchers } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: LinuxConfiguration,
    packager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ) => FileMatcher[];
};

/** The project's files that electron-builder puts in the app (node_modules are collected on their own). */
function packagedFiles(config: Configuration): string[] {
  const packager = {
    info: {
      config,
      projectDir: ROOT,
      buildResourcesDir: config.directories?.buildResources,
      isPrepackedAppAsar: false,
      debugLogger: new DebugLogger(false),
    },
  };
  const outDir = join(ROOT, config.directories?.output ?? 'dist');
  const [matcher] = getMainFileMatchers(ROOT, '/app', (p) => p, config.linux ?? {}, packager, outDir, false);
  const filter = (matcher as FileMatcher).createFilter() as Filter;
  // Walked as electron-builder walks it: a folder the filter refuses is not entered.
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else files.push(relative(ROOT, path));
    }
  };
  walk(ROOT);
  return files;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation, which rejects a broken config", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, asarUnpacked: ['**/*.node'] } as Configuration,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/unknown property 'asarUnpacked'/);
    await expect(
      validateConfiguration({ ...config, asar: 'yes' } as unknown as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.asar should be/);
  });

  it('builds AppImage and deb on Linux, a dmg for Intel and Apple silicon Macs, NSIS on Windows, all in asar', async () => {
    expect(await loadConfig()).toMatchObject({
      appId: 'dev.hookwarden.app',
      productName: 'Hookwarden',
      asar: true,
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: [{ target: 'dmg', arch: ['x64', 'arm64'] }] },
      win: { target: ['nsis'] },
      afterPack: './scripts/after-pack.mjs',
      npmRebuild: false,
    });
  });

  it('packs the built app (out/main, out/preload, out/renderer, out/cli) and package.json, nothing else of the project', async () => {
    const files = packagedFiles(await loadConfig());
    // npm test builds before the tests run; alone, run `npm run build` first.
    for (const built of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/cli/hookwarden.js',
    ]) {
      expect(files).toContain(built);
    }
    expect(files).toContain('package.json');
    expect(files.filter((file) => !/^out\/(main|preload|renderer|cli)\/./.test(file))).toEqual([
      'package.json',
    ]);
    expect(files.filter((file) => /\.(tsx?|mts)$/.test(file))).toEqual([]);
    // What was left out is really there: the check above had something to refuse.
    for (const source of ['src/main/index.ts', 'test/main/packaging.test.ts', 'scripts/after-pack.mjs']) {
      expect(statSync(join(ROOT, source)).isFile()).toBe(true);
      expect(files).not.toContain(source);
    }
  });

  it("takes every production dependency and no dev dependency (electron-builder's own npm collector)", async () => {
    const tmp = new TmpDir('hookwarden-packaging-test');
    try {
      const collector = getCollectorByPackageManager(PM.NPM, ROOT, tmp);
      const { nodeModules } = await collector.getNodeModules({ packageName: packageJson.name });
      const names = new Set<string>();
      const add = (modules: typeof nodeModules) => {
        for (const module of modules) {
          names.add(module.name);
          add(module.dependencies ?? []);
        }
      };
      add(nodeModules);
      expect(Object.keys(packageJson.dependencies).filter((name) => !names.has(name))).toEqual([]);
      expect(Object.keys(packageJson.devDependencies).filter((name) => names.has(name))).toEqual([]);
    } finally {
      await tmp.cleanup();
    }
  }, 60_000);

  it("unpacks keytar's native module from the asar (a .node file cannot load from inside it)", async () => {
    const config = await loadConfig();
    const options = {
      macroExpander: (p: string) => p,
      customBuildOptions: {},
      globalOutDir: ROOT,
      defaultSrc: ROOT,
    };
    const [matcher] = getFileMatchers(config, 'asarUnpack', '/app', options) ?? [];
    const unpacked = (matcher as FileMatcher).createFilter() as Filter;
    const keytar = dirname(createRequire(import.meta.url).resolve('@github/keytar'));
    // One of the prebuilt native modules keytar's package ships (present whatever its install step did).
    const native = join(keytar, '../prebuilds/linux-x64/keytar.node');
    expect(unpacked(native, statSync(native))).toBe(true);
    expect(unpacked(join(keytar, 'keytar.js'), statSync(join(keytar, 'keytar.js')))).toBe(false);
  });
});

/** The fuse names and states of docs/ARCHITECTURE.md's "packaged build" row, e.g. `RunAsNode` off. */
function documentedFuses(): Record<string, boolean> {
  const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
  const row = doc.split('\n').find((line) => line.startsWith('| packaged build |')) ?? '';
  return Object.fromEntries(
    [...row.matchAll(/`(\w+)` (on|off)\b/g)].map(([, name, state]) => [name, state === 'on']),
  );
}

/** PACKAGED_FUSES with the fuses' names for keys. */
const packagedFusesByName = () =>
  Object.fromEntries(
    Object.entries(PACKAGED_FUSES).map(([option, on]) => [FuseV1Options[Number(option)], on]),
  );

/** Electron's fuse sentinel, as @electron/fuses looks for it in a binary. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * A fuse wire, one byte per FuseV1Options value in order ('1' on, '0' off): the six the hook sets start the other
 * way round, and the others must stay as they are.
 */
const START_WIRE = '101100011';

/** A file holding a fuse wire where an Electron binary holds it: enough for @electron/fuses to flip. */
function standInElectron(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const wire = Buffer.from(START_WIRE);
  writeFileSync(
    path,
    Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire]),
  );
}

/** The afterPack hook as electron-builder loads it from electron-builder.yml (its own loader). */
async function afterPack(context: AfterPackContext): Promise<void> {
  const config = await loadConfig();
  const hook = await resolveFunction(undefined, config.afterPack, 'afterPack', ROOT);
  if (typeof hook !== 'function')
    throw new Error(`electron-builder found no afterPack hook: ${String(hook)}`);
  await hook(context);
}

/** Where a Mac app keeps the Electron binary that holds the fuses. */
const MAC_FRAMEWORK = 'Hookwarden.app/Contents/Frameworks/Electron Framework.framework/Electron Framework';

/** What electron-builder hands the hook, for one platform and arch. */
async function packContext(electronPlatformName: string, arch: Arch): Promise<AfterPackContext> {
  const config = await loadConfig();
  const packager = {
    appInfo: { productFilename: config.productName },
    executableName: config.linux?.executableName,
  };
  return {
    appOutDir: tempDir('hookwarden-pack-'),
    electronPlatformName,
    arch,
    packager,
  } as unknown as AfterPackContext;
}

describe('fuses', () => {
  it('the exported fuse list is the one docs/ARCHITECTURE.md promises', () => {
    const documented = documentedFuses();
    expect(Object.keys(documented)).toHaveLength(6);
    expect(packagedFusesByName()).toEqual(documented);
  });

  it.each([
    ['linux', Arch.x64, 'hookwarden'],
    ['win32', Arch.x64, 'Hookwarden.exe'],
    [
      'darwin',
      Arch.x64,
      'Hookwarden.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
    ],
  ])(
    'the afterPack hook flips exactly PACKAGED_FUSES in the packaged %s binary',
    async (platform, arch, binary) => {
      const context = await packContext(platform, arch);
      standInElectron(join(context.appOutDir, binary));
      await afterPack(context);

      const wire = await getCurrentFuseWire(join(context.appOutDir, binary.split('/Contents/')[0] as string));
      const packaged = packagedFusesByName();
      [...START_WIRE].forEach((stock, option) => {
        const name = FuseV1Options[option] as string;
        const expected =
          name in packaged ? (packaged[name] ? FuseState.ENABLE : FuseState.DISABLE) : stock.charCodeAt(0);
        expect({ name, state: wire[option as FuseV1Options] }).toEqual({ name, state: expected });
      });
    },
  );

  it('on an Apple silicon Mac it re-signs the app ad hoc after flipping (a flipped fuse breaks the signature)', async () => {
    // A codesign of our own, first on PATH, records how it is called.
    const bin = tempDir('hookwarden-codesign-');
    const calls = join(bin, 'calls');
    writeFileSync(join(bin, 'codesign'), `#!/bin/sh\necho "$@" >> '${calls}'\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      for (const arch of [Arch.x64, Arch.arm64]) {
        const context = await packContext('darwin', arch);
        standInElectron(join(context.appOutDir, MAC_FRAMEWORK));
        await afterPack(context);
        const wire = await getCurrentFuseWire(join(context.appOutDir, 'Hookwarden.app'));
        expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      }
    } finally {
      process.env.PATH = path;
    }
    // Once (the arm64 build), on the whole bundle.
    expect(readFileSync(calls, 'utf8')).toMatch(/^--sign - --force .*--deep \S+\/Hookwarden\.app\n$/);
  });
});

describe('icons', () => {
  it('scripts/make-icons.mjs renders the source SVG to a 1024×1024 PNG, which `npm run dist` makes before packaging', async () => {
    const out = tempDir('hookwarden-icons-');
    execFileSync(process.execPath, [join(ROOT, 'scripts/make-icons.mjs'), out]);
    const png = readFileSync(join(out, 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: 1024,
      height: 1024,
    });

    const config = await loadConfig();
    expect(config.icon).toBe(`${config.directories?.buildResources}/icon.png`);
    expect(packageJson.scripts.dist).toMatch(/node scripts\/make-icons\.mjs && electron-builder$/);
  });
});
