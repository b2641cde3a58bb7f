/** Page-level UI state: which page the main area shows, which row dialog is open and which row is selected. */
import { create } from 'zustand';

/**
 * The pages the sidebar's links below the APIs open (features/navigation/PageLinks.tsx). A new page: add its
 * name here; then its link (PAGE_LINKS) and its component (App.tsx's TOOL_PAGES) are type errors until added.
 */
export type ToolPage = 'inbox' | 'doctor';
/** 'webhooks': the selected API's Webhooks page (the default). */
export type Page = 'webhooks' | ToolPage;

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
  /** "Check endpoint": the six checks of the webhook's URL (features/preflight). */
  | 'endpoint-check'
  /** "Check receiver security": forged deliveries the receiver must refuse (features/preflight). */
  | 'receiver-security'
  /** "Receiver code": code that verifies the webhook's signatures (features/receiver-code). */
  | 'receiver-code'
  /** "This webhook is paused. Send anyway?" before a test delivery or a redelivery to a paused webhook. */
  | 'send-paused';

interface UiState {
  page: Page;
  /** deliveryId: the record a "send-paused" confirmation redelivers (none: a new test delivery). */
  dialog: { kind: RowDialog; webhookId: string; deliveryId?: string } | null;
  /** The selected row; the Deliveries region shows its test deliveries. */
  selectedWebhookId: string | null;
  showPage(page: Page): void;
  openDialog(kind: RowDialog, webhookId: string, deliveryId?: string): void;
  closeDialog(): void;
  selectWebhook(id: string | null): void;
}

export const useUi = create<UiState>()((set) => ({
  page: 'webhooks',
  dialog: null,
  selectedWebhookId: null,
  showPage: (page) => set({ page }),
  openDialog: (kind, webhookId, deliveryId) => set({ dialog: { kind, webhookId, deliveryId } }),
  closeDialog: () => set({ dialog: null }),
  selectWebhook: (id) => set({ selectedWebhookId: id }),
}));
