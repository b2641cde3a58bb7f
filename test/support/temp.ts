import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every data dir a test made, so the leak guard can scan what was written there. */
export const tempDirs: string[] = [];

export function tempDir(prefix = 'hookwarden-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
