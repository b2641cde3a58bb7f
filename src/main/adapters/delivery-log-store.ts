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
import { StoreFileInvalidError, cachedStore, moveAside, readJsonFile } from './store-file';

export const DELIVERY_LOG_NAME = 'deliveries';
const LOG_SCHEMA_VERSION = 1;

const logFileSchema = z.strictObject({
  schemaVersion: z.literal(LOG_SCHEMA_VERSION),
  byWebhook: z.record(z.string(), z.array(deliverySchema)),
});

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

export function openDeliveryLogStore(dir: string, clock: Clock): OpenedDeliveryLog {
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
  const store: DeliveryLogStore = cachedStore(openElectronStore(dir), data, 'the delivery log');
  return { store, movedAsideTo, notices };
}
