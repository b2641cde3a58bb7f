/** The rotation tests' starting point: the real core with one webhook signing for a receiver on 127.0.0.1. */
import type { SignatureScheme } from '../../src/shared/domain';
import { manualClock, manualSchedule } from './clock';
import { closeAfterEach } from './close-after-each';
import { startWithWebhook } from './fixtures';
import type { HarnessOptions } from './main-harness';
import { startReceiver } from './receiver';

/**
 * A core with one webhook of this scheme, pointing at a receiver (closed after the test), on a clock and a
 * schedule the test moves.
 */
export async function startRotationCore(
  scheme: SignatureScheme,
  respond?: Parameters<typeof startReceiver>[0],
  options: HarnessOptions = {},
) {
  const receiver = closeAfterEach(await startReceiver(respond));
  const clock = manualClock(new Date().toISOString());
  const timers = manualSchedule();
  const started = await startWithWebhook({ ...options, clock, schedule: timers.schedule });
  const { h, hook } = started;
  await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/hooks` });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme });
  return { ...started, receiver, clock, timers };
}
