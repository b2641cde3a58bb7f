/**
 * "Check endpoint": will a provider be able to deliver to this URL? Six checks in order — URL, DNS, TCP
 * connect, TLS, redirects, response — each pass / warn / fail with the reason and the fix. A check that
 * cannot run because an earlier one failed is skipped, saying why. Nothing is followed, and the only request
 * with a body is the one signed test delivery (in the Deliveries log, marked "Endpoint check"); redirects are
 * probed with HEAD. The whole run takes at most the delivery timeout + 4.5 s.
 */
import type { ParsedInput } from '../../shared/contract';
import type { SentDelivery } from '../../shared/delivery';
import type { SignatureScheme, Webhook } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  PROVIDER_RESPONSE_LIMITS,
  type CheckId,
  type CheckResult,
  type EndpointCheck,
} from '../../shared/preflight';
import { checkEndpointUrl } from '../../shared/url-rule';
import { findWebhook, updateConfig } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import { classifyNetworkError, tlsReason } from '../deliveries/http-failure';
import type { Clock } from '../ports';
import { isLocalOnlyHost, isPrivateAddress } from './local-hosts';
import type { EndpointProbes, ResolvedAddress } from './ports';

/** Each of DNS, TCP and TLS gets at most this long. */
export const STEP_TIMEOUT_MS = 1500;
const SLOW_CONNECT_MS = 1000;
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Deps {
  config: ConfigStore;
  probes: EndpointProbes;
  clock: Clock;
  /** Sends the check's one signed test delivery. */
  sendCheckDelivery: (webhookId: string) => Promise<SentDelivery>;
}

const result = (
  id: CheckId,
  outcome: CheckResult['outcome'],
  reason: string,
  more: { fix?: string; details?: string[] } = {},
): CheckResult => ({ id, outcome, reason, ...(more.fix && { fix: more.fix }), details: more.details ?? [] });

const skipped = (id: CheckId, why: string) => result(id, 'skip', why);

function urlCheck(url: URL, scheme: SignatureScheme | null): CheckResult {
  const problems: string[] = [];
  const fixes: string[] = [];
  let outcome: CheckResult['outcome'] = 'pass';
  if (url.protocol === 'http:') {
    outcome = 'warn';
    problems.push('The URL uses plain http: deliveries and their signatures travel unencrypted.');
    fixes.push(
      scheme === 'stripe'
        ? 'Use https:// (Stripe requires HTTPS for endpoints in live mode).'
        : 'Use https:// for anything beyond a local test.',
    );
  }
  if (isLocalOnlyHost(url.hostname)) {
    outcome = 'warn';
    problems.push(`${url.hostname} can only be reached from this machine or its local network.`);
    fixes.push(
      'A provider on the internet cannot reach this; use a tunnel for real deliveries (GitHub refuses such URLs).',
    );
  }
  return problems.length === 0
    ? result('url', 'pass', 'An https URL with a public host name.')
    : result('url', outcome, problems.join(' '), { fix: fixes.join(' ') });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

async function dnsCheck(probes: EndpointProbes, url: URL): Promise<[CheckResult, ResolvedAddress[]]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    const family = host.includes(':') ? 6 : 4;
    return [skipped('dns', 'The URL names an IP address: nothing to resolve.'), [{ address: host, family }]];
  }
  try {
    const addresses = await probes.lookup(host, STEP_TIMEOUT_MS);
    const details = addresses.map(({ address, family }) => `${family === 6 ? 'AAAA' : 'A'} ${address}`);
    if (addresses.every(({ address }) => isPrivateAddress(address)) && !isLocalOnlyHost(host)) {
      return [
        result('dns', 'warn', `${host} resolves only to private addresses.`, {
          fix: 'A provider on the internet cannot reach these addresses; publish the receiver or use a tunnel.',
          details,
        }),
        addresses,
      ];
    }
    return [result('dns', 'pass', `${host} resolves.`, { details }), addresses];
  } catch (error) {
    const code = errorCode(error);
    const missing = code === 'ENOTFOUND' || code === 'EAI_NONAME';
    const reason = missing
      ? `${host} does not exist (NXDOMAIN): no DNS record answers for it.`
      : `${host} could not be resolved (${code || (error as Error).message}).`;
    return [
      result('dns', 'fail', reason, { fix: 'Check the host name for typos, or create its DNS record.' }),
      [],
    ];
  }
}

function tcpFailure(error: unknown, target: string): CheckResult {
  const code = errorCode(error);
  const reason =
    code === 'ECONNREFUSED'
      ? `Nothing accepts connections at ${target} (connection refused).`
      : code === 'ETIMEDOUT'
        ? `${target} did not accept a connection within ${STEP_TIMEOUT_MS / 1000} s.`
        : `Could not connect to ${target} (${code || (error as Error).message}).`;
  return result('tcp', 'fail', reason, { fix: 'Start the receiver, or check the port and the firewall.' });
}

