/** Page-level UI state: which row dialog is open and which row is selected. */
import { create } from 'zustand';

export type RowDialog =
  | 'edit-url'
  | 'edit-details'
  | 'scheme'
  | 'change-version'
  | 'regenerate'
  /** "Roll signing secret": a roll with an overlap, or the first step of a guided rotation (by scheme). */
  | 'roll'
  /** "Continue rotation": the guided rotation in progress, at the step it is at. */
  | 'rotation'
  /** "End overlap now": a confirmation. */
  | 'end-overlap'
  | 'delete'
  /** "This webhook is paused. Send anyway?" before a test delivery or a redelivery to a paused webhook. */
  | 'send-paused';

interface UiState {
  /** deliveryId: the record a "send-paused" confirmation redelivers (none: a new test delivery). */
  dialog: { kind: RowDialog; webhookId: string; deliveryId?: string } | null;
  /** The selected row; the Deliveries region shows its test deliveries. */
  selectedWebhookId: string | null;
  openDialog(kind: RowDialog, webhookId: string, deliveryId?: string): void;
  closeDialog(): void;
  selectWebhook(id: string | null): void;
}

export const useUi = create<UiState>()((set) => ({
  dialog: null,
  selectedWebhookId: null,
  openDialog: (kind, webhookId, deliveryId) => set({ dialog: { kind, webhookId, deliveryId } }),
  closeDialog: () => set({ dialog: null }),
  selectWebhook: (id) => set({ selectedWebhookId: id }),
}));
