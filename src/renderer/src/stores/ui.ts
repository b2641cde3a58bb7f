/** Page-level UI state: which row dialog is open and which row is selected. */
import { create } from 'zustand';

export type RowDialog =
  | 'edit-url'
  | 'edit-details'
  | 'scheme'
  | 'change-version'
  | 'regenerate'
  | 'delete'
  /** "This webhook is paused. Send anyway?" before a test delivery to a paused webhook. */
  | 'send-paused';

interface UiState {
  dialog: { kind: RowDialog; webhookId: string } | null;
  /** The selected row; the Deliveries region shows its test deliveries. */
  selectedWebhookId: string | null;
  openDialog(kind: RowDialog, webhookId: string): void;
  closeDialog(): void;
  selectWebhook(id: string | null): void;
}

export const useUi = create<UiState>()((set) => ({
  dialog: null,
  selectedWebhookId: null,
  openDialog: (kind, webhookId) => set({ dialog: { kind, webhookId } }),
  closeDialog: () => set({ dialog: null }),
  selectWebhook: (id) => set({ selectedWebhookId: id }),
}));
