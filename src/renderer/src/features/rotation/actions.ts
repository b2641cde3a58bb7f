/**
 * What the rotation dialogs and the rotating row do: roll, test, switch, cancel and end an overlap. Each asks
 * main, shows the webhook main answers with (its `rotation` says where the rotation is), keeps the revealed
 * secrets true to the new roles, and tells the user how it went.
 */
import type { SentDelivery } from '../../../../shared/delivery';
import type { WebhookView } from '../../../../shared/domain';
import { isAppError } from '../../../../shared/errors';
import { OVERLAP_CHOICES, type OverlapChoice, type SecretRole } from '../../../../shared/rotation';
import { call } from '../../lib/ipc';
import { secretKey, useSecrets } from '../../stores/secrets';
import { toast } from '../../stores/toasts';
import { useWebhooks } from '../../stores/webhooks';
import { refreshWebhooks, showNewSecret } from '../webhooks/actions';

function shown(webhook: WebhookView): WebhookView {
  useWebhooks.getState().put(webhook);
  return webhook;
}

const hide = (id: string, role: SecretRole) => useSecrets.getState().hide(secretKey(id, role));

/** "24 hours": a choice as a toast says it. */
function keptFor(choice: OverlapChoice): string {
  return OVERLAP_CHOICES.find((candidate) => candidate.id === choice)?.label.toLowerCase() ?? choice;
}

/** After a switch the old secret, if still kept, is the previous one; a shown current secret shows the new one. */
async function switched(id: string, keepOldFor: OverlapChoice, what: string): Promise<void> {
  hide(id, 'previous');
  hide(id, 'next');
  toast(
    keepOldFor === 'now'
      ? `${what}. The old one no longer works.`
      : `${what}. The old one stays valid for ${keptFor(keepOldFor)}.`,
  );
  await showNewSecret(id).catch(() => undefined);
}

/**
 * "Roll secret". A multi-signature scheme switches at once (the old secret kept for `keepOldFor`); a
 * single-signature one starts a guided rotation, whose new secret waits as "next". `endOverlap` confirms ending
 * the old secret of an overlap in progress.
 */
export async function rollSecret(
  id: string,
  options: { keepOldFor: OverlapChoice; endOverlap: boolean },
): Promise<WebhookView> {
  let webhook: WebhookView;
  try {
    webhook = shown(await call('rotation.roll', { id, ...options }));
  } catch (error) {
    // Main knows of a rotation this screen does not show yet: show it, so the dialog can ask about it.
    if (isAppError(error) && error.code === 'ROTATION_IN_PROGRESS') await refreshWebhooks();
    throw error;
  }
  if (webhook.rotation?.phase === 'next') {
    hide(id, 'previous');
    hide(id, 'next');
    return webhook;
  }
  await switched(id, options.keepOldFor, 'Signing secret rolled');
  return webhook;
}

/** "Switch to the new secret" (guided step 3); `force` switches although the tests did not both pass. */
export async function switchSecret(
  id: string,
  options: { keepOldFor: OverlapChoice; force: boolean },
): Promise<WebhookView> {
  const webhook = shown(await call('rotation.switch', { id, ...options }));
  await switched(id, options.keepOldFor, 'Switched to the new signing secret');
  return webhook;
}

/** "Cancel rotation": the new secret is discarded. */
export async function cancelRotation(id: string): Promise<void> {
  shown(await call('rotation.cancel', { id }));
  hide(id, 'next');
  toast('Rotation cancelled. The new signing secret was discarded.');
}

/** "End overlap now": the previous secret stops working. */
export async function endOverlap(id: string): Promise<void> {
  shown(await call('rotation.endOverlap', { id }));
  hide(id, 'previous');
  toast('Overlap ended. The old signing secret no longer works.');
}

/**
 * "Test the new secret", "Test the current secret", "Check the old secret is refused": a test delivery
 * signed with that secret alone; the webhook main answers with holds the receiver's answer.
 */
export async function testSecret(id: string, role: SecretRole): Promise<SentDelivery> {
  const { delivery, webhook } = await call('rotation.test', { id, role });
  shown(webhook);
  return delivery;
}
