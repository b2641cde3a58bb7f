// `npm test` runs this first: it checks the system packages the tests need (Debian/Ubuntu names, as .ci/run
// installs them) and, when any is missing, prints one line per missing piece with its install command and
// exits 1, before a single test runs. Plain Node 20, no dependencies.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Debian's python3, which the receiver-code tests run (a version manager's python3 lacks Debian's modules). */
const PYTHON = '/usr/bin/python3';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, command)));
}

/** Whether a command runs and exits 0. */
function succeeds(command, args) {
  return spawnSync(command, args, { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

/**
 * Loads keytar in a child process, as the tests do (its native module needs libsecret). keytar's own error hides
 * the dynamic linker's reason, so the child then loads the native module itself to print it.
 */
const LOAD_KEYTAR = `
  try {
    require('@github/keytar');
  } catch (error) {
    const { dirname, join } = require('node:path');
    const lib = dirname(require.resolve('@github/keytar'));
    for (const dir of ['../build/Release', '../prebuilds/' + process.platform + '-' + process.arch]) {
      try { require(join(lib, dir, 'keytar.node')); } catch (native) {
        if (native.code !== 'MODULE_NOT_FOUND') { console.error(native.message); process.exit(1); }
      }
    }
    console.error(error.message);
    process.exit(1);
  }`;

/** Why keytar does not load (e.g. "libsecret-1.so.0: cannot open shared object file"); null when it loads. */
function keytarFailure() {
  const loaded = spawnSync(process.execPath, ['-e', LOAD_KEYTAR], { cwd: ROOT, encoding: 'utf8' });
  return loaded.status === 0 ? null : loaded.stderr.trim().split('\n')[0];
}

/** Each check: what is missing (null when present) and the Debian package that brings it. */
function checks() {
  const chromium = process.env.CHROMIUM_PATH;
  const keytar = keytarFailure();
  const command = (name, pkg) => ({
    missing: onPath(name) ? null : `\`${name}\` is not on PATH`,
    pkg,
  });
  const pythonModule = (name) => ({
    missing: succeeds(PYTHON, ['-c', `import ${name}`]) ? null : `${PYTHON} cannot import ${name}`,
    pkg: `python3-${name}`,
  });
  return [
    {
      missing: keytar && `libsecret: @github/keytar's native module does not load (${keytar})`,
      pkg: 'libsecret-1-0',
    },
    command('dbus-run-session', 'dbus'),
    command('gnome-keyring-daemon', 'gnome-keyring'),
    command('secret-tool', 'libsecret-tools'),
    {
      missing: isExecutable(chromium ?? '/usr/bin/chromium')
        ? null
        : chromium
          ? `no Chromium at CHROMIUM_PATH=${chromium} (point it to a Chromium, or unset it for /usr/bin/chromium)`
          : 'no Chromium at /usr/bin/chromium (or set CHROMIUM_PATH to one)',
      pkg: 'chromium',
    },
    command('curl', 'curl'),
    command('openssl', 'openssl'),
    command('age', 'age'),
    command('php', 'php-cli'),
    command('ruby', 'ruby'),
    {
      missing: succeeds('ruby', ['-e', "require 'sinatra/base'"]) ? null : 'Ruby cannot load Sinatra',
      pkg: 'ruby-sinatra',
    },
    command('go', 'golang-go'),
    command('Xvfb', 'xvfb'),
    command('xsel', 'xsel'),
    pythonModule('flask'),
    pythonModule('fastapi'),
    pythonModule('uvicorn'),
  ];
}

const missing = checks().filter((check) => check.missing);
if (missing.length > 0) {
  console.error('The tests need system packages that are missing here:');
  for (const { missing: what, pkg } of missing)
    console.error(`  ${what} — install: sudo apt-get install ${pkg}`);
  console.error(
    `All at once: sudo apt-get install ${[...new Set(missing.map((check) => check.pkg))].join(' ')}`,
  );
  process.exit(1);
}
console.log('Prerequisites: all present.');
