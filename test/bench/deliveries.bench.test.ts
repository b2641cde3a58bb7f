/**
 * Sign + send vs. a plain node:http POST of the same body to the same loopback receiver, in one run.
 * The two series alternate (the order flips every pair), so CPU noise falls on both alike.
 *
 * The target is judged in the steady state: 500 pairs after 2,000 pairs of warm-up. Before that, V8 is still
 * optimizing, and more so for the JavaScript-heavy path (undici, signing, the record) than for node:http's
 * C++ parser; the early 500 pairs are printed too, for reference.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { createDeliveryService } from '../../src/main/deliveries/deliveries';
import { createDeliveryLog } from '../../src/main/deliveries/log';
import { defaultPayload } from '../../src/main/deliveries/default-payload';
import type { ConfigData } from '../../src/main/config/ports';
import { createTemplateService } from '../../src/main/deliveries/templates';
import { USER_AGENT } from '../../src/main/deliveries/user-agent';
import { signatureHeaders } from '../../src/main/deliveries/signing';
import { systemClock } from '../../src/main/ports';
import { oneWebhookConfig } from '../support/config-data';
import { webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { memoryLogStore } from '../support/memory-log-store';
import { startReceiver } from '../support/receiver';
import { median, ms, percentile, report, sample } from './measure';

const SENDS = 500;
/** The first pairs, dropped from the early figures: connections opening, first compilations. */
const FIRST = 50;
/** Pairs of warm-up before the steady-state figures, which the target is judged on. */
const WARMUP = 2_000;
/** Issue 15: sign + send within 5 % of a plain POST (1.22–1.31 before the hot path lost its object spreads). */
const TARGET_RATIO = 1.05;
/** Signing with two secrets (a rotation's overlap) next to one, per delivery. */
const OVERLAP_TARGET_RATIO = 1.1;

/** The baseline: one POST with node:http and nothing else. */
function plainPost(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', resolve);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `pairs` pairs of the two series alternately and returns every sample of each. */
async function alternate(pairs: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const samples = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < pairs; i++) {
    const aFirst = i % 2 === 0;
    const [first = 0] = await sample(1, aFirst ? a : b);
    const [second = 0] = await sample(1, aFirst ? b : a);
    samples.a.push(aFirst ? first : second);
    samples.b.push(aFirst ? second : first);
  }
  return samples;
}

/** The SENDS pairs from index `from` of both series. */
const pairsFrom = (samples: { a: number[]; b: number[] }, from: number) => ({
  a: samples.a.slice(from, from + SENDS),
  b: samples.b.slice(from, from + SENDS),
});

function compare(
  title: string,
  label: string,
  { a: ours, b: plain }: { a: number[]; b: number[] },
  target?: number,
  baseline = 'plain node:http POST',
) {
  const row = (operation: string, samples: number[]) => ({
    operation,
    median_ms: ms(median(samples)),
    p95_ms: ms(percentile(samples, 95)),
  });
  report(`${title} (${SENDS} sends each, alternating)`, [row(label, ours), row(baseline, plain)]);
  const ratio = median(ours) / median(plain);
  const p95Ratio = percentile(ours, 95) / percentile(plain, 95);
  const verdict = target === undefined ? '' : ` (target <= ${target}: ${ratio <= target ? 'met' : 'MISSED'})`;
  console.log(`ratio of medians: ${ratio.toFixed(3)}${verdict}; ratio of p95: ${p95Ratio.toFixed(3)}`);
}

const secretOf = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

/**
 * The delivery service itself (signing, queue, HTTP client, record) for one webhook of a multi-signature
 * scheme, with its secrets (newest first, as during an overlap) and the log in memory.
 */
function deliveryService(receiverUrl: string, body: string, secrets: string[]) {
  const fixture = oneWebhookConfig({
    url: `${receiverUrl}/hooks`,
    scheme: 'standard-webhooks',
    templateJson: body,
  });
  let config = fixture.config;
  const configStore = {
    read: () => config,
    update: (change: (current: ConfigData) => ConfigData) => (config = change(config)),
  };
  const deliveries = createDeliveryService({
    config: configStore,
    signingSecrets: async () => ({
      roles: secrets.length > 1 ? ['current', 'previous'] : ['current'],
      secrets,
    }),
    readHeaderValue: async () => 'never read: the fixture has no secret header',
    templates: createTemplateService({ config: configStore, clock: systemClock }),
    log: createDeliveryLog(memoryLogStore(), () => undefined),
    http: createHttpClient(),
    clock: systemClock,
    clipboard: {
      readText: async () => '',
      writeText: async () => undefined,
      writeSecret: async () => undefined,
      clear: () => undefined,
    },
    userAgent: USER_AGENT,
  });
  return { deliveries, webhookId: fixture.webhookId };
}

