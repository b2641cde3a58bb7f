/**
 * A regenerate killed at any point, then a restart: the keychain and the config agree on it. The core runs in
 * a real child process (the real keychain: the test run's private gnome-keyring) that regenerates one
 * webhook's secret again and again until this test SIGKILLs it, then the test restarts the core over the same
 * data dir and keychain service, as the app would start after a crash.
 *
 * Kill points, from a seeded PRNG (the same every run):
 * - pause points: the child stops right before or after one keychain write of a chosen regenerate and waits
 *   to be killed there; the one way to land between the keychain write and the config write every time;
 * - right after the child acknowledged a chosen regenerate (so most often during the next one);
 * - a few milliseconds after the child started a chosen regenerate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/shared/domain';
import { bundleChild, spawnChild, type ChildBundle, type ChildExit } from '../support/child-process';
import type { CrashChildArgs, CrashChildMessage, PausePoint } from '../support/crash-child';
import { serviceOf, startWithWebhook } from '../support/fixtures';
import { profileItems, storedSecrets } from '../support/keyring';
import { startHarness } from '../support/main-harness';

const REGENERATES = 15;

/** What a restart must show after the kill. */
type Outcome =
  /** The last acknowledged regenerate is what holds: its secret, its time, nothing to tell. */
  | 'as-acknowledged'
  /** A regenerate the kill interrupted was finished by the restart: new secret, later time, a notice. */
  | 'finished-at-restart'
  /** A regenerate finished before the kill but its answer never reached us: new secret, later time, no notice. */
  | 'finished-unacknowledged';

/** Pause points, each with the one outcome it allows. */
const PAUSES: { at: PausePoint['at']; op: string; outcome: Outcome }[] = [
  // Nothing written yet.
  { at: 'before', op: 'set#pending', outcome: 'as-acknowledged' },
  // The new secret waits in the pending slot.
  { at: 'after', op: 'set#pending', outcome: 'finished-at-restart' },
  // The new secret is current in the keychain; the config does not have its rotation time yet.
  { at: 'after', op: 'set', outcome: 'finished-at-restart' },
  // The config has the rotation time; the pending copy is still there.
  { at: 'before', op: 'delete#pending', outcome: 'finished-at-restart' },
  // All done, not yet answered.
  { at: 'after', op: 'delete#pending', outcome: 'finished-unacknowledged' },
];

type KillPoint =
  | { kind: 'pause'; pause: PausePoint; outcome: Outcome }
  | { kind: 'after-ack'; regenerate: number }
  | { kind: 'after-start'; regenerate: number; ms: number };

/** mulberry32: a small seeded PRNG, so every run kills at the same points. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 15 kill points: 8 pause points (every one, and the middle three (keychain written, config not yet) twice),
 * 4 right after an ack, 3 a few ms after a start; each in a regenerate the PRNG picks.
 */
function killPoints(seed: number): KillPoint[] {
  const random = seededRandom(seed);
  const regenerate = () => 1 + Math.floor(random() * REGENERATES);
  return Array.from({ length: 15 }, (_, i): KillPoint => {
    if (i % 2 === 0) {
      const { outcome, ...where } = PAUSES[[0, 1, 2, 3, 4, 2, 1, 3][i / 2] as number] as (typeof PAUSES)[0];
      return { kind: 'pause', pause: { regenerate: regenerate(), ...where }, outcome };
    }
    if (i % 4 === 1) return { kind: 'after-ack', regenerate: regenerate() };
    return { kind: 'after-start', regenerate: regenerate(), ms: Math.floor(random() * 30) };
  });
}

interface Acknowledged {
  secret: string;
  secretRotatedAt: string;
}

let bundle: ChildBundle;
beforeAll(async () => {
  bundle = await bundleChild('test/support/crash-child.ts');
}, 60_000);
afterAll(() => bundle?.dispose());

