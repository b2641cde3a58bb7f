/**
 * The delivery log file's format (deliveries.json): every webhook's records and the last journal entry the
 * file includes. Version 1 had no journal.
 */
import { z } from 'zod';
import { deliverySchema } from '../../shared/delivery';
import { readVersioned, type VersionedFile } from '../storage/versioned-file';
import type { DeliveryLogData } from './ports';

const LOG_SCHEMA_VERSION = 2;

const logFileSchema = z.strictObject({
  schemaVersion: z.literal(LOG_SCHEMA_VERSION),
  /** The last journal entry this file includes. */
  journalSeq: z.number().int().nonnegative(),
  byWebhook: z.record(z.string(), z.array(deliverySchema)),
});

const LOG_FILE: VersionedFile<z.infer<typeof logFileSchema>> = {
  what: 'log',
  current: LOG_SCHEMA_VERSION,
  migrations: { 1: (old) => ({ ...old, journalSeq: 0 }) },
  schema: logFileSchema,
};

/** What the log file holds: the data and the last journal entry it includes. */
export interface Snapshot {
  data: DeliveryLogData;
  journalSeq: number;
}

export const emptySnapshot = (): Snapshot => ({ data: { byWebhook: {} }, journalSeq: 0 });

/** The file's snapshot (empty when there is no file yet); throws StoreFileInvalidError when it is corrupt. */
export function parseLogFile(raw: unknown): Snapshot {
  if (raw === undefined) return emptySnapshot();
  const { data } = readVersioned(raw, LOG_FILE);
  return { data: { byWebhook: data.byWebhook }, journalSeq: data.journalSeq };
}

/** The file's text, compact: a full log is megabytes. */
export function logFileText({ data, journalSeq }: Snapshot): string {
  return JSON.stringify({ schemaVersion: LOG_SCHEMA_VERSION, journalSeq, byWebhook: data.byWebhook });
}
