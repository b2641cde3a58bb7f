/** The delivery log's rules over its store: newest first, capped per webhook, an event on every change. */
import { DELIVERY_LOG_LIMIT, type Delivery } from '../../shared/delivery';
import type { DeliveryLogStore, EmitEvent } from './ports';

export function createDeliveryLog(store: DeliveryLogStore, emit: EmitEvent) {
  const byWebhook = () => store.read().byWebhook;

  const removeWhere = (doomed: (webhookId: string) => boolean): void => {
    const current = store.read();
    const removed = Object.keys(current.byWebhook).filter(doomed);
    if (removed.length === 0) return;
    const kept = Object.entries(current.byWebhook).filter(([id]) => !removed.includes(id));
    store.write({ ...current, byWebhook: Object.fromEntries(kept) });
    for (const webhookId of removed) emit('deliveries.changed', { webhookId });
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
      const current = store.read();
      const records = [record, ...(current.byWebhook[record.webhookId] ?? [])].slice(0, DELIVERY_LOG_LIMIT);
      store.write({ ...current, byWebhook: { ...current.byWebhook, [record.webhookId]: records } });
      emit('deliveries.changed', { webhookId: record.webhookId });
    },

    /** Drops the logs of deleted webhooks. */
    remove(webhookIds: readonly string[]): void {
      removeWhere((id) => webhookIds.includes(id));
    },

    /** Drops logs whose webhook no longer exists (left by a crash between the two writes). */
    keepOnly(webhookIds: ReadonlySet<string>): void {
      removeWhere((id) => !webhookIds.has(id));
    },
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
