/**
 * Rotation steps killed by SIGKILL, then a restart: the config and the keychain agree, no current secret is
 * lost, and a delivery is signed only with the secrets the config lists. The steps run in a real child process
 * (the real keychain: the test run's private gnome-keyring) that pauses before or after one keychain write —
 * every write of the sequence in turn — and is killed there; the test restarts the core over the same data dir,
 * as the app would start after a crash.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, spawnChild, type ChildBundle } from '../support/child-process';
import { serviceOf, startWithWebhook } from '../support/fixtures';
import { profileItems, storedSecrets } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';
import { expectRotationConsistent } from '../support/rotation-checks';
import { SEQUENCES, type RotationCrashArgs, type RotationCrashMessage } from '../support/rotation-sequences';
import { verifyDelivery } from '../support/verifiers';

let bundle: ChildBundle;
let receiver: Receiver;
beforeAll(async () => {
  bundle = await bundleChild('test/support/rotation-crash-child.ts');
  receiver = await startReceiver();
}, 60_000);
afterAll(async () => {
  bundle?.dispose();
  await receiver?.close();
});

const SCHEMES = { overlap: 'stripe', guided: 'mindee' } as const;

/** A fresh webhook of the sequence's scheme; the child runs the sequence on it, paused where asked. */
async function runUntil(sequence: keyof typeof SEQUENCES, pause?: RotationCrashArgs['pause']) {
  const started = await startWithWebhook();
  const { h, hook } = started;
  await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/hooks` });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme: SCHEMES[sequence] });
  const initial = (await profileItems(h)).get(hook.id) as string;
  const args: RotationCrashArgs = { dir: h.dir, service: serviceOf(h), webhookId: hook.id, sequence, pause };
  const child = spawnChild<RotationCrashMessage>(bundle.file, [JSON.stringify(args)]);
  /** Every secret the child wrote: a restart may keep any of them, and no other. */
  const written = new Set<string>([initial]);
  let last: RotationCrashMessage | null;
  try {
    last = await child.nextMatching((message) => {
      if (message.event === 'wrote' && message.secret) {
        written.add(message.secret);
        storedSecrets.add(message.secret); // the leak guard looks for it in the data dir
      }
      return message.event === 'paused' || message.event === 'done';
    });
  } finally {
    await child.kill();
  }
  return { ...started, last, written, stderr: child.stderr() };
}

afterEach(() => {
  receiver.received.length = 0;
});

describe.each(Object.keys(SEQUENCES) as (keyof typeof SEQUENCES)[])(
  '%s rotation killed by SIGKILL',
  (sequence) => {
    it('before and after each keychain write, then a restart: keychain and config agree; deliveries sign as listed', async () => {
      const full = await runUntil(sequence);
      expect(full.last, full.stderr).toMatchObject({ event: 'done' });
      const writes = (full.last as { writes: number }).writes;
      expect(writes).toBeGreaterThan(8);

      for (let write = 1; write <= writes; write++) {
        for (const at of ['before', 'after'] as const) {
          const where = `${sequence}: killed ${at} keychain write ${write} of ${writes}`;
          const { h, vault, api, hook, last, written, stderr } = await runUntil(sequence, { write, at });
          expect(last, `${where}: the child never got there\n${stderr}`).toEqual({
            event: 'paused',
            write,
            at,
          });

          const restarted = await startHarness({ dir: h.dir, vault });
          const keychain = { vault, profileId: h.profileId };
          const checked = await expectRotationConsistent(restarted, keychain, api.id, hook.id, where);
          const { webhook, items } = checked;
          const current = items.get('') as string;
          expect([...written], `${where}: the current secret is one that was made`).toContain(current);

          // Signed with exactly what the config lists: the current secret, and the previous one in an overlap
          // of a multi-signature scheme.
          const sent = await restarted.ok('deliveries.send', { webhookId: hook.id });
          const request = receiver.received.at(-1);
          if (!request) throw new Error(`${where}: the receiver got nothing`);
          const previous = items.get('#previous');
          const listed = webhook.rotation?.phase === 'overlap' && SCHEMES[sequence] === 'stripe' ? 2 : 1;
          expect(sent.signedWith, where).toHaveLength(listed);
          expect(await verifyDelivery(webhook.scheme, current, request), where).toBe(true);
          if (listed === 2)
            expect(await verifyDelivery(webhook.scheme, previous as string, request), where).toBe(true);
        }
      }
    }, 240_000);
  },
);
