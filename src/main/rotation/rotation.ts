/**
 * Rotating a signing secret without downtime. A multi-signature scheme (Standard Webhooks, Stripe) rolls at
 * once and signs with both secrets for the overlap; a single-signature scheme (Mindee, GitHub) is walked
 * through a guided rotation: the new secret waits in `next` while the user teaches the receiver and tests
 * both secrets, then "switch" makes it current and keeps the old one as `previous` for the overlap.
 * The keychain/config protocol of each step is in rotation-state.ts.
 */
import type { ParsedInput } from '../../shared/contract';
import type { SentDelivery } from '../../shared/delivery';
import type { Webhook, WebhookView } from '../../shared/domain';
import { AppError, isAppError } from '../../shared/errors';
import {
  MULTI_SIGNATURE_SCHEMES,
  overlapMs,
  type RotationTest,
  type SecretRole,
} from '../../shared/rotation';
import { findWebhook } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { Clock, Schedule } from '../ports';
import { isExpired, type RotationState } from './rotation-state';

/** How soon an expiry that the keychain refused (locked, down) is tried again. */
export const EXPIRY_RETRY_MS = 60_000;
/** The longest a timer may wait (setTimeout's limit); a later expiry re-arms when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Deps {
  config: ConfigStore;
  state: RotationState;
  clock: Clock;
  schedule: Schedule;
  /** The renderer's view of a webhook. */
  view: (webhook: Webhook) => WebhookView;
  /** Sends one test delivery signed with this role's secret alone. */
  sendSignedWith: (webhookId: string, role: SecretRole) => Promise<SentDelivery>;
  /** Tells the renderer these webhooks changed without being asked (an expiry). */
  changed: (webhookIds: string[]) => void;
}

function testResult(delivery: SentDelivery): RotationTest {
  const status = delivery.response?.status ?? null;
  const summary = delivery.response
    ? `${delivery.response.status} ${delivery.response.statusText}`.trim()
    : (delivery.error?.message ?? 'No response');
  return {
    deliveryId: delivery.id,
    sentAt: delivery.sentAt,
    status,
    accepted: status !== null && status >= 200 && status < 300,
    summary: summary.slice(0, 200),
  };
}

const inProgress = (message: string) => new AppError('ROTATION_IN_PROGRESS', message);
const noRotation = (message: string) => new AppError('NO_ROTATION', message);

