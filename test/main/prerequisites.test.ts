/**
 * scripts/check-prerequisites.mjs, which `npm test` runs before anything else, as a child process with pieces
 * really missing: libsecret hidden from the dynamic linker, CHROMIUM_PATH at nothing, a PATH without the tools.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutLoadableLibsecret } from '../support/libsecret-hidden';
import { tempDir } from '../support/temp';

const ROOT = resolve(import.meta.dirname, '../..');

function check(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['scripts/check-prerequisites.mjs'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
}

describe.runIf(process.platform === 'linux')('the prerequisite check', () => {
  it('passes, saying so, when everything the tests need is installed', () => {
    expect(check(process.env)).toMatchObject({
      status: 0,
      stdout: 'Prerequisites: all present.\n',
      stderr: '',
    });
  });

  it('names a hidden libsecret and a missing Chromium, each with its install command, and fails', () => {
    const chromium = join(tempDir(), 'no-chromium');
    const result = check({ ...withoutLoadableLibsecret(), CHROMIUM_PATH: chromium });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'The tests need system packages that are missing here:',
      expect.stringMatching(
        /^ {2}libsecret: @github\/keytar's native module does not load \(\/.+\/libsecret-1\.so\.0: file too short\) — install: sudo apt-get install libsecret-1-0$/,
      ),
      `  no Chromium at CHROMIUM_PATH=${chromium} (point it to a Chromium, or unset it for /usr/bin/chromium) — install: sudo apt-get install chromium`,
      'All at once: sudo apt-get install libsecret-1-0 chromium',
    ]);
  });

  it('names each command missing from PATH with the package that brings it', () => {
    // A PATH holding only node: every system tool the tests call is missing.
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = check({ ...process.env, PATH: bin });
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    const missing = [
      ['dbus-run-session', 'dbus'],
      ['gnome-keyring-daemon', 'gnome-keyring'],
      ['secret-tool', 'libsecret-tools'],
      ['curl', 'curl'],
      ['openssl', 'openssl'],
      ['age', 'age'],
      ['php', 'php-cli'],
      ['ruby', 'ruby'],
      ['go', 'golang-go'],
      ['Xvfb', 'xvfb'],
      ['xsel', 'xsel'],
    ];
    for (const [command, pkg] of missing) {
      expect(lines).toContain(`  \`${command}\` is not on PATH — install: sudo apt-get install ${pkg}`);
    }
    expect(lines).toContain('  Ruby cannot load Sinatra — install: sudo apt-get install ruby-sinatra');
    expect(lines.at(-1)).toBe(
      'All at once: sudo apt-get install dbus gnome-keyring libsecret-tools curl openssl age php-cli ruby ruby-sinatra golang-go xvfb xsel',
    );
    // Debian's python3 is called by its full path, so its modules are still found.
    expect(result.stderr).not.toContain('python3-');
  });

  it("names a Python module that Debian's python3 cannot import", () => {
    // A fastapi first on PYTHONPATH that fails to import, as if python3-fastapi were not installed.
    const modules = tempDir();
    writeFileSync(join(modules, 'fastapi.py'), "raise ImportError('hidden by the test')\n");
    const result = check({ ...process.env, PYTHONPATH: modules });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'The tests need system packages that are missing here:',
      '  /usr/bin/python3 cannot import fastapi — install: sudo apt-get install python3-fastapi',
      'All at once: sudo apt-get install python3-fastapi',
    ]);
  });
});
