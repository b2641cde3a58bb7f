/** How this profile names its keychain items, and which names it takes as its own. */
import { describe, expect, it } from 'vitest';
import {
  accountOf,
  currentOf,
  headerSlot,
  parseAccount,
  slotsInUse,
  slotsOf,
} from '../../src/main/keychain/profile-secrets';
import type { Webhook } from '../../src/shared/domain';

const profile = '6f1c2b7e-0d3a-4c4e-9a57-1b2c3d4e5f60';
const hook = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';

describe('keychain account names', () => {
  it('names the current secret <profile>/<webhook> and any other slot <profile>/<webhook>#<slot>', () => {
    expect(accountOf(profile, hook)).toBe(`${profile}/${hook}`);
    expect(accountOf(profile, hook, 'current')).toBe(`${profile}/${hook}`);
    expect(accountOf(profile, hook, 'pending')).toBe(`${profile}/${hook}#pending`);
    expect(accountOf(profile, hook, headerSlot('X-Api-Key'))).toBe(`${profile}/${hook}#header:x-api-key`);
  });

  it('reads back each name it makes', () => {
    for (const slot of ['current', 'pending', 'previous', 'next', headerSlot('X-Api-Key')] as const) {
      const account = accountOf(profile, hook, slot);
      expect(parseAccount(profile, account)).toEqual({ account, webhookId: hook, slot });
    }
  });

  it("takes no other name as its own: another profile's, an unprefixed one, or a malformed one", () => {
    for (const account of [
      hook, // an older version's item
      `${'7'.repeat(8)}-0d3a-4c4e-9a57-1b2c3d4e5f60/${hook}`, // another profile
      `${profile}x/${hook}`,
      `${profile}/`,
      `${profile}/#pending`,
      `${profile}/${hook}#pending#pending`,
      `${profile}/${hook}#older`,
      `${profile}/${hook}#`,
      `${profile}/${hook}#header:`,
      `${profile}/${hook}#header:X-Upper`,
      `${profile}/${hook}#header:two words`,
      `${profile}/${hook}#xheader:x`,
      `${profile}/${hook}#header:x\n`,
    ]) {
      expect(parseAccount(profile, account), account).toBeNull();
    }
  });

  it('turns a pending or header item into the current item of the same webhook', () => {
    const pending = { account: `${profile}/${hook}#pending`, webhookId: hook, slot: 'pending' as const };
    expect(currentOf(pending)).toEqual({ account: `${profile}/${hook}`, webhookId: hook, slot: 'current' });
  });

  it("lists every slot a webhook may use: current, pending, a rotation's previous and next, each secret header's", () => {
    const webhook = { id: hook } as Webhook;
    expect(slotsOf(webhook)).toEqual(['current', 'pending', 'previous', 'next']);
    expect(
      slotsOf({
        ...webhook,
        headers: [
          { name: 'X-Api-Key', secret: true, value: null },
          { name: 'X-Team', secret: false, value: 'a' },
        ],
      } as Webhook),
    ).toEqual(['current', 'pending', 'previous', 'next', 'header:x-api-key']);
  });

  it("gives a rotation's slots a use only while the rotation's state names them", () => {
    const webhook = { id: hook } as Webhook;
    const at = '2026-03-01T09:00:00.000Z';
    const overlap = { phase: 'overlap', startedAt: at, expiresAt: at, guided: false } as const;
    expect(slotsInUse(webhook)).toEqual(['current', 'pending']);
    expect(slotsInUse({ ...webhook, rotation: { phase: 'next', startedAt: at, tests: {} } })).toEqual([
      'current',
      'pending',
      'next',
    ]);
    expect(slotsInUse({ ...webhook, rotation: { ...overlap, switched: true } })).toEqual([
      'current',
      'pending',
      'previous',
    ]);
    // A switch in progress: the new secret may still wait in `next`.
    expect(slotsInUse({ ...webhook, rotation: { ...overlap, switched: false } })).toEqual([
      'current',
      'pending',
      'previous',
      'next',
    ]);
  });
});
