/**
 * The selected API's webhooks, kept as ids (order) plus a map by id, so a row subscribes to its own
 * webhook only and one row's change re-renders one row.
 */
import { create } from 'zustand';
import type { SignatureScheme, WebhookView } from '../../../shared/domain';
import { call } from '../lib/ipc';
import { omitKey } from '../lib/records';
import { reportError } from './status';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface NewWebhook {
  apiId: string;
  version: string;
  url: string;
  scheme?: SignatureScheme;
}

interface WebhooksState {
  apiId: string | null;
  status: LoadStatus;
  error: string | null;
  ids: string[];
  byId: Record<string, WebhookView>;
  /** The webhook created last in this session, so the table can scroll it into view. */
  lastCreatedId: string | null;
  load(apiId: string | null): Promise<void>;
  /** Reads the shown API's webhooks again in place (e.g. once main knows which secrets are missing). */
  refresh(): Promise<void>;
  create(input: NewWebhook): Promise<WebhookView>;
  updateUrl(id: string, url: string): Promise<WebhookView>;
  regenerate(id: string): Promise<WebhookView>;
  setScheme(id: string, scheme: SignatureScheme): Promise<WebhookView>;
  remove(id: string): Promise<void>;
  markSecretMissing(id: string): void;
}

function indexById(webhooks: WebhookView[]): Record<string, WebhookView> {
  const byId: Record<string, WebhookView> = {};
  for (const webhook of webhooks) byId[webhook.id] = webhook;
  return byId;
}

export const useWebhooks = create<WebhooksState>()((set, get) => {
  const put = (webhook: WebhookView) => {
    if (!get().byId[webhook.id]) return;
    set((state) => ({ byId: { ...state.byId, [webhook.id]: webhook } }));
  };
  /** Waits for main's answer to a change and shows the updated webhook. */
  const putAnswer = async (answer: Promise<WebhookView>) => {
    const webhook = await answer;
    put(webhook);
    return webhook;
  };

  return {
    apiId: null,
    status: 'idle',
    error: null,
    ids: [],
    byId: {},
    lastCreatedId: null,

    async load(apiId) {
      set({ apiId, status: apiId ? 'loading' : 'idle', error: null, ids: [], byId: {}, lastCreatedId: null });
      if (!apiId) return;
      try {
        const webhooks = await call('webhooks.list', { apiId });
        if (get().apiId !== apiId) return; // the user moved on to another API meanwhile
        set({ status: 'ready', ids: webhooks.map((w) => w.id), byId: indexById(webhooks) });
      } catch (error) {
        if (get().apiId === apiId) set({ status: 'error', error: reportError(error).message });
      }
    },

    async refresh() {
      const { apiId, status } = get();
      if (!apiId || status !== 'ready') return;
      try {
        const webhooks = await call('webhooks.list', { apiId });
        if (get().apiId === apiId) set({ ids: webhooks.map((w) => w.id), byId: indexById(webhooks) });
      } catch {
        // The list on screen stays as it was; the next load shows the error.
      }
    },

    async create(input) {
      const webhook = await call('webhooks.create', input);
      if (get().apiId === input.apiId) {
        set((state) => ({
          ids: [...state.ids, webhook.id],
          byId: { ...state.byId, [webhook.id]: webhook },
          lastCreatedId: webhook.id,
        }));
      }
      return webhook;
    },

    updateUrl(id, url) {
      return putAnswer(call('webhooks.updateUrl', { id, url }));
    },

    regenerate(id) {
      return putAnswer(call('webhooks.regenerateSecret', { id }));
    },

    setScheme(id, scheme) {
      return putAnswer(call('webhooks.setScheme', { id, scheme }));
    },

    async remove(id) {
      await call('webhooks.delete', { id });
      set((state) => ({ ids: state.ids.filter((other) => other !== id), byId: omitKey(state.byId, id) }));
    },

    markSecretMissing(id) {
      const webhook = get().byId[id];
      if (webhook && !webhook.secretMissing) put({ ...webhook, secretMissing: true });
    },
  };
});
