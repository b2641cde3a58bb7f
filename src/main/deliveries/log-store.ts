/**
 * The delivery log's storage, put together: its file (log-file.ts, deliveries.json), written in bursts
 * (write-schedule.ts), with a journal (journal.ts, deliveries.journal.jsonl) that makes each change durable at
 * once. Both are checked once when opened; a log file that fails is moved aside, never cleared, and reported;
 * so are the journal's bad lines, one by one. Changes the command line handed off (hand-off.ts) are folded in
 * at the start and whenever the app sees new ones.
 *
 * Not electron-store: a full log is megabytes, and electron-store also reads and parses the old file on every
 * write (an 11 MB log took 150–300 ms to write through it, 100–150 ms directly). Written atomically, compact.
 */
import { writeFileSync as writeFileAtomically } from 'atomically';
import type { Notice } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ports';
import { StoreFileInvalidError } from '../storage/invalid-file';
import { asidePath, moveAside, readJsonFile } from '../storage/store-file';
import { openJournal, replay, type Journal, type SetAsideLines } from './journal';
import { applyLogChange } from './log';
import type { LogChange } from './log-change';
import { emptySnapshot, logFileText, parseLogFile, type Snapshot } from './log-file';
import type { DeliveryLogStore } from './ports';
import { WRITE_DELAY, createWriteSchedule, type WriteDelay } from './write-schedule';
import { JOURNAL_FILE, LOG_FILE, pathOf } from './log-files';
import { alreadyHeld, readHandedOff, removeHandedOff } from './hand-off';

/** An opened log's store: everything of the port but onOpened, which only a lazily opened one has. */
type OpenStore = Omit<Required<DeliveryLogStore>, 'onOpened'>;

export interface OpenedDeliveryLog {
  store: OpenStore;
  notices: Notice[];
}

/**
 * Reads from memory. apply() appends the change to the journal, then schedules a write of the log file (see
 * write-schedule.ts); once that write succeeds, the journal is emptied. A failed log-file write is only logged:
 * the journal still holds every change, and the next write retries.
 */
function journaledStore(
  dir: string,
  path: string,
  journal: Journal,
  initial: Snapshot & { savedSeq: number },
  clock: Clock,
  delay: WriteDelay,
): OpenStore {
  let { data, journalSeq: seq } = initial;

  const write = () => {
    try {
      writeFileAtomically(path, logFileText({ data, journalSeq: seq }));
      journal.clear();
    } catch (error) {
      console.warn('[hookwarden] could not save the delivery log file:', (error as Error).message);
    }
  };
  const schedule = createWriteSchedule(write, clock, delay);
  // Changes replayed from the journal: fold them into the log file now.
  if (seq > initial.savedSeq) write();

  const apply = (change: LogChange) => {
    seq += 1;
    data = applyLogChange(data, change);
    schedule.changed();
    try {
      journal.append({ seq, change });
    } catch (error) {
      throw new AppError(
        'STORAGE_FAILED',
        `${(error as Error).message}. The latest records are shown, but may be lost when Hookwarden quits.`,
      );
    }
  };

  return {
    read: () => data,
    apply,
    foldHandedOff() {
      const folded: LogChange[] = [];
      for (const handedOff of readHandedOff(dir)) {
        if (!alreadyHeld(data, handedOff.change)) {
          // In the journal first: only then is the hand-off file no longer needed.
          apply(handedOff.change);
          folded.push(handedOff.change);
        }
        removeHandedOff(handedOff);
      }
      return folded;
    },
    flush: schedule.flush,
  };
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

/** Opens both files; what cannot be used is set aside (never cleared) and reported as a notice. */
export function openDeliveryLogStore(dir: string, clock: Clock, delay = WRITE_DELAY): OpenedDeliveryLog {
  const notices: Notice[] = [];
  const readSnapshot = (): Snapshot => {
    try {
      return parseLogFile(readJsonFile(pathOf(dir, LOG_FILE)));
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
  const store = journaledStore(dir, pathOf(dir, LOG_FILE), journal, replay(snapshot, entries), clock, delay);
  // What the command line handed off while the app was closed.
  store.foldHandedOff();
  return { store, notices };
}

/**
 * The log opened at its first use instead of at start: the window and the API list need no record, and a long
 * log takes a while to read and check. What opening it finds (a file set aside) goes to `onOpened`'s listener.
 */
export function openDeliveryLogLazily(
  dir: string,
  clock: Clock,
  delay = WRITE_DELAY,
): Required<DeliveryLogStore> {
  let opened: OpenedDeliveryLog | null = null;
  let report: (notices: Notice[]) => void = () => undefined;
  const store = () => {
    if (opened === null) {
      opened = openDeliveryLogStore(dir, clock, delay);
      report(opened.notices);
    }
    return opened.store;
  };
  return {
    read: () => store().read(),
    apply: (change) => store().apply(change),
    // Nothing to write before it was opened.
    flush: () => opened?.store.flush(),
    foldHandedOff: () => store().foldHandedOff(),
    onOpened: (listener) => {
      report = listener;
    },
  };
}
