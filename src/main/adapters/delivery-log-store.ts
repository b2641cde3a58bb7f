/**
 * The delivery log in its own electron-store file (deliveries.json), apart from the config. It is checked
 * once when opened; a file that fails is moved aside, never cleared, and the log starts empty.
 */
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import { z } from 'zod';
import { deliverySchema } from '../../shared/delivery';
import type { Notice } from '../../shared/domain';
import type { Clock, DeliveryLogData, DeliveryLogStore } from '../services/ports';
import { StoreFileInvalidError, moveAside, readJsonFile } from './store-file';

export const DELIVERY_LOG_NAME = 'deliveries';
const LOG_SCHEMA_VERSION = 1;

const logFileSchema = z.strictObject({
  schemaVersion: z.literal(LOG_SCHEMA_VERSION),
  byWebhook: z.record(z.string(), z.array(deliverySchema)),
});

/** Changes within this window reach the file in one write. */
export const FLUSH_DELAY_MS = 200;

const emptyLog = (): DeliveryLogData => ({ schemaVersion: LOG_SCHEMA_VERSION, byWebhook: {} });

export interface OpenedDeliveryLog {
  store: DeliveryLogStore;
  movedAsideTo: string | null;
  notices: Notice[];
}

function parseLog(raw: unknown): DeliveryLogData {
  if (raw === undefined) return emptyLog();
  const parsed = logFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StoreFileInvalidError(`${first?.path.join('.') || 'log'}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function openElectronStore(dir: string): ElectronStore<DeliveryLogData> {
  // No JSON schema here: the whole log would be re-validated on every write. It is checked on open instead.
  return new ElectronStore<DeliveryLogData>({
    cwd: dir,
    name: DELIVERY_LOG_NAME,
    defaults: emptyLog(),
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
}

/**
 * Reads from memory; a write schedules one file write for the whole burst. A failed file write is logged and
 * retried with the next change: the records stay in memory and on screen.
 */
function deferredStore(file: { store: DeliveryLogData }, initial: DeliveryLogData, delayMs: number) {
  let cache = initial;
  let pending: NodeJS.Timeout | null = null;
  const flush = () => {
    if (pending === null) return;
    clearTimeout(pending);
    pending = null;
    try {
      file.store = cache;
    } catch (error) {
      console.warn('[hookwarden] could not save the delivery log:', (error as Error).message);
    }
  };
  const store: DeliveryLogStore = {
    read: () => cache,
    write(next) {
      cache = next;
      pending ??= setTimeout(flush, delayMs).unref();
    },
    flush,
  };
  return store;
}

export function openDeliveryLogStore(
  dir: string,
  clock: Clock,
  flushDelayMs = FLUSH_DELAY_MS,
): OpenedDeliveryLog {
  let data: DeliveryLogData;
  let movedAsideTo: string | null = null;
  let notices: Notice[] = [];
  try {
    data = parseLog(readJsonFile(join(dir, `${DELIVERY_LOG_NAME}.json`)));
  } catch (error) {
    if (!(error instanceof StoreFileInvalidError)) throw error;
    movedAsideTo = moveAside(dir, DELIVERY_LOG_NAME, clock);
    data = emptyLog();
    notices = [
      {
        kind: 'delivery-log-moved-aside',
        message: `The delivery log could not be read (${error.message}). It was moved to ${movedAsideTo} and a new, empty log was started.`,
      },
    ];
  }
  const store = deferredStore(openElectronStore(dir), data, flushDelayMs);
  return { store, movedAsideTo, notices };
}
