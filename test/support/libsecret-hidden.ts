import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/**
 * This process's environment, with a directory holding an empty libsecret-1.so.0 searched first: the dynamic
 * linker then refuses keytar's native module ("file too short"), as on a Linux desktop without libsecret.
 */
export function withoutLoadableLibsecret(): NodeJS.ProcessEnv {
  const libDir = tempDir('hookwarden-nolibsecret-');
  writeFileSync(join(libDir, 'libsecret-1.so.0'), '');
  const inherited = process.env.LD_LIBRARY_PATH;
  return { ...process.env, LD_LIBRARY_PATH: inherited ? `${libDir}:${inherited}` : libDir };
}
