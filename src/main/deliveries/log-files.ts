/** The delivery log's files in the data folder, as named on disk. */
import { join } from 'node:path';

export const DELIVERY_LOG_NAME = 'deliveries';

export interface LogFileKind {
  name: string;
  extension: string;
}
export const LOG_FILE: LogFileKind = { name: DELIVERY_LOG_NAME, extension: 'json' };
export const JOURNAL_FILE: LogFileKind = { name: `${DELIVERY_LOG_NAME}.journal`, extension: 'jsonl' };
export const pathOf = (dir: string, { name, extension }: LogFileKind) => join(dir, `${name}.${extension}`);
