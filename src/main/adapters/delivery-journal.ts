/**
 * The delivery log's journal: one JSON line per change, appended before the change is acknowledged, so a
 * change survives the app dying before the next full write of the log. Each line carries a sequence number;
 * the full log file records the last one it includes, and only later lines are replayed.
 */
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { deliverySchema } from '../../shared/delivery';
import type { LogChange } from '../services/ports';
import { firstIssue } from '../services/schema-issue';
import { StoreFileInvalidError } from './store-file';

const entrySchema = z.strictObject({
  seq: z.number().int().positive(),
  change: z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('add'), record: deliverySchema }),
    z.strictObject({ op: z.literal('remove'), webhookIds: z.array(z.string()) }),
  ]),
});

const NEWLINE = 0x0a;

export interface JournalEntry {
  seq: number;
  change: LogChange;
}

function parseLine(line: string, lineNumber: number): JournalEntry {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new StoreFileInvalidError(
      `journal line ${lineNumber} is not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) {
    throw new StoreFileInvalidError(`journal line ${lineNumber}: ${firstIssue(parsed.error, 'entry')}`);
  }
  return parsed.data;
}

export function openJournal(path: string) {
  return {
    /**
     * Every entry, in order. A last line without its newline is the change the app died while appending: it
     * was never acknowledged, so it is cut off, and later appends start on a clean line. Any other bad line
     * throws StoreFileInvalidError.
     */
    recover(): JournalEntry[] {
      if (!existsSync(path)) return [];
      const bytes = readFileSync(path);
      const end = bytes.lastIndexOf(NEWLINE) + 1;
      if (end < bytes.length) truncateSync(path, end);
      const lines = bytes.subarray(0, end).toString('utf8').split('\n').slice(0, -1);
      return lines.map((line, index) => parseLine(line, index + 1));
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
