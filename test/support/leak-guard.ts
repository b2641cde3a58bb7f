/**
 * Runs around every main and e2e test file: captures everything logged, and after the file checks that no
 * secret a test stored appears in a log line or in any file written to the tests' data dirs.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { removeTestKeychainItems, storedSecrets } from './keyring';
import { tempDirs } from './temp';

const captured: string[] = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    captured.push(
      args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(' '),
    );
    original(...args);
  };
}

function filesBelow(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

afterAll(async () => {
  await removeTestKeychainItems();
  const files = tempDirs.flatMap(filesBelow);
  const texts = [...captured, ...files.map((file) => readFileSync(file, 'utf8'))];
  const leaks = [...storedSecrets].filter((secret) => texts.some((text) => text.includes(secret)));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  expect(leaks, 'secrets found in logs or data files').toEqual([]);
});