export function createRotationService({
  config,
  state,
  clock,
  schedule,
  view,
  sendSignedWith,
  changed,
}: Deps) {
  /** When the armed expiry timer fires (null: none armed). */
  let armedFor: number | null = null;

  /** Arms one timer for the earliest overlap end (or the retry); an earlier one already armed is enough. */
  function armExpiryTimer(retryAt?: number): void {
    const now = clock.now().getTime();
    const ends = config
      .read()
      .webhooks.flatMap((w) => (w.rotation?.phase === 'overlap' ? [Date.parse(w.rotation.expiresAt)] : []))
      // After a refusal, an overlap already past its end waits for the retry, not for that (past) end: the
      // keychain would be asked again at once, over and over while it is down.
      .map((end) => (retryAt !== undefined && end <= now ? retryAt : end));
    if (retryAt !== undefined) ends.push(retryAt);
    if (ends.length === 0) return;
    const at = Math.min(...ends);
    if (armedFor !== null && armedFor <= at) return;
    armedFor = at;
    const wait = Math.min(Math.max(at - now, 0), MAX_TIMER_MS);
    schedule(wait, () => {
      if (armedFor !== at) return;
      armedFor = null;
      void expireDue();
    });
  }

  /** Ends every overlap whose time is up; a keychain that cannot answer now is tried again later. */
  async function expireDue(): Promise<string[]> {
    const due = config.read().webhooks.filter((w) => isExpired(w.rotation, clock.now()));
    const ended: string[] = [];
    let retry = false;
    for (const { id } of due) {
      try {
        await state.exclusive(id, () => state.settle(id));
        ended.push(id);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'KEYCHAIN_UNAVAILABLE') throw error;
        retry = true;
      }
    }
    if (ended.length > 0) changed(ended);
    armExpiryTimer(retry ? clock.now().getTime() + EXPIRY_RETRY_MS : undefined);
    return ended;
  }

  /** Runs a step of one webhook after settling it; re-arms the timer for whatever the step changed. */
  async function step(id: string, run: (webhook: Webhook) => Promise<Webhook>): Promise<WebhookView> {
    findWebhook(config.read(), id);
    const webhook = await state.exclusive(id, async () => run(await state.settle(id)));
    armExpiryTimer();
    return view(webhook);
  }

  /** Sends a rotation test and keeps its answer with the rotation it belongs to. */
  async function test(
    id: string,
    role: SecretRole,
  ): Promise<{ delivery: SentDelivery; webhook: WebhookView }> {
    const before = findWebhook(config.read(), id).rotation;
    if (!before) throw noRotation('No rotation is in progress for this webhook.');
    const delivery = await sendSignedWith(id, role);
    const result = testResult(delivery);
    const webhook = state.updateRotation(id, before.startedAt, (rotation) => {
      if (rotation.phase === 'next' && role !== 'previous') {
        return { ...rotation, tests: { ...rotation.tests, [role]: result } };
      }
      return rotation.phase === 'overlap' && role === 'previous'
        ? { ...rotation, oldSecretCheck: result }
        : rotation;
    });
    return { delivery, webhook: view(webhook) };
  }

  return {
    /**
     * "Roll signing secret". A multi-signature scheme switches at once, keeping the old secret for
     * `keepOldFor`; a single-signature one starts a guided rotation. During an overlap it asks first
     * (`endOverlap`), then ends the oldest secret.
     */
    roll({ id, keepOldFor, endOverlap }: ParsedInput<'rotation.roll'>): Promise<WebhookView> {
      return step(id, async (webhook) => {
        if (webhook.rotation?.phase === 'next') {
          throw inProgress(
            'A guided rotation of this webhook is in progress: switch to its new secret or cancel it first.',
          );
        }
        if (webhook.rotation?.phase === 'overlap') {
          if (!endOverlap) {
            throw inProgress(
              'This webhook is in an overlap: rolling again ends its old secret now. Confirm to go on.',
            );
          }
          await state.endOverlapNow(id);
        }
        await state.stageNext(id);
        return MULTI_SIGNATURE_SCHEMES.has(webhook.scheme)
          ? state.switchNow(id, overlapMs(keepOldFor), false)
          : state.recordGuidedStart(id);
      });
    },

    /** "Switch to the new secret" (guided step 3); refused until both tests passed unless `force`. */
    switch({ id, keepOldFor, force }: ParsedInput<'rotation.switch'>): Promise<WebhookView> {
      return step(id, async (webhook) => {
        const { rotation } = webhook;
        if (rotation?.phase !== 'next') throw noRotation('No new secret is waiting for a switch.');
        const tested = rotation.tests.next?.accepted === true && rotation.tests.current?.accepted === true;
        if (!tested && !force) {
          throw new AppError(
            'ROTATION_UNTESTED',
            'Your receiver has not yet accepted test deliveries signed with both secrets.',
          );
        }
        return state.switchNow(id, overlapMs(keepOldFor), true);
      });
    },

    /** "Cancel rotation" (guided steps 1–2): the new secret is discarded. */
    cancel({ id }: ParsedInput<'rotation.cancel'>): Promise<WebhookView> {
      return step(id, async (webhook) => {
        if (webhook.rotation?.phase !== 'next') throw noRotation('No rotation is waiting to be cancelled.');
        return state.cancelNow(id);
      });
    },

    /** "End overlap now": the previous secret stops working. */
    endOverlap({ id }: ParsedInput<'rotation.endOverlap'>): Promise<WebhookView> {
      return step(id, async (webhook) => {
        if (webhook.rotation?.phase !== 'overlap')
          throw noRotation('This webhook has no old secret in overlap.');
        return state.endOverlapNow(id);
      });
    },

    /** "Test the new secret", "Test the current secret", "Check the old secret is refused". */
    test: ({ id, role }: ParsedInput<'rotation.test'>) => test(id, role),

    /** The expiry timer's task: ends the overlaps whose time is up; returns their webhooks' ids. */
    expireDue,
    /** Arms the expiry timer for the overlaps in the config (at start). */
    start: () => armExpiryTimer(),
  };
}

export type RotationService = ReturnType<typeof createRotationService>;
