/** How this profile names its keychain items, and which names it takes as its own. */
import { describe, expect, it } from 'vitest';
import type { ConfigData, ConfigStore } from '../../src/main/config/ports';
import {
  accountOf,
  createProfileSecrets,
  currentOf,
  headerSlot,
  parseAccount,
  slotsInUse,
  slotsOf,
} from '../../src/main/keychain/profile-secrets';
import type { Webhook } from '../../src/shared/domain';
import { memoryVault } from '../support/memory-vault';

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

/** This profile's items over a keychain in memory, for a config naming `hook` (an older version's copy pending or not). */
function profileOver(items: [string, string][], keychainMigrationPending: boolean) {
  const vault = memoryVault(items);
  const data = { profileId: profile, keychainMigrationPending, webhooks: [{ id: hook }] } as ConfigData;
  const config: ConfigStore = { read: () => data, update: () => data };
  return { vault, secrets: createProfileSecrets(vault, config) };
}

describe("an older version's items", () => {
  const mine = `${profile}/${hook}`;

  it('are copied to the new name when a current secret is read while the copy is pending', async () => {
    const { vault, secrets } = profileOver([[hook, 'whsec_old']], true);
    expect(await secrets.get(hook)).toBe('whsec_old');
    expect((await vault.list()).toSorted()).toEqual([hook, mine].toSorted());
    expect(await vault.get(mine)).toBe('whsec_old');
  });

  it('stand in for the current secret only: another slot that is missing stays missing', async () => {
    const { vault, secrets } = profileOver([[hook, 'whsec_old']], true);
    for (const slot of ['pending', 'previous', 'next', headerSlot('X-Api-Key')] as const) {
      expect(await secrets.get(hook, slot), slot).toBeNull();
    }
    expect(await vault.list()).toEqual([hook]);
  });

  it('are neither read nor copied once the copy is done', async () => {
    const { vault, secrets } = profileOver([[hook, 'whsec_old']], false);
    expect(await secrets.get(hook)).toBeNull();
    expect(await vault.list()).toEqual([hook]);
  });

  it('never replace an item of the new name: the copy skips a webhook that has one', async () => {
    const { vault, secrets } = profileOver(
      [
        [hook, 'whsec_old'],
        [mine, 'whsec_new'],
      ],
      true,
    );
    expect(await secrets.migrateLegacyItems(await secrets.own())).toEqual([]);
    expect(await vault.get(mine)).toBe('whsec_new');
    expect(await secrets.get(hook)).toBe('whsec_new');
  });
});
