/**
 * The test deliveries of the webhook whose "Deliveries" region is open: its records (newest first, as main
 * keeps them), which record is open, and the sends in progress. Main says when a log changed
 * (deliveries.changed); nothing here polls.
 */
import { create } from 'zustand';
import type { Delivery, SentDelivery } from '../../../shared/delivery';
import { call } from '../lib/ipc';
import { reportError } from './status';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface DeliveriesState {
  webhookId: string | null;
  status: LoadStatus;
  error: string | null;
  records: Delivery[];
  /** The record whose request and response are shown. */
  openId: string | null;
  /** Sends and redeliveries not answered yet. */
  sending: number;
  /** Why a record sent in this session is missing from the saved log, by record id (main's log has no such note). */
  logWarnings: Record<string, string>;
  /** Shows `webhookId`'s log (loads it unless it is already shown). */
  show(webhookId: string | null): Promise<void>;
  /** Reads the shown log again (after deliveries.changed). */
  refresh(): Promise<void>;
  open(deliveryId: string | null): void;
  send(webhookId: string): Promise<SentDelivery>;
  redeliver(deliveryId: string): Promise<SentDelivery>;
}

/** Newest first, each record once (a send's answer and the change event can both bring it). */
function merge(records: Delivery[], record: Delivery): Delivery[] {
  const others = records.filter((other) => other.id !== record.id);
  return [record, ...others].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
}

export const useDeliveries = create<DeliveriesState>()((set, get) => {
  let loadSequence = 0;

  async function load(webhookId: string): Promise<void> {
    const sequence = ++loadSequence;
    try {
      const records = await call('deliveries.list', { webhookId });
      if (sequence !== loadSequence || get().webhookId !== webhookId) return;
      // openId stays: a record just sent may be missing from a list read a moment before it was logged,
      // and comes with the next deliveries.changed.
      set({ status: 'ready', error: null, records });
    } catch (error) {
      if (sequence === loadSequence && get().webhookId === webhookId)
        set({ status: 'error', error: reportError(error).message });
    }
  }

  /** Adds a record main just answered with, when its webhook's log is the one shown, and opens it. */
  function arrived(sent: SentDelivery): SentDelivery {
    const { logWarning, ...record } = sent;
    if (logWarning !== undefined)
      set((state) => ({ logWarnings: { ...state.logWarnings, [record.id]: logWarning } }));
    if (get().webhookId === record.webhookId)
      set((state) => ({ records: merge(state.records, record), openId: record.id }));
    return sent;
  }

  async function track(sending: () => Promise<SentDelivery>): Promise<SentDelivery> {
    set((state) => ({ sending: state.sending + 1 }));
    try {
      return arrived(await sending());
    } finally {
      set((state) => ({ sending: state.sending - 1 }));
    }
  }

  return {
    webhookId: null,
    status: 'idle',
    error: null,
    records: [],
    openId: null,
    sending: 0,
    logWarnings: {},

    async show(webhookId) {
      if (webhookId !== null && webhookId === get().webhookId) {
        // Already on its way (a send opened the region a moment ago): keep what arrives meanwhile.
        if (get().status === 'loading') return;
        // The same log again (the region was closed meanwhile): read it again, keeping what is shown.
        if (get().status === 'ready') return load(webhookId);
      }
      set({ webhookId, status: webhookId ? 'loading' : 'idle', error: null, records: [], openId: null });
      if (webhookId) await load(webhookId);
    },

    async refresh() {
      const { webhookId } = get();
      if (webhookId) await load(webhookId);
    },

    open: (deliveryId) => set({ openId: deliveryId }),

    send: (webhookId) => track(() => call('deliveries.send', { webhookId })),

    redeliver: (deliveryId) => track(() => call('deliveries.redeliver', { deliveryId })),
  };
});

/** The open record, or undefined. */
export const useOpenDelivery = () =>
  useDeliveries((state) => state.records.find((record) => record.id === state.openId));

/** Why the open record is missing from the saved log, or undefined. */
export const useOpenLogWarning = () =>
  useDeliveries((state) => (state.openId === null ? undefined : state.logWarnings[state.openId]));

/** Main builds the command (with the recorded signature, never the secret) and puts it on the clipboard. */
export async function copyAsCurl(deliveryId: string): Promise<string> {
  const { command } = await call('deliveries.copyAsCurl', { deliveryId });
  return command;
}