describe('regenerate killed by SIGKILL', () => {
  it('SIGKILL of the main process during 15 regenerates, then restart: rotation time and secret agree', async () => {
    const { h, vault, api, hook } = await startWithWebhook();
    const service = serviceOf(vault);
    const { dir } = h;
    const webhookName = `Invoices v4 (${hook.url})`;
    const firstSecret = (await profileItems(h)).get(hook.id) as string;
    let last: Acknowledged = { secret: firstSecret, secretRotatedAt: hook.secretRotatedAt };
    const seen = new Set([firstSecret]);
    const outcomes: Outcome[] = [];

    for (const [index, point] of killPoints(20_240_611).entries()) {
      const where = `kill point ${index + 1}: ${JSON.stringify(point)}`;
      const args: CrashChildArgs = { dir, service, webhookId: hook.id, count: REGENERATES };
      if (point.kind === 'pause') args.pause = point.pause;
      const child = spawnChild<CrashChildMessage>(bundle.file, [JSON.stringify(args)]);
      /** Every line counts, whenever it is read: the last acknowledged regenerate is the one to compare with. */
      const track = (message: CrashChildMessage) => {
        if (message.event === 'ack') {
          storedSecrets.add(message.secret); // the leak guard looks for it in the data dir
          last = { secret: message.secret, secretRotatedAt: message.secretRotatedAt };
        }
        return message;
      };

      let exit: ChildExit;
      try {
        /** Reads (and tracks) lines up to the first that matches, or to 'done'. */
        const until = (match: (message: CrashChildMessage) => boolean) =>
          child.nextMatching((message) => match(track(message)) || message.event === 'done');

        // Reach the kill point by reading the child's output, then kill.
        let reached: CrashChildMessage | null;
        if (point.kind === 'pause') {
          reached = await until((m) => m.event === 'paused');
          const hint = 'does regenerate still make this keychain call? Then update PAUSES';
          expect(reached, `${where}: the child never reached it (${hint})\n${child.stderr()}`).toMatchObject({
            event: 'paused',
          });
        } else if (point.kind === 'after-ack') {
          reached = await until((m) => m.event === 'ack' && m.regenerate === point.regenerate);
        } else {
          reached = await until((m) => m.event === 'start' && m.regenerate === point.regenerate);
          await new Promise((resolve) => setTimeout(resolve, point.ms));
        }
        expect(reached, `${where}: the child ended early\n${child.stderr()}`).not.toBeNull();
      } finally {
        // A failed expectation must not leave a paused child behind.
        exit = await child.kill();
      }
      for (let message = await child.next(); message !== null; message = await child.next()) track(message);
      expect(exit.signal === 'SIGKILL' || exit.code === 0, `${where}: ${child.stderr()}`).toBe(true);

      // Restart over the same data dir and keychain service, as the app after a crash.
      const restarted = await startHarness({ dir, vault });
      const [webhook] = await restarted.ok('webhooks.list', { apiId: api.id });
      const items = await profileItems(restarted);
      const changed = (await restarted.ok('app.notices')).filter((n: Notice) => n.kind === 'secret-changed');
      const secret = items.get(hook.id);

      expect([...items.keys()], `${where}: the keychain items (no #pending may be left)`).toEqual([hook.id]);
      expect(webhook, where).toMatchObject({ id: hook.id, secretMissing: false });
      const rotatedAt = (webhook as { secretRotatedAt: string }).secretRotatedAt;
      const state = {
        secretIsLastAcknowledged: secret === last.secret,
        secretSeenBefore: secret !== undefined && seen.has(secret),
        rotatedAt,
        lastAcknowledgedRotatedAt: last.secretRotatedAt,
        notices: changed.map((n) => n.message),
      };
      const later = Date.parse(rotatedAt) > Date.parse(last.secretRotatedAt);
      const newSecret = !state.secretSeenBefore;
      const outcome: Outcome | 'inconsistent' =
        state.secretIsLastAcknowledged && rotatedAt === last.secretRotatedAt && changed.length === 0
          ? 'as-acknowledged'
          : newSecret && later && changed.length === 1 && changed[0]?.message.includes(webhookName)
            ? 'finished-at-restart'
            : newSecret && later && changed.length === 0
              ? 'finished-unacknowledged'
              : 'inconsistent';
      const allowed: Outcome[] =
        point.kind === 'pause'
          ? [point.outcome]
          : ['as-acknowledged', 'finished-at-restart', 'finished-unacknowledged'];
      expect(allowed, `${where}: ${outcome} after restart, ${JSON.stringify(state)}`).toContain(outcome);

      outcomes.push(outcome as Outcome);
      last = { secret: secret as string, secretRotatedAt: rotatedAt };
      seen.add(last.secret);
    }
    // The kill points cover each outcome (the pause points alone make sure of that).
    expect(new Set(outcomes)).toEqual(
      new Set<Outcome>(['as-acknowledged', 'finished-at-restart', 'finished-unacknowledged']),
    );
  }, 90_000);
});
