/** Export and import files on disk (node:fs): the part of the TransferFiles adapter the app and the CLI share. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { TransferFiles } from './ports';

export const readTransferFile = (path: string): Promise<Uint8Array> => readFile(path);

/** Written beside it, then renamed over it: a crash never leaves half an export. */
export async function writeTransferFile(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/** For the command line: the files were named on the command line, so "choosing" one answers that name. */
export function namedTransferFiles(named: { save?: string; open?: string }): TransferFiles {
  return {
    chooseSaveFile: async () => named.save ?? null,
    chooseOpenFile: async () => named.open ?? null,
    read: readTransferFile,
    write: writeTransferFile,
  };
}
