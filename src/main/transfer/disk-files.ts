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

/**
 * For the command line: no file dialogs. Its commands name their files and read or write them with the two
 * functions above; a use case that would ask for a file gets "cancelled".
 */
export const commandLineTransferFiles: TransferFiles = {
  chooseSaveFile: async () => null,
  chooseOpenFile: async () => null,
  read: readTransferFile,
  write: writeTransferFile,
};
