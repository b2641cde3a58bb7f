/**
 * The one way every versioned store file is read: bring its JSON object up to the current schema version with
 * that file's migrations table (migration n turns a version-n object into the shape of version n + 1), then
 * validate it. A file without a version counts as version 0.
 */
import type { z } from 'zod';
import { firstIssue } from '../../shared/zod-issues';
import { StoreFileInvalidError } from './invalid-file';

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedFile<T> {
  /** How the file is named in messages ("config", "log"). */
  what: string;
  current: number;
  migrations: Record<number, Migration>;
  schema: z.ZodType<T>;
}

/** The file's content at the current version, and the version it was written with. */
export function readVersioned<T>(raw: unknown, file: VersionedFile<T>): { data: T; fromVersion: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreFileInvalidError('the file does not hold a JSON object');
  }
  let current = raw as Record<string, unknown>;
  const fromVersion = typeof current.schemaVersion === 'number' ? current.schemaVersion : 0;
  if (fromVersion > file.current) {
    throw new StoreFileInvalidError(`it was written by a newer Hookwarden (schema version ${fromVersion})`);
  }
  for (let version = fromVersion; version < file.current; version++) {
    const migrate = file.migrations[version];
    if (!migrate) throw new StoreFileInvalidError(`no migration from schema version ${version}`);
    current = { ...migrate(current), schemaVersion: version + 1 };
  }
  const parsed = file.schema.safeParse(current);
  if (!parsed.success) throw new StoreFileInvalidError(firstIssue(parsed.error, file.what));
  return { data: parsed.data, fromVersion };
}
