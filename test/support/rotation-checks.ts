/** What must hold after any rotation step, finished, failed or killed: the keychain and the config agree. */
import { expect } from 'vitest';
import type { Webhook } from '../../src/shared/domain';
import { profileItems } from './keyring';
import type { Harness } from './main-harness';

/** A profile's keychain as profileItems reads it: the real vault (with its service name) and the profile id. */
export type ProfileKeychain = Parameters<typeof profileItems>[0];

/**
 * Runs the keychain check (as a start does), then: the current secret is there, the webhook's items are exactly
 * what its rotation state names (overlap: previous; guided: next; none: neither), an overlap has finished its
 * switch, and no leftover is reported. Returns the webhook and its items by slot ('' for the current one).
 */
export async function expectRotationConsistent(
  h: Harness,
  keychain: ProfileKeychain,
  apiId: string,
  webhookId: string,
  where: string,
): Promise<{ webhook: Webhook; items: Map<string, string> }> {
  await h.services.keychain.startupCheck();
  const [webhook] = await h.ok('webhooks.list', { apiId });
  const items = new Map(
    [...(await profileItems(keychain))].map(([key, value]) => [key.slice(webhookId.length), value]),
  );
  const phase = webhook?.rotation?.phase ?? 'none';
  const expected = { none: [''], next: ['', '#next'], overlap: ['', '#previous'] }[phase];
  expect({ phase, slots: [...items.keys()].sort() }, where).toEqual({ phase, slots: expected });
  if (webhook?.rotation?.phase === 'overlap') expect(webhook.rotation.switched, where).toBe(true);
  // A rotation's other secret is never the current one again (a lost new secret would look like that).
  for (const slot of ['#previous', '#next']) {
    if (items.has(slot))
      expect(items.get(slot), `${where}: ${slot} is a copy of the current secret`).not.toBe(items.get(''));
  }
  expect(
    (await h.ok('app.notices')).map((n) => n.kind),
    where,
  ).not.toContain('orphan-secrets');
  return { webhook: webhook as Webhook, items };
}