describe('bench: signed test deliveries', () => {
  it(`sign + send next to a plain POST (median and p95 over ${SENDS} in the steady state; target ratio ${TARGET_RATIO})`, async () => {
    const receiver = await startReceiver();
    const body = JSON.stringify(defaultPayload({ apiName: 'Invoices', version: 'v4', now: new Date() }));
    const { deliveries, webhookId } = deliveryService(receiver.url, body, [secretOf(1)]);

    const pairs = WARMUP + SENDS;
    const samples = await alternate(
      pairs,
      () => deliveries.send({ webhookId }),
      () => plainPost(`${receiver.url}/hooks`, body),
    );
    await receiver.close();

    expect(receiver.received.length).toBe(2 * pairs);
    expect(new Set(receiver.received.map((r) => r.body))).toEqual(new Set([body]));
    compare(
      'early, for reference: sign + send while V8 still optimizes',
      'sign + send',
      pairsFrom(samples, FIRST),
    );
    // Printed with its verdict rather than asserted: on a shared two-core machine one noisy run must not
    // fail every other benchmark of `npm run bench`. The ratio is what to read.
    compare(
      'steady state: sign + send (delivery service)',
      'sign + send',
      pairsFrom(samples, WARMUP),
      TARGET_RATIO,
    );
  });

  it('for reference: the whole deliveries.send channel (keychain read, log file write) vs a plain POST', async () => {
    const receiver = await startReceiver();
    const h = await startHarness();
    const { api, webhook } = await webhookTo(h, `${receiver.url}/hooks`, 'standard-webhooks');
    const body = JSON.stringify(defaultPayload({ apiName: api.name, version: 'v1', now: new Date() }));
    await h.ok('templates.save', { apiId: api.id, version: 'v1', json: body });

    const samples = await alternate(
      FIRST + SENDS,
      () => h.ok('deliveries.send', { webhookId: webhook.id }),
      () => plainPost(`${receiver.url}/hooks`, body),
    );
    await receiver.close();
    compare(
      'deliveries.send over IPC, for reference (no target)',
      'deliveries.send',
      pairsFrom(samples, FIRST),
    );
    expect(await h.ok('deliveries.list', { webhookId: webhook.id })).toHaveLength(200);
  });

  it(`a rotation's overlap: sign + send with two secrets next to one (target ratio ${OVERLAP_TARGET_RATIO})`, async () => {
    const receiver = await startReceiver();
    const body = JSON.stringify(defaultPayload({ apiName: 'Invoices', version: 'v4', now: new Date() }));
    const two = deliveryService(receiver.url, body, [secretOf(2), secretOf(1)]);
    const one = deliveryService(receiver.url, body, [secretOf(1)]);

    const samples = await alternate(
      WARMUP + SENDS,
      () => two.deliveries.send({ webhookId: two.webhookId }),
      () => one.deliveries.send({ webhookId: one.webhookId }),
    );
    await receiver.close();
    const signatures = receiver.received.map((r) => String(r.headers['webhook-signature']).split(' ').length);
    expect(new Set(signatures)).toEqual(new Set([1, 2]));
    compare(
      'steady state: sign + send with two secrets (overlap) vs one',
      'two secrets',
      pairsFrom(samples, WARMUP),
      OVERLAP_TARGET_RATIO,
      'one secret',
    );
  });

  it('for reference: the signatures alone, two secrets vs one (each sample: 200 signings)', async () => {
    const input = {
      scheme: 'standard-webhooks' as const,
      body: Buffer.from(
        JSON.stringify(defaultPayload({ apiName: 'Invoices', version: 'v4', now: new Date() })),
      ),
      messageId: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      timestamp: 1_700_000_000,
    };
    const batch = (secrets: string[]) => async () => {
      for (let i = 0; i < 200; i++) signatureHeaders({ ...input, secrets });
    };
    const samples = await alternate(
      WARMUP / 4 + SENDS,
      batch([secretOf(2), secretOf(1)]),
      batch([secretOf(1)]),
    );
    compare(
      'signatureHeaders alone: two HMACs vs one (no target: the second signature is the work itself)',
      'two secrets',
      pairsFrom(samples, WARMUP / 4),
      undefined,
      'one secret',
    );
  });
});
