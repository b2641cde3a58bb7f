/**
 * The delivery log in its own file (deliveries.json), apart from the config, with a journal
 * (deliveries.journal.jsonl) that makes each change durable at once. Both are checked once when opened; a log
 * file that fails is moved aside, never cleared, and reported; so are the journal's bad lines, one by one.
 *
 * Not electron-store: a full log is megabytes, and electron-store also reads and parses the old file on every
 * write (an 11 MB log took 150–300 ms to write through it, 100–150 ms directly). Written atomically, compact.
 */
import { join } from 'node:path';
import { writeFileSync as writeFileAtomically } from 'atomically';
import { z } from 'zod';
import { deliverySchema } from '../../shared/delivery';
import type { Notice } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { applyLogChange } from './log';
import { firstIssue } from '../storage/schema-issue';
import type { Clock } from '../ports';
import type { DeliveryLogData, DeliveryLogStore, LogChange } from './ports';
import { openJournal, type Journal, type JournalEntry, type SetAsideLines } from './journal';
import { StoreFileInvalidError, asidePath, moveAside, readJsonFile } from '../storage/store-file';

const DELIVERY_LOG_NAME = 'deliveries';

/** The two files, as named on disk. */
interface LogFileKind {
  name: string;
  extension: string;
}
const LOG_FILE: LogFileKind = { name: DELIVERY_LOG_NAME, extension: 'json' };
const JOURNAL_FILE: LogFileKind = { name: `${DELIVERY_LOG_NAME}.journal`, extension: 'jsonl' };
const pathOf = (dir: string, { name, extension }: LogFileKind) => join(dir, `${name}.${extension}`);
const LOG_SCHEMA_VERSION = 2;

const byWebhookSchema = z.record(z.string(), z.array(deliverySchema));
const logFileV2 = z.strictObject({
  schemaVersion: z.literal(LOG_SCHEMA_VERSION),
  /** The last journal entry this file includes. */
  journalSeq: z.number().int().nonnegative(),
  byWebhook: byWebhookSchema,
});
type LogFile = z.infer<typeof logFileV2>;
// Version 1 had no journal.
const logFileSchema = z.discriminatedUnion('schemaVersion', [
  z.strictObject({ schemaVersion: z.literal(1), byWebhook: byWebhookSchema }),
  logFileV2,
]);

/**
 * When the log file is written: once changes pause for `afterPauseMs`, and at the latest `atLatestMs` after the
 * first unsaved change. The journal keeps every change safe meanwhile, so the main process is not stalled by
 * rewriting a large file while deliveries keep coming.
 */
export interface WriteDelay {
  afterPauseMs: number;
  atLatestMs: number;
}
const WRITE_DELAY: WriteDelay = { afterPauseMs: 1_000, atLatestMs: 10_000 };

/** What the log file holds: the data and the last journal entry it includes. */
interface Snapshot {
  data: DeliveryLogData;
  journalSeq: number;
}

/** A snapshot with the journal replayed onto it; savedSeq is what the log file itself includes. */
interface Recovered extends Snapshot {
  savedSeq: number;
}

const emptySnapshot = (): Snapshot => ({
  data: { byWebhook: {} },
  journalSeq: 0,
});

export interface OpenedDeliveryLog {
  store: DeliveryLogStore;
  notices: Notice[];
}

function parseLog(raw: unknown): Snapshot {
  if (raw === undefined) return emptySnapshot();
  const parsed = logFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StoreFileInvalidError(firstIssue(parsed.error, 'log'));
  }
  const journalSeq = parsed.data.schemaVersion === 1 ? 0 : parsed.data.journalSeq;
  return { data: { byWebhook: parsed.data.byWebhook }, journalSeq };
}

/**
 * Reads from memory. apply() appends the change to the journal, then schedules a write of the log file (see
 * WriteDelay); once that write succeeds, the journal is emptied. A failed log-file write is only logged: the
 * journal still holds every change, and the next write retries.
 */
