/**
 * How another process (the command line) adds to the delivery log without writing the app's files: each change
 * is one file in `deliveries.incoming/`, written atomically. The app folds them into its log (journaled, so
 * durable) and only then removes them; a change seen twice is folded once (see alreadyHeld). The
 * command line reads the log files without changing them, and adds what it handed off.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync as writeFileAtomically } from 'atomically';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ports';
import { readJsonFile } from '../storage/store-file';
import { parseJournal, replay } from './journal';
import { applyLogChange } from './log';
import { logChangeSchema, type LogChange } from './log-change';
import { emptySnapshot, parseLogFile, type Snapshot } from './log-file';
import type { DeliveryLogData, DeliveryLogStore } from './ports';
import { DELIVERY_LOG_NAME, JOURNAL_FILE, LOG_FILE, pathOf } from './log-files';

export const INCOMING_FOLDER = `${DELIVERY_LOG_NAME}.incoming`;
const REJECTED_SUFFIX = '.rejected';

export interface HandedOff {
  path: string;
  change: LogChange;
}

/** The changes waiting in `dir`'s incoming folder, oldest first; a file that is not one is set aside. */
export function readHandedOff(dir: string): HandedOff[] {
  const folder = join(dir, INCOMING_FOLDER);
  if (!existsSync(folder)) return [];
  const found: HandedOff[] = [];
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const path = join(folder, name);
    const parsed = logChangeSchema.safeParse(readJsonOrNull(path));
    if (parsed.success) found.push({ path, change: parsed.data });
    else {
      console.warn(`[hookwarden] ${path} is not a delivery log change; it was set aside.`);
      renameSync(path, `${path}${REJECTED_SUFFIX}`);
    }
  }
  return found;
}

function readJsonOrNull(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Whether the log already holds this change's record. A handed-off change can be seen twice: the app died
 * between journaling it and removing its file, or the CLI read the journal between those two steps.
 */
export function alreadyHeld(data: DeliveryLogData, change: LogChange): boolean {
  if (change.op !== 'add') return false;
  const { id, webhookId } = change.record;
  return data.byWebhook[webhookId]?.some((kept) => kept.id === id) ?? false;
}

/** Once the app's log holds a change, its file goes. */
export function removeHandedOff(handedOff: HandedOff): void {
  rmSync(handedOff.path, { force: true });
}

/** The log as the files hold it now, read without changing them (what cannot be read is left out). */
function readLogWithoutChanging(dir: string): DeliveryLogData {
  let snapshot: Snapshot;
  try {
    snapshot = parseLogFile(readJsonFile(pathOf(dir, LOG_FILE)));
  } catch {
    snapshot = emptySnapshot();
  }
  const journalPath = pathOf(dir, JOURNAL_FILE);
  const entries = existsSync(journalPath) ? parseJournal(readFileSync(journalPath)).entries : [];
  const { data } = replay(snapshot, entries);
  return readHandedOff(dir).reduce(
    (current, { change }) => (alreadyHeld(current, change) ? current : applyLogChange(current, change)),
    data,
  );
}

/**
 * The command line's delivery log store: reads what the app's files and the incoming folder hold; every change
 * is handed off as a file of its own.
 */
export function openHandOffLogStore(dir: string, clock: Clock): DeliveryLogStore {
  // Read at the first use: most commands never look at the log.
  let data: DeliveryLogData | null = null;
  const current = () => (data ??= readLogWithoutChanging(dir));
  return {
    read: current,
    apply(change) {
      data = applyLogChange(current(), change);
      const folder = join(dir, INCOMING_FOLDER);
      // The time first: the app folds them in the order they were made.
      const name = `${clock.now().getTime().toString().padStart(15, '0')}-${randomUUID()}.json`;
      try {
        mkdirSync(folder, { recursive: true });
        writeFileAtomically(join(folder, name), JSON.stringify(change));
      } catch (error) {
        throw new AppError(
          'STORAGE_FAILED',
          `Could not save the delivery record: ${(error as Error).message}`,
        );
      }
    },
    flush: () => undefined,
  };
}
