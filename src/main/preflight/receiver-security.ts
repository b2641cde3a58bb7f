/**
 * "Check receiver security": many receivers accept anything that arrives. This sends one correctly signed
 * delivery, then one broken in each way a forger or a replay would, and says whether the receiver accepts
 * what it must and refuses what it must. Refused = any 4xx; a 5xx, a timeout or no answer is inconclusive.
 * Against a host other than loopback it runs only once the user confirmed: it sends forged requests.
 */
import type { ParsedInput } from '../../shared/contract';
import type { SentDelivery } from '../../shared/delivery';
import type { SignatureScheme } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SecurityProbeId, SecurityProbeResult, SecurityReport } from '../../shared/preflight';
import { findWebhook } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { Forgery } from '../deliveries/forgery';
import { TIMESTAMPED_SCHEMES } from '../deliveries/signing';
import type { Clock } from '../ports';
import { isLoopbackHost } from './local-hosts';

interface Deps {
  config: ConfigStore;
  clock: Clock;
  send: (webhookId: string, forgery?: Forgery, messageId?: string) => Promise<SentDelivery>;
}

const TEN_MINUTES = 600;

interface ForgedRequest {
  id: SecurityProbeId;
  title: string;
  forgery: Forgery;
  /** What accepting it means. */
  accepted: string;
  /** A scheme whose official library itself accepts it: there, accepting it is said, not failed. */
  acceptedByLibrary?: { scheme: SignatureScheme; meaning: string };
  when?: string;
}

/** The forged requests, each with what accepting it would mean. */
const FORGERIES: ForgedRequest[] = [
  {
    id: 'unsigned',
    title: 'Without its signature header',
    forgery: { kind: 'unsigned' },
    accepted: 'Your receiver accepts unsigned requests: anyone can forge webhooks to it.',
  },
  {
    id: 'wrong-secret',
    title: 'Signed with a wrong secret',
    forgery: { kind: 'wrong-secret' },
    accepted: 'Your receiver accepts a signature made with another secret: it does not check the signature.',
  },
  {
    id: 'tampered-body',
    title: 'Body changed by one byte after signing',
    forgery: { kind: 'tampered-body' },
    accepted: 'Your receiver accepts a changed body: it does not verify the signature over the raw bytes.',
  },
  {
    id: 'too-old',
    title: 'Correctly signed, 10 minutes old',
    forgery: { kind: 'timestamp-offset', seconds: -TEN_MINUTES },
    accepted:
      'Your receiver accepts an old timestamp: replays are possible. Refuse timestamps over 5 minutes old.',
    when: 'timestamped',
  },
  {
    id: 'in-future',
    title: 'Correctly signed, 10 minutes in the future',
    forgery: { kind: 'timestamp-offset', seconds: TEN_MINUTES },
    accepted: 'Your receiver accepts a timestamp from the future: check it against a tolerance both ways.',
    acceptedByLibrary: {
      scheme: 'stripe',
      meaning:
        "Accepted, as Stripe's own library does: it refuses only old timestamps. Refusing those over 5 minutes ahead too would shorten the time a captured request can be replayed.",
    },
    when: 'timestamped',
  },
  {
    id: 'unknown-version',
    title: 'Only an unknown signature version (v2,…)',
    forgery: { kind: 'unknown-version' },
    accepted: 'Your receiver accepts a signature version it does not know: accept v1 signatures only.',
    when: 'standard-webhooks',
  },
];

function answered(delivery: SentDelivery): 'accepted' | 'refused' | 'inconclusive' {
  const status = delivery.response?.status;
  if (status === undefined) return 'inconclusive';
  if (status >= 200 && status < 300) return 'accepted';
  return status >= 400 && status < 500 ? 'refused' : 'inconclusive';
}

/** How a forged request's answer is judged, and what it means. */
function verdict(
  forged: ForgedRequest,
  answer: ReturnType<typeof answered>,
  scheme: SignatureScheme,
): Pick<SecurityProbeResult, 'outcome' | 'meaning'> {
  if (answer === 'refused') return { outcome: 'pass', meaning: 'Refused, as it must be.' };
  if (answer === 'inconclusive') {
    return {
      outcome: 'inconclusive',
      meaning:
        'Neither accepted nor refused (a 5xx, a timeout or no answer): check the receiver and run again.',
    };
  }
  const library = forged.acceptedByLibrary;
  return library?.scheme === scheme
    ? { outcome: 'info', meaning: library.meaning }
    : { outcome: 'fail', meaning: forged.accepted };
}

const statusOf = (delivery: SentDelivery) => delivery.response?.status ?? null;

export function createReceiverSecurityCheck({ config, clock, send }: Deps) {
  return {
    async checkReceiver({ id, confirmed }: ParsedInput<'preflight.checkReceiver'>): Promise<SecurityReport> {
      const webhook = findWebhook(config.read(), id);
      if (!isLoopbackHost(new URL(webhook.url).hostname) && !confirmed) {
        throw new AppError(
          'NEEDS_CONFIRMATION',
          'This sends forged requests to the endpoint — only for receivers you own. Confirm to go on.',
        );
      }
      const report = (probes: SecurityProbeResult[]): SecurityReport => ({
        url: webhook.url,
        checkedAt: clock.now().toISOString(),
        probes,
      });

      const valid = await send(id);
      const first: SecurityProbeResult = {
        id: 'valid',
        title: 'Correctly signed',
        outcome: answered(valid) === 'accepted' ? 'pass' : 'fail',
        meaning:
          answered(valid) === 'accepted'
            ? 'Your receiver accepts a correctly signed delivery.'
            : 'Your receiver does not accept a correctly signed delivery, so the other checks would mean nothing: fix this first (see the delivery).',
        statuses: [statusOf(valid)],
        deliveryIds: [valid.id],
      };
      const applies = ({ when }: ForgedRequest) =>
        when === undefined ||
        (when === 'timestamped' ? TIMESTAMPED_SCHEMES.has(webhook.scheme) : when === webhook.scheme);
      if (first.outcome === 'fail') {
        const skipped = FORGERIES.filter(applies).map(({ id: probe, title }): SecurityProbeResult => ({
          id: probe,
          title,
          outcome: 'skip',
          meaning: 'Not sent: the correctly signed delivery was not accepted.',
          statuses: [],
          deliveryIds: [],
        }));
        return report([first, ...skipped]);
      }

      const probes = [first];
      for (const forged of FORGERIES.filter(applies)) {
        const delivery = await send(id, forged.forgery);
        probes.push({
          id: forged.id,
          title: forged.title,
          ...verdict(forged, answered(delivery), webhook.scheme),
          statuses: [statusOf(delivery)],
          deliveryIds: [delivery.id],
        });
      }

      const once = await send(id);
      const twice = await send(id, undefined, once.messageId);
      probes.push({
        id: 'duplicate',
        title: 'The same message twice (same id, fresh signature)',
        outcome: 'info',
        meaning: `Answered ${statusOf(once) ?? 'nothing'}, then ${statusOf(twice) ?? 'nothing'}. Providers retry, so a receiver must deduplicate on the message id: process a message once and answer 2xx to the repeat.`,
        statuses: [statusOf(once), statusOf(twice)],
        deliveryIds: [once.id, twice.id],
      });
      return report(probes);
    },
  };
}