function journaledStore(
  path: string,
  journal: Journal,
  initial: Recovered,
  clock: Clock,
  delay: WriteDelay,
): DeliveryLogStore {
  let { data, journalSeq: seq } = initial;
  let timer: NodeJS.Timeout | null = null;
  let firstUnsavedAt = 0;

  const write = () => {
    try {
      const file: LogFile = { schemaVersion: LOG_SCHEMA_VERSION, journalSeq: seq, byWebhook: data.byWebhook };
      writeFileAtomically(path, JSON.stringify(file));
      journal.clear();
    } catch (error) {
      console.warn('[hookwarden] could not save the delivery log file:', (error as Error).message);
    }
  };
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    write();
  };
  const schedule = () => {
    const now = clock.now().getTime();
    if (timer === null) {
      firstUnsavedAt = now;
      timer = setTimeout(flush, delay.afterPauseMs).unref();
    } else if (now + delay.afterPauseMs <= firstUnsavedAt + delay.atLatestMs) {
      timer.refresh(); // wait for the pause again
    }
  };
  // Changes replayed from the journal: fold them into the log file now.
  if (seq > initial.savedSeq) write();

  return {
    read: () => data,
    apply(change: LogChange) {
      seq += 1;
      data = applyLogChange(data, change);
      schedule();
      try {
        journal.append({ seq, change });
      } catch (error) {
        throw new AppError(
          'STORAGE_FAILED',
          `${(error as Error).message}. The latest records are shown, but may be lost when Hookwarden quits.`,
        );
      }
    },
    flush,
  };
}

/** The log file's snapshot with the journal's later entries replayed onto it. */
function replay(snapshot: Snapshot, entries: JournalEntry[]): Recovered {
  const replayed = entries
    .filter((entry) => entry.seq > snapshot.journalSeq)
    .reduce(
      (current, { seq, change }) => ({ data: applyLogChange(current.data, change), journalSeq: seq }),
      snapshot,
    );
  return { ...replayed, savedSeq: snapshot.journalSeq };
}

/** Moves the log file aside when it cannot be used and says where it went. */
function movedAsideNotice(dir: string, error: Error, clock: Clock): Notice {
  const movedTo = moveAside(dir, LOG_FILE.name, clock, LOG_FILE.extension);
  return {
    kind: 'delivery-log-moved-aside',
    message: `The delivery log could not be read (${error.message}). It was moved to ${movedTo}; the log goes on without it.`,
  };
}

function setAsideNotice({ count, path, firstProblem }: SetAsideLines): Notice {
  const lines = count === 1 ? '1 line' : `${count} lines`;
  return {
    kind: 'delivery-log-lines-set-aside',
    message: `${lines} of the delivery log's journal could not be read (${firstProblem}). They were set aside in ${path}; the other records were kept.`,
  };
}

export function openDeliveryLogStore(dir: string, clock: Clock, delay = WRITE_DELAY): OpenedDeliveryLog {
  const notices: Notice[] = [];
  const readSnapshot = (): Snapshot => {
    try {
      return parseLog(readJsonFile(pathOf(dir, LOG_FILE)));
    } catch (error) {
      if (!(error instanceof StoreFileInvalidError)) throw error;
      notices.push(movedAsideNotice(dir, error, clock));
      return emptySnapshot();
    }
  };

  const snapshot = readSnapshot();
  const journal = openJournal(pathOf(dir, JOURNAL_FILE));
  const { entries, setAside } = journal.recover(() =>
    asidePath(dir, JOURNAL_FILE.name, 'rejected', clock, JOURNAL_FILE.extension),
  );
  if (setAside) notices.push(setAsideNotice(setAside));
  const recovered = replay(snapshot, entries);
  const store = journaledStore(pathOf(dir, LOG_FILE), journal, recovered, clock, delay);
  return { store, notices };
}
