/**
 * The selected API's webhooks, kept as ids (order) plus a map by id, so a row subscribes to its own
 * webhook only and one row's change re-renders one row. Reading and changing them in main:
 * features/webhooks/actions.ts.
 */
import { create } from 'zustand';
import type { LastDelivery, WebhookView } from '../../../shared/domain';
import { DEFAULT_LIST_VIEW, type ListView } from '../lib/webhook-list';
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
  /** The list's search, filters and sort (lib/webhook-list.ts applies them). */
  view: ListView;
  /** Changes part of the search, filters or sort. */
  setView(change: Partial<ListView>): void;
  resetFilters(): void;
  /** A shown webhook's latest delivery as main's log now holds it. */
  lastDelivered(id: string, lastDelivery: LastDelivery | null): void;
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
  view: DEFAULT_LIST_VIEW,

  // Another API has other versions: its list starts unfiltered.
  loading: (apiId) =>
    set((state) => ({
      apiId,
      status: apiId ? 'loading' : 'idle',
      error: null,
      ids: [],
      byId: {},
      lastCreatedId: null,
      view: apiId === state.apiId ? state.view : DEFAULT_LIST_VIEW,
    })),

  setView: (change) => set((state) => ({ view: { ...state.view, ...change } })),

  resetFilters: () =>
    set((state) => ({
      view: { ...DEFAULT_LIST_VIEW, sort: state.view.sort, direction: state.view.direction },
    })),

  lastDelivered(id, lastDelivery) {
    const webhook = get().byId[id];
    if (!webhook) return;
    const before = webhook.lastDelivery;
    if (before?.sentAt === lastDelivery?.sentAt && before?.outcome === lastDelivery?.outcome) return;
    get().put({ ...webhook, lastDelivery });
  },

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
