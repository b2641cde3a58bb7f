/**
 * The test deliveries of the webhook whose "Deliveries" region is open: its records (newest first, as main
 * keeps them), which record is open, and the sends in progress. Reading the log and sending:
 * features/deliveries/actions.ts; main says when a log changed (deliveries.changed), nothing polls.
 */
import { create } from 'zustand';
import type { Delivery, SentDelivery } from '../../../shared/delivery';
import type { LoadStatus } from './load-status';

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
  /** Shows `webhookId`'s log, empty until loaded (none for null). */
  showing(webhookId: string | null): void;
  /** The shown log as main holds it; the open record stays open. */
  loaded(records: Delivery[]): void;
  failed(message: string): void;
  open(deliveryId: string | null): void;
  /** A send or redelivery started (+1) or was answered (-1). */
  countSending(change: 1 | -1): void;
  /** A record main just answered with: added and opened when its webhook's log is the one shown. */
  arrived(sent: SentDelivery): void;
}

/** Newest first, each record once (a send's answer and the change event can both bring it). */
function merge(records: Delivery[], record: Delivery): Delivery[] {
  const others = records.filter((other) => other.id !== record.id);
  return [record, ...others].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
}

export const useDeliveries = create<DeliveriesState>()((set, get) => ({
  webhookId: null,
  status: 'idle',
  error: null,
  records: [],
  openId: null,
  sending: 0,
  logWarnings: {},

  showing: (webhookId) =>
    set({ webhookId, status: webhookId ? 'loading' : 'idle', error: null, records: [], openId: null }),

  // openId stays: a record just sent may be missing from a list read a moment before it was logged,
  // and comes with the next deliveries.changed.
  loaded: (records) => set({ status: 'ready', error: null, records }),

  failed: (message) => set({ status: 'error', error: message }),

  open: (deliveryId) => set({ openId: deliveryId }),

  countSending: (change) => set((state) => ({ sending: state.sending + change })),

  arrived(sent) {
    const { logWarning, ...record } = sent;
    if (logWarning !== undefined)
      set((state) => ({ logWarnings: { ...state.logWarnings, [record.id]: logWarning } }));
    if (get().webhookId === record.webhookId)
      set((state) => ({ records: merge(state.records, record), openId: record.id }));
  },
}));

/** The open record, or undefined. */
export const useOpenDelivery = () =>
  useDeliveries((state) => state.records.find((record) => record.id === state.openId));

/** Why the open record is missing from the saved log, or undefined. */
export const useOpenLogWarning = () =>
  useDeliveries((state) => (state.openId === null ? undefined : state.logWarnings[state.openId]));
