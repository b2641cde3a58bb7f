/**
 * The delivery log's journal: one JSON line per change, appended before the change is acknowledged, so a
 * change survives the app dying before the next full write of the log. Each line carries a sequence number;
 * the full log file records the last one it includes, and only later lines are replayed.
 */
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { writeFileSync as writeFileAtomically } from 'atomically';
import { z } from 'zod';
import { firstIssue } from '../../shared/zod-issues';
import { applyLogChange } from './log';
import { logChangeSchema } from './log-change';
import type { Snapshot } from './log-file';

const entrySchema = z.strictObject({ seq: z.number().int().positive(), change: logChangeSchema });

const NEWLINE = 0x0a;

export type JournalEntry = z.infer<typeof entrySchema>;

/** Lines that could not be used, now kept in a file of their own. */
export interface SetAsideLines {
  count: number;
  path: string;
  /** Why the first of them could not be used. */
  firstProblem: string;
}

export interface RecoveredJournal {
  entries: JournalEntry[];
  setAside: SetAsideLines | null;
}

/** The entry on a line, or why the line cannot be used. */
function parseLine(line: string, lineNumber: number): JournalEntry | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return `line ${lineNumber} is not valid JSON: ${(error as Error).message}`;
  }
  const parsed = entrySchema.safeParse(json);
  return parsed.success ? parsed.data : `line ${lineNumber}: ${firstIssue(parsed.error, 'entry')}`;
}

/** The lines of `bytes`, each with its newline. */
function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(NEWLINE, start) + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
}

/** The entries of a journal's complete lines, and its lines sorted into usable and not. */
export function parseJournal(bytes: Buffer) {
  const entries: JournalEntry[] = [];
  const kept: Buffer[] = [];
  const bad: Buffer[] = [];
  let firstProblem: string | null = null;
  for (const [index, line] of linesOf(bytes.subarray(0, bytes.lastIndexOf(NEWLINE) + 1)).entries()) {
    const parsed = parseLine(line.toString('utf8', 0, line.length - 1), index + 1);
    if (typeof parsed === 'string') {
      firstProblem ??= parsed;
      bad.push(line);
    } else {
      entries.push(parsed);
      kept.push(line);
    }
  }
  return { entries, kept, bad, firstProblem };
}

export function openJournal(path: string) {
  return {
    /**
     * Every entry that can be read, in order. A last line without its newline is the change the app died while
     * appending: it was never acknowledged, so it is cut off, and later appends start on a clean line. Any
     * other bad line costs only itself: the bad lines are written, as they were, to the file `setAsideTo()`
     * names, and then left out of the journal.
     */
    recover(setAsideTo: () => string): RecoveredJournal {
      if (!existsSync(path)) return { entries: [], setAside: null };
      const bytes = readFileSync(path);
      const end = bytes.lastIndexOf(NEWLINE) + 1;
      if (end < bytes.length) truncateSync(path, end);

      const { entries, kept, bad, firstProblem } = parseJournal(bytes.subarray(0, end));
      if (firstProblem === null) return { entries, setAside: null };

      // The bad lines are safe in their own file before the journal is rewritten without them.
      const aside = setAsideTo();
      writeFileSync(aside, Buffer.concat(bad));
      writeFileAtomically(path, Buffer.concat(kept));
      return { entries, setAside: { count: bad.length, path: aside, firstProblem } };
    },

    /** Returns once the line is in the file (the OS has it even if the app dies right after). */
    append(entry: JournalEntry): void {
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
    },

    /** Empties it, once the full log file includes every entry. */
    clear(): void {
      writeFileSync(path, '');
    },
  };
}

export type Journal = ReturnType<typeof openJournal>;

/** A snapshot with the journal's later entries replayed onto it; savedSeq is what the snapshot itself includes. */
export function replay(snapshot: Snapshot, entries: JournalEntry[]): Snapshot & { savedSeq: number } {
  const replayed = entries
    .filter((entry) => entry.seq > snapshot.journalSeq)
    .reduce(
      (current, { seq, change }) => ({ data: applyLogChange(current.data, change), journalSeq: seq }),
      snapshot,
    );
  return { ...replayed, savedSeq: snapshot.journalSeq };
}
