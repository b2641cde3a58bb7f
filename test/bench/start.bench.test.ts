/**
 * Issue 15's start target: with 10,000 webhooks and 4,000 delivery records, main is ready to answer apis.list
 * within 1.5× the time of a bare JSON.parse of the same files, in the same run (medians, alternating).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { emptyConfig } from '../../src/main/config/schema';
import { openDeliveryLogLazily, openDeliveryLogStore } from '../../src/main/deliveries/log-store';
import { systemClock } from '../../src/main/ports';
import { startServices } from '../../src/main/services';
import type { Delivery } from '../../src/shared/delivery';
import type { Webhook } from '../../src/shared/domain';
import { startHarness } from '../support/main-harness';
import { memoryVault } from '../support/memory-vault';
import { startReceiver } from '../support/receiver';
import { tempDir } from '../support/temp';
import { median, ms, report } from './measure';

const WEBHOOKS = 10_000;
const RECORDS = 4_000;
const RUNS = 15;

/** A profile folder as a long-used app leaves it: the config, and the log written out as one file. */
async function bigProfile(): Promise<string> {
  const receiver = await startReceiver();
  const seed = await startHarness();
  const api = await seed.ok('apis.create', { name: 'Seed', versions: ['v1'] });
  const hook = await seed.ok('webhooks.create', { apiId: api.id, version: 'v1', url: `${receiver.url}/h` });
  const template: Delivery = await seed.ok('deliveries.send', { webhookId: hook.id });
  await receiver.close();

  const dir = tempDir();
  const { store } = openConfigStore(dir, systemClock);
  const apiId = randomUUID();
  const now = new Date().toISOString();
  const webhooks: Webhook[] = Array.from({ length: WEBHOOKS }, (_, i) => ({
    id: randomUUID(),
    apiId,
    version: 'v1',
    url: `https://hooks.example.com/${i}`,
    createdAt: now,
    updatedAt: now,
    secretRotatedAt: now,
    scheme: 'standard-webhooks',
  }));
  store.update(() => ({
    ...emptyConfig(),
    apis: [{ id: apiId, name: 'Big', versions: ['v1'], createdAt: now }],
    webhooks,
  }));
  const log = openDeliveryLogStore(dir, systemClock);
  for (let i = 0; i < RECORDS; i++) {
    const webhook = webhooks[i % 400] as Webhook;
    log.store.apply({ op: 'add', record: { ...template, id: randomUUID(), webhookId: webhook.id } });
  }
  log.store.flush();

  return dir;
}

it(`ready to answer apis.list, ${WEBHOOKS} webhooks and ${RECORDS} delivery records, vs JSON.parse of the files`, async () => {
  const dir = await bigProfile();
  const files = ['config.json', 'deliveries.json'].map((name) => join(dir, name));

  const bare = () => {
    for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  };
  const ready = () => {
    const opened = openConfigStore(dir, systemClock);
    // As the app opens them (app.ts).
    const services = startServices({
      config: opened.store,
      vault: memoryVault(),
      clipboard: {
        readText: async () => '',
        writeText: async () => undefined,
        writeSecret: async () => undefined,
        clear: () => undefined,
      },
      clock: systemClock,
      emit: () => undefined,
      deliveryLog: openDeliveryLogLazily(dir, systemClock),
      http: {
        post: async () => {
          throw new Error('no delivery in this bench');
        },
      },
      listen: async () => {
        throw new Error('no Inbox in this bench');
      },
      probes: undefined as never,
      transferFiles: undefined as never,
      startupNotices: [],
    });
    return services.apis.list();
  };

  const bareMs: number[] = [];
  const readyMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    bare();
    bareMs.push(performance.now() - start);
    start = performance.now();
    const apis = ready();
    readyMs.push(performance.now() - start);
    expect(apis).toHaveLength(1);
  }
  const ratio = median(readyMs) / median(bareMs);
  report(`Start: ${WEBHOOKS} webhooks, ${RECORDS} delivery records (median of ${RUNS}, alternating)`, [
    { measure: 'JSON.parse of config.json + deliveries.json', ms: ms(median(bareMs)) },
    { measure: 'open config + log, start services, apis.list', ms: ms(median(readyMs)) },
    { measure: 'ratio (target ≤ 1.5)', ms: Number(ratio.toFixed(2)) },
  ]);
});
