/** The delivery log's rules over its store: newest first, capped per webhook, an event on every change. */
import { DELIVERY_LOG_LIMIT, type Delivery } from '../../shared/delivery';
import type { LogChange } from './log-change';
import type { DeliveryLogData, DeliveryLogStore } from './ports';
import type { EmitEvent } from '../ports';

/** The log after one change. The store applies changes with it, live and when it replays its journal. */
export function applyLogChange(data: DeliveryLogData, change: LogChange): DeliveryLogData {
  if (change.op === 'remove') {
    const kept = Object.entries(data.byWebhook).filter(([id]) => !change.webhookIds.includes(id));
    return { ...data, byWebhook: Object.fromEntries(kept) };
  }
  const { record } = change;
  const previous = data.byWebhook[record.webhookId] ?? [];
  // One copy (not a slice spread into a new array): this runs on every delivery.
  const records = previous.slice(0, DELIVERY_LOG_LIMIT - 1);
  records.unshift(record);
  return { ...data, byWebhook: { ...data.byWebhook, [record.webhookId]: records } };
}

export function createDeliveryLog(store: DeliveryLogStore, emit: EmitEvent) {
  const byWebhook = () => store.read().byWebhook;

  /** Emits even when the change could not be saved: it is applied in memory and shown all the same. */
  const apply = (change: LogChange, changed: readonly string[]): void => {
    try {
      store.apply(change);
    } finally {
      for (const webhookId of changed) emit('deliveries.changed', { webhookId });
    }
  };

  return {
    list(webhookId: string): Delivery[] {
      return byWebhook()[webhookId] ?? [];
    },

    find(deliveryId: string): Delivery | undefined {
      for (const records of Object.values(byWebhook())) {
        const found = records.find((record) => record.id === deliveryId);
        if (found) return found;
      }
      return undefined;
    },

    add(record: Delivery): void {
      apply({ op: 'add', record }, [record.webhookId]);
    },

    /** Takes in what another process handed off; windows showing those webhooks' logs read them again. */
    foldHandedOff(): void {
      for (const change of store.foldHandedOff?.() ?? []) {
        const ids = change.op === 'add' ? [change.record.webhookId] : change.webhookIds;
        for (const webhookId of ids) emit('deliveries.changed', { webhookId });
      }
    },

    /** Drops the logs of deleted webhooks. */
    remove(webhookIds: readonly string[]): void {
      const removed = Object.keys(byWebhook()).filter((id) => webhookIds.includes(id));
      if (removed.length > 0) apply({ op: 'remove', webhookIds: removed }, removed);
    },
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
