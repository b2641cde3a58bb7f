/** Where export and import files come from and go to: the user picks them, the disk holds them. */

export interface TransferFiles {
  /** Asks where to save an export; null when the user cancels. */
  chooseSaveFile(defaultName: string): Promise<string | null>;
  /** Asks which export to import; null when the user cancels. */
  chooseOpenFile(): Promise<string | null>;
  read(path: string): Promise<Uint8Array>;
  /** Writes the whole file, replacing one that exists (the user chose it). */
  write(path: string, bytes: Uint8Array): Promise<void>;
}