async function tlsCheck(probes: EndpointProbes, url: URL, address: string, port: number, now: Date) {
  if (url.protocol !== 'https:') return skipped('tls', 'Plain http: there is no TLS to check.');
  const fix = 'Providers verify certificates against the public roots: install a valid certificate chain.';
  const fail = (error: unknown) =>
    result('tls', 'fail', classifyNetworkError(error, url).message.replace(/^TLS error: /, ''), { fix });
  try {
    const facts = await probes.tls(address, port, url.hostname.replace(/^\[|\]$/g, ''), STEP_TIMEOUT_MS);
    const details = [
      `Protocol ${facts.protocol}`,
      `Issuer ${facts.issuer}`,
      `Valid until ${facts.validTo.toISOString()}`,
    ];
    if (facts.failure) {
      const reason = tlsReason(facts.failure, facts.failure, url);
      return result('tls', 'fail', reason ?? `The certificate does not verify (${facts.failure}).`, {
        fix,
        details,
      });
    }
    if (/^TLSv1(\.[01])?$/.test(facts.protocol)) {
      return result(
        'tls',
        'fail',
        `The server negotiated ${facts.protocol}; providers require TLS 1.2 or later.`,
        {
          fix: 'Enable TLS 1.2 and 1.3 on the server.',
          details,
        },
      );
    }
    const daysLeft = Math.floor((facts.validTo.getTime() - now.getTime()) / DAY_MS);
    if (daysLeft < EXPIRY_WARNING_DAYS) {
      return result(
        'tls',
        'warn',
        `The certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}.`,
        {
          fix: 'Renew it before deliveries start failing.',
          details,
        },
      );
    }
    return result('tls', 'pass', 'The certificate verifies against the system roots.', { details });
  } catch (error) {
    const code = errorCode(error);
    if (/UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS|LEGACY/.test(code)) {
      return result('tls', 'fail', 'The server offers only TLS versions below 1.2, which providers refuse.', {
        fix: 'Enable TLS 1.2 and 1.3 on the server.',
      });
    }
    return fail(error);
  }
}

/** The URL with its path's trailing slash added or removed. */
function otherSlashForm(url: URL): string {
  const other = new URL(url.href);
  other.pathname = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) || '/' : `${url.pathname}/`;
  return other.href;
}

const sameUrl = (a: string | null, b: string, base: string) => a !== null && new URL(a, base).href === b;

/** Redirects seen by the delivery (or a HEAD when there is none) and by the probes of the URL's other forms. */
async function redirectsCheck(
  probes: EndpointProbes,
  url: URL,
  answer: { status: number; location: string | null } | null,
  timeoutMs: number,
): Promise<CheckResult> {
  const probeMs = Math.min(timeoutMs, STEP_TIMEOUT_MS);
  const alternates = [otherSlashForm(url)];
  if (url.protocol === 'https:') alternates.push(url.href.replace(/^https:/, 'http:'));
  const probed = await Promise.all(alternates.map((alternate) => probes.head(alternate, probeMs)));
  const details = alternates.flatMap((alternate, i) => {
    const seen = probed[i];
    if (!seen || seen.status < 300 || seen.status >= 400) return [];
    const here = sameUrl(seen.location, url.href, alternate) ? ' (this URL: fine)' : '';
    return [`${alternate} redirects (${seen.status}) to ${seen.location ?? 'nowhere'}${here}`];
  });
  if (answer && answer.status >= 300 && answer.status < 400) {
    const where = answer.location ? new URL(answer.location, url.href).href : null;
    return result(
      'redirects',
      'fail',
      `The endpoint answers ${answer.status}${where ? ` to ${where}` : ''}.`,
      {
        fix: where
          ? `Providers never follow redirects: update the URL to ${where}.`
          : 'Providers never follow redirects: point the webhook at the final URL.',
        details,
      },
    );
  }
  return result('redirects', 'pass', 'The URL answers without redirecting.', { details });
}

function responseCheck(delivery: SentDelivery): CheckResult {
  const { response } = delivery;
  if (!response) {
    return result('response', 'fail', delivery.error?.message ?? 'No response.', {
      fix: 'The receiver must answer the delivery with a 2xx.',
    });
  }
  const firstByteMs = delivery.firstByteMs ?? delivery.durationMs;
  const seconds = firstByteMs / 1000;
  const details = [
    `${response.status} ${response.statusText}`.trim(),
    `First byte after ${Math.round(firstByteMs)} ms`,
  ];
  const tooSlow: string[] = [];
  for (const { provider, seconds: limit } of PROVIDER_RESPONSE_LIMITS) {
    if (limit === null) details.push(`${provider}: no published time limit`);
    else if (seconds >= limit / 2) tooSlow.push(`${provider} gives up after ${limit} s`);
  }
  const { status } = response;
  if (status === 410) {
    return result('response', 'fail', 'The endpoint answers 410 Gone.', {
      fix: 'A Standard Webhooks sender will disable this endpoint: answer 2xx to deliveries you accept.',
      details,
    });
  }
  if (status === 429 || status === 502 || status === 504) {
    return result('response', 'warn', `The endpoint answers ${status}: the sender will throttle and retry.`, {
      fix: 'Answer 2xx once the delivery is accepted; queue slow work instead of doing it before answering.',
      details,
    });
  }
  if (status < 200 || status >= 300) {
    return result(
      'response',
      'fail',
      `The endpoint answers ${status}: providers count it as a failed delivery.`,
      {
        fix:
          status === 401 || status === 403
            ? 'Check that the receiver has this webhook’s signing secret.'
            : 'Answer 2xx to a valid delivery.',
        details,
      },
    );
  }
  if (tooSlow.length > 0) {
    return result(
      'response',
      'warn',
      `The answer took ${seconds.toFixed(1)} s, half a provider's limit or more.`,
      {
        fix: `Answer first, then do the work (${tooSlow.join('; ')}).`,
        details,
      },
    );
  }
  return result('response', 'pass', 'The endpoint accepted the signed test delivery in time.', { details });
}

