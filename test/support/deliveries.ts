import { randomUUID } from 'node:crypto';
import type { SignatureScheme } from '../../src/shared/domain';
import { onMainEvent, type Harness } from './main-harness';

/** An API with version v1 and one webhook to `url`, plus that webhook's secret as the keychain holds it. */
export async function webhookTo(h: Harness, url: string, scheme?: SignatureScheme) {
  const api = await h.ok('apis.create', { name: `Receipts ${randomUUID().slice(0, 8)}`, versions: ['v1'] });
  const webhook = await h.ok('webhooks.create', { apiId: api.id, version: 'v1', url, scheme });
  const { secret } = await h.ok('secrets.reveal', { id: webhook.id });
  return { api, webhook, secret };
}

/** Collects the webhook ids of every deliveries.changed event until stop() is called. */
export function recordChanges(): { ids: string[]; stop: () => void } {
  const ids: string[] = [];
  const stop = onMainEvent((event, payload) => {
    if (event === 'deliveries.changed') ids.push((payload as { webhookId: string }).webhookId);
  });
  return { ids, stop };
}

/** A clock the test can move forward, so two attempts within a second get different timestamps. */
export function movableClock() {
  // Still between advances: real time running on could cross a second and change a timestamp a test states.
  let nowMs = Date.now();
  return {
    now: () => new Date(nowMs),
    advance(ms: number) {
      nowMs += ms;
    },
  };
}
