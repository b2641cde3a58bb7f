/** Which export or import dialog is open. Asking main: features/transfer/actions.ts. */
import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';

/** The file main's open dialog picked to import: main keeps it under `token` until it is applied. */
export type PickedImport = NonNullable<ChannelOutput<'transfer.openImport'>>;

/** "Export with secrets", or "Import configuration" for the picked file. */
export type TransferDialog = { kind: 'exportWithSecrets' } | { kind: 'import'; file: PickedImport };

interface TransferState {
  dialog: TransferDialog | null;
  open(dialog: TransferDialog): void;
  close(): void;
}

export const useTransfer = create<TransferState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