export function createEndpointChecker({ config, probes, clock, sendCheckDelivery }: Deps) {
  /** Runs every check; `send` sends the signed delivery (absent: no webhook yet, so no signed delivery). */
  async function run(
    href: string,
    scheme: SignatureScheme | null,
    send?: () => Promise<SentDelivery>,
  ): Promise<{ checks: CheckResult[]; delivery: SentDelivery | null }> {
    const url = new URL(href);
    const timeoutMs = config.read().settings.deliveryTimeoutSeconds * 1000;
    const checks = [urlCheck(url, scheme)];
    const later = (why: string) =>
      (['tcp', 'tls', 'redirects', 'response'] as const)
        .filter((id) => !checks.some((check) => check.id === id))
        .map((id) => skipped(id, why));

    const [dns, addresses] = await dnsCheck(probes, url);
    checks.push(dns);
    const [first] = addresses;
    if (!first)
      return { checks: [...checks, ...later('Skipped: the host name does not resolve.')], delivery: null };

    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const target = `${first.family === 6 ? `[${first.address}]` : first.address}:${port}`;
    try {
      const ms = await probes.connect(first.address, port, STEP_TIMEOUT_MS);
      const details = [`Connected to ${target} in ${Math.round(ms)} ms`];
      checks.push(
        ms > SLOW_CONNECT_MS
          ? result('tcp', 'warn', `Connecting took ${Math.round(ms)} ms.`, {
              fix: 'A slow connection eats into the provider’s time limit: check the network path.',
              details,
            })
          : result('tcp', 'pass', `${target} accepts connections.`, { details }),
      );
    } catch (error) {
      checks.push(tcpFailure(error, target));
      return { checks: [...checks, ...later('Skipped: nothing accepts connections.')], delivery: null };
    }

    const tls = await tlsCheck(probes, url, first.address, port, clock.now());
    checks.push(tls);
    if (tls.outcome === 'fail') {
      return {
        checks: [...checks, ...later('Skipped: a provider would stop at the TLS failure.')],
        delivery: null,
      };
    }

    const [delivery, head] = await Promise.all([
      send ? send() : Promise.resolve(null),
      send ? Promise.resolve(null) : probes.head(url.href, Math.min(timeoutMs, STEP_TIMEOUT_MS)),
    ]);
    const answer = delivery?.response
      ? { status: delivery.response.status, location: delivery.response.headers.location ?? null }
      : head;
    checks.push(await redirectsCheck(probes, url, answer, timeoutMs));
    checks.push(
      delivery
        ? responseCheck(delivery)
        : skipped('response', 'Create the webhook to send a signed test delivery: it has no secret yet.'),
    );
    return { checks, delivery };
  }

  return {
    /** "Check endpoint" on a webhook: the result is kept with it until its URL changes. */
    async checkWebhook({ id }: ParsedInput<'preflight.checkWebhook'>): Promise<EndpointCheck> {
      const webhook = findWebhook(config.read(), id);
      const { checks, delivery } = await run(webhook.url, webhook.scheme, () => sendCheckDelivery(id));
      const check: EndpointCheck = {
        url: webhook.url,
        checkedAt: clock.now().toISOString(),
        deliveryId: delivery?.id ?? null,
        checks,
      };
      updateConfig(config, (current) => ({
        ...current,
        webhooks: current.webhooks.map((w): Webhook =>
          // Kept only if the URL it checked is still the webhook's.
          w.id === id && w.url === check.url ? { ...w, endpointCheck: check } : w,
        ),
      }));
      return check;
    },

    /** "Check endpoint" in the create form: every check but the signed delivery, which needs a secret. */
    async checkUrl({ url, scheme }: ParsedInput<'preflight.checkUrl'>): Promise<EndpointCheck> {
      const accepted = checkEndpointUrl(url);
      if (!accepted.ok) throw new AppError('INVALID_URL', accepted.reason);
      const { checks } = await run(accepted.url, scheme ?? null);
      return { url: accepted.url, checkedAt: clock.now().toISOString(), deliveryId: null, checks };
    },
  };
}

export type EndpointChecker = ReturnType<typeof createEndpointChecker>;
