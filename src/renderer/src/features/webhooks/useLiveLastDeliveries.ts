/**
 * Keeps each shown row's last-delivery chip live: main says when a webhook's log changed (deliveries.changed),
 * and that row is read again from main (the events of one burst share one read). Only the rows named in the
 * events change, so no other row re-renders.
 * (Belongs in actions.ts; kept apart while that file has another change in progress.)
 */
import { useEffect } from 'react';
import { call, subscribe } from '../../lib/ipc';
import { useWebhooks } from '../../stores/webhooks';

const changed = new Set<string>();
let scheduled = false;

/** Reads the shown API's webhooks from main and updates the last delivery of the rows that changed. */
async function refreshChanged(): Promise<void> {
  scheduled = false;
  const ids = [...changed];
  changed.clear();
  const { apiId } = useWebhooks.getState();
  if (!apiId) return;
  try {
    const views = await call('webhooks.list', { apiId });
    const wanted = new Set(ids);
    for (const view of views) {
      if (wanted.has(view.id)) useWebhooks.getState().lastDelivered(view.id, view.lastDelivery);
    }
  } catch {
    // The chips stay as they were; the next change or load brings them up to date.
  }
}

function followLastDeliveries(): () => void {
  return subscribe('deliveries.changed', ({ webhookId }) => {
    if (!useWebhooks.getState().byId[webhookId]) return;
    changed.add(webhookId);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void refreshChanged(), 0);
  });
}

export function useLiveLastDeliveries(): void {
  useEffect(() => followLastDeliveries(), []);
}
