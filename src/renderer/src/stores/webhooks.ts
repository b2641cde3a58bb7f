/**
 * The selected API's webhooks, kept as ids (order) plus a map by id, so a row subscribes to its own
 * webhook only and one row's change re-renders one row. Reading and changing them in main:
 * features/webhooks/actions.ts.
 */
import { create } from 'zustand';
import type { WebhookView } from '../../../shared/domain';
import { omitKey } from '../lib/records';
import type { LoadStatus } from './load-status';

interface WebhooksState {
  apiId: string | null;
  status: LoadStatus;
  error: string | null;
  ids: string[];
  byId: Record<string, WebhookView>;
  /** The webhook created last in this session, so the table can scroll it into view. */
  lastCreatedId: string | null;
  /** Shows `apiId`'s webhooks, empty until loaded (nothing for null). */
  loading(apiId: string | null): void;
  /** Main's list for `apiId`, unless the user moved on to another API meanwhile. */
  loaded(apiId: string, webhooks: WebhookView[]): void;
  failed(message: string): void;
  /** The shown API's list read again, in place. */
  refreshed(apiId: string, webhooks: WebhookView[]): void;
  /** A webhook main just created: appended if its API is shown. */
  added(webhook: WebhookView): void;
  /** A shown webhook as main answered after changing it. */
  put(webhook: WebhookView): void;
  removed(id: string): void;
  markSecretMissing(id: string): void;
}

function indexById(webhooks: WebhookView[]): Record<string, WebhookView> {
  const byId: Record<string, WebhookView> = {};
  for (const webhook of webhooks) byId[webhook.id] = webhook;
  return byId;
}

export const useWebhooks = create<WebhooksState>()((set, get) => ({
  apiId: null,
  status: 'idle',
  error: null,
  ids: [],
  byId: {},
  lastCreatedId: null,

  loading: (apiId) =>
    set({ apiId, status: apiId ? 'loading' : 'idle', error: null, ids: [], byId: {}, lastCreatedId: null }),

  loaded(apiId, webhooks) {
    if (get().apiId !== apiId) return;
    set({ status: 'ready', ids: webhooks.map((w) => w.id), byId: indexById(webhooks) });
  },

  failed: (message) => set({ status: 'error', error: message }),

  refreshed(apiId, webhooks) {
    if (get().apiId === apiId) set({ ids: webhooks.map((w) => w.id), byId: indexById(webhooks) });
  },

  added(webhook) {
    if (get().apiId !== webhook.apiId) return;
    set((state) => ({
      ids: [...state.ids, webhook.id],
      byId: { ...state.byId, [webhook.id]: webhook },
      lastCreatedId: webhook.id,
    }));
  },

  put(webhook) {
    if (!get().byId[webhook.id]) return;
    set((state) => ({ byId: { ...state.byId, [webhook.id]: webhook } }));
  },

  removed: (id) =>
    set((state) => ({ ids: state.ids.filter((other) => other !== id), byId: omitKey(state.byId, id) })),

  markSecretMissing(id) {
    const webhook = get().byId[id];
    if (webhook && !webhook.secretMissing) get().put({ ...webhook, secretMissing: true });
  },
}));
