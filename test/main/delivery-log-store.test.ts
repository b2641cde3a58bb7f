/**
 * The delivery log's files: deliveries.json, written once per burst, and the journal that holds each change
 * from the moment it is acknowledged. "The app dies" is simulated by opening the same directory again without
 * flushing the first store: what is on disk at that moment is all the second one gets.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDeliveryLogLazily, openDeliveryLogStore } from '../../src/main/deliveries/log-store';
import { openHandOffLogStore } from '../../src/main/deliveries/hand-off';
import { openJournal, replay } from '../../src/main/deliveries/journal';
import { systemClock } from '../../src/main/ports';
import type { Delivery } from '../../src/shared/delivery';
import { AppError } from '../../src/shared/errors';
import { closeAfterEach } from '../support/close-after-each';
import { webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { startReceiver } from '../support/receiver';
import { tempDir } from '../support/temp';

/** Long enough that the first store never writes the log file on its own during a test. */
const NEVER = 2 ** 31 - 1;
const WEBHOOK_A = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const WEBHOOK_B = '5f0c8a0e-1b2c-4d3e-8f4a-5b6c7d8e9f00';

let sequence = 0;
/** A complete, valid record (the journal and the file are schema-checked when read back). */
function record(webhookId: string): Delivery {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    id,
    webhookId,
    sentAt: new Date(1_700_000_000_000 + sequence * 1000).toISOString(),
    scheme: 'mindee',
    messageId: id,
    redeliveryOf: null,
    request: {
      method: 'POST',
      url: 'https://example.com/hooks',
      headers: { a: 'b' },
      body: `{"n":${sequence}}`,
    },
    response: { status: 200, statusText: 'OK', headers: {}, body: '{}', truncated: false },
    error: null,
    durationMs: 1.5,
    outcome: 'success',
  };
}

const paths = (dir: string) => ({
  log: join(dir, 'deliveries.json'),
  journal: join(dir, 'deliveries.journal.jsonl'),
});
const journalLines = (dir: string) =>
  existsSync(paths(dir).journal) ? readFileSync(paths(dir).journal, 'utf8').split('\n').filter(Boolean) : [];
const open = (dir: string, delay = { afterPauseMs: NEVER, atLatestMs: NEVER }) =>
  openDeliveryLogStore(dir, systemClock, delay);
const logFile = (dir: string) =>
  existsSync(paths(dir).log)
    ? (JSON.parse(readFileSync(paths(dir).log, 'utf8')) as Record<string, unknown>)
    : null;
const ids = (records: Delivery[] | undefined) => (records ?? []).map((r) => r.id);
const fixedClock = { now: () => new Date('2024-05-06T07:08:09.010Z') };

describe('delivery log files', () => {
  it('journals each change at once and writes the log file once per burst, then empties the journal', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const [first, second] = [record(WEBHOOK_A), record(WEBHOOK_A)];
    store.apply({ op: 'add', record: first });
    store.apply({ op: 'add', record: second });
    expect(journalLines(dir)).toHaveLength(2);
    expect(journalLines(dir)[1]).toContain(second.id);
    expect(logFile(dir)).toBeNull();

    store.flush();
    const file = logFile(dir);
    expect(file).toMatchObject({ schemaVersion: 2, journalSeq: 2 });
    expect(ids((file?.byWebhook as Record<string, Delivery[]>)[WEBHOOK_A])).toEqual([second.id, first.id]);
    expect(journalLines(dir)).toEqual([]);
    // Written atomically: no temp file is left beside them.
    expect(readdirSync(dir).sort()).toEqual(['deliveries.journal.jsonl', 'deliveries.json']);
  });

  it('keeps every acknowledged change when the app dies before the log file is written', () => {
    const dir = tempDir();
    const { store } = open(dir);
    store.apply({ op: 'add', record: record(WEBHOOK_A) });
    store.apply({ op: 'add', record: record(WEBHOOK_B) });
    store.apply({ op: 'add', record: record(WEBHOOK_A) });
    store.apply({ op: 'remove', webhookIds: [WEBHOOK_B] });
    const before = store.read();

    const reopened = open(dir);
    expect(reopened.notices).toEqual([]);
    expect(reopened.store.read()).toEqual(before);
    // Folded into the log file at once on open.
    expect(journalLines(dir)).toEqual([]);
    expect(JSON.parse(readFileSync(paths(dir).log, 'utf8'))).toMatchObject({ byWebhook: before.byWebhook });
  });

  it('keeps an attempt of a retry run with its place in the run, from the journal, the log file and a hand-off', () => {
    const dir = tempDir();
    const retry = { runId: '7c1e5a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', attempt: 3, of: 8, offsetSeconds: 305 };
    const attempt: Delivery = { ...record(WEBHOOK_A), retry };
    const { store } = open(dir);
    store.apply({ op: 'add', record: attempt });

    const fromJournal = open(dir);
    expect(fromJournal.notices).toEqual([]);
    expect(fromJournal.store.read().byWebhook[WEBHOOK_A]).toEqual([attempt]);
    expect(open(dir).store.read().byWebhook[WEBHOOK_A]).toEqual([attempt]); // now from the log file
    expect(readdirSync(dir).filter((name) => name.includes('corrupt') || name.includes('rejected'))).toEqual(
      [],
    );

    const handedOff: Delivery = { ...record(WEBHOOK_B), retry: { ...retry, attempt: 1, offsetSeconds: 0 } };
    openHandOffLogStore(dir, fixedClock).apply({ op: 'add', record: handedOff });
    expect(open(dir).store.read().byWebhook[WEBHOOK_B]).toEqual([handedOff]);
  });

  it('replays nothing twice when the app died between writing the log file and emptying the journal', () => {
    const dir = tempDir();
    const { store } = open(dir);
    for (let n = 0; n < 205; n++) store.apply({ op: 'add', record: record(WEBHOOK_A) });
    const journal = readFileSync(paths(dir).journal);
    store.flush();
    writeFileSync(paths(dir).journal, journal); // as if the journal had not been emptied yet
    const before = store.read();
    expect(before.byWebhook[WEBHOOK_A]).toHaveLength(200);

    expect(open(dir).store.read()).toEqual(before);
  });

  it('cuts off a line the app died while appending, keeps the rest, and appends on a clean line', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const kept = record(WEBHOOK_A);
    store.apply({ op: 'add', record: kept });
    appendFileSync(paths(dir).journal, '{"seq":2,"change":{"op":"add","record":{"id":"0000');

    const reopened = open(dir);
    expect(reopened.notices).toEqual([]);
    expect(ids(reopened.store.read().byWebhook[WEBHOOK_A])).toEqual([kept.id]);
    const next = record(WEBHOOK_A);
    reopened.store.apply({ op: 'add', record: next });
    expect(ids(open(dir).store.read().byWebhook[WEBHOOK_A])).toEqual([next.id, kept.id]);
  });

  it('sets aside only the bad lines of a journal, keeps them in a file next to it and says so', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const [first, second, third] = [record(WEBHOOK_A), record(WEBHOOK_A), record(WEBHOOK_B)];
    for (const added of [first, second, third]) store.apply({ op: 'add', record: added });
    const [line1, line2, line3] = journalLines(dir).map((line) => Buffer.from(`${line}\n`));
    if (!line1 || !line2 || !line3) throw new Error('expected three journal lines');
    const notJson = Buffer.from('{"seq":2,"change":\n');
    const notUtf8 = Buffer.from([0x80, 0xff, 0x0a]);
    const wrongShape = Buffer.from('{"seq":3,"change":{"op":"rename"}}\n');
    const torn = Buffer.from('{"seq":4,"change":{"op":"add","rec');
    writeFileSync(
      paths(dir).journal,
      Buffer.concat([line1, notJson, line2, notUtf8, wrongShape, line3, torn]),
    );

    const reopened = openDeliveryLogStore(dir, fixedClock, { afterPauseMs: NEVER, atLatestMs: NEVER });
    expect(ids(reopened.store.read().byWebhook[WEBHOOK_A])).toEqual([second.id, first.id]);
    expect(ids(reopened.store.read().byWebhook[WEBHOOK_B])).toEqual([third.id]);
    const aside = join(dir, 'deliveries.journal.rejected-2024-05-06T07-08-09-010Z.jsonl');
    expect(readFileSync(aside)).toEqual(Buffer.concat([notJson, notUtf8, wrongShape]));
    expect(reopened.notices).toEqual([
      {
        kind: 'delivery-log-lines-set-aside',
        message:
          "3 lines of the delivery log's journal could not be read (line 2 is not valid JSON: " +
          `Unexpected end of JSON input). They were set aside in ${aside}; the other records were kept.`,
      },
    ]);

    // Set aside once: the next start finds a clean journal and the same records.
    const again = open(dir);
    expect(again.notices).toEqual([]);
    expect(again.store.read()).toEqual(reopened.store.read());
  });

  it('reads a log file written before the journal existed (version 1)', () => {
    const dir = tempDir();
    const old = record(WEBHOOK_A);
    writeFileSync(paths(dir).log, JSON.stringify({ schemaVersion: 1, byWebhook: { [WEBHOOK_A]: [old] } }));
    const { store, notices } = open(dir);
    expect(notices).toEqual([]);
    expect(ids(store.read().byWebhook[WEBHOOK_A])).toEqual([old.id]);
    const next = record(WEBHOOK_A);
    store.apply({ op: 'add', record: next });
    store.flush();
    expect(JSON.parse(readFileSync(paths(dir).log, 'utf8'))).toMatchObject({
      schemaVersion: 2,
      journalSeq: 1,
    });
    expect(ids(open(dir).store.read().byWebhook[WEBHOOK_A])).toEqual([next.id, old.id]);
  });

  it('writes the log file once changes pause, and at the latest a set time after the first unsaved one', () => {
    // Timers are faked; time comes from the injected clock, moved along with them (Date is left alone).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let elapsed = 0;
      const clock = { now: () => new Date(1_700_000_000_000 + elapsed) };
      const advance = (ms: number) => {
        elapsed += ms;
        vi.advanceTimersByTime(ms);
      };
      const dir = tempDir();
      const { store } = openDeliveryLogStore(dir, clock, { afterPauseMs: 1_000, atLatestMs: 5_000 });
      const seqOnDisk = () => logFile(dir)?.journalSeq ?? 0;

      // A change every 500 ms never pauses long enough, until 5 s after the first one.
      for (let n = 1; n <= 9; n++) {
        store.apply({ op: 'add', record: record(WEBHOOK_A) });
        advance(500);
      }
      expect(seqOnDisk()).toBe(0);
      store.apply({ op: 'add', record: record(WEBHOOK_A) }); // the 10th, at 4.5 s: no later push-back
      advance(999);
      expect(seqOnDisk()).toBe(10);
      expect(journalLines(dir)).toEqual([]);

      // Then a single change is written once things have been quiet for 1 s.
      store.apply({ op: 'add', record: record(WEBHOOK_A) });
      advance(999);
      expect(seqOnDisk()).toBe(10);
      advance(1);
      expect(seqOnDisk()).toBe(11);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a send and a redelivery that went out with their real outcome, and the unsaved log apart', async () => {
    const receiver = closeAfterEach(
      await startReceiver((_request, response) => response.writeHead(202).end('{"queued":true}')),
    );
    const h = await startHarness();
    const { webhook, secret } = await webhookTo(h, receiver.url);
    const original = await h.ok('deliveries.send', { webhookId: webhook.id });
    expect(original.logWarning).toBeUndefined();
    rmSync(paths(h.dir).journal, { force: true });
    mkdirSync(paths(h.dir).journal); // the journal cannot be written: appending to a directory fails (EISDIR)

    const sent = await h.ok('deliveries.send', { webhookId: webhook.id });
    const redelivered = await h.ok('deliveries.redeliver', { deliveryId: original.id });

    expect(receiver.received).toHaveLength(3);
    for (const answer of [sent, redelivered]) {
      expect(answer).toMatchObject({
        outcome: 'success',
        response: { status: 202, body: '{"queued":true}' },
      });
      expect(answer.logWarning).toMatch(
        /^EISDIR: illegal operation on a directory.*\. The latest records are shown, but may be lost when Hookwarden quits\.$/,
      );
      expect(answer.logWarning).not.toContain(secret);
    }
    // The warning belongs to the answer only: the log shows the records without it.
    const shown = await h.ok('deliveries.list', { webhookId: webhook.id });
    expect(shown.map((record) => record.id)).toEqual([redelivered.id, sent.id, original.id]);
    expect(shown.some((record) => 'logWarning' in record)).toBe(false);
  });
  it("a failure of the log that is not a storage failure is the send's own failure, not a warning", async () => {
    const receiver = closeAfterEach(await startReceiver());
    const h = await startHarness();
    const { webhook } = await webhookTo(h, receiver.url);
    const apply = vi.spyOn(h.deliveryLog, 'apply');
    for (const error of [new TypeError('a bug'), new AppError('FORBIDDEN', 'not a storage failure')]) {
      apply.mockImplementationOnce(() => {
        throw error;
      });
      await expect(h.services.deliveries.send({ webhookId: webhook.id })).rejects.toBe(error);
    }
    expect(receiver.received).toHaveLength(2);
  });
});

describe('the log opened at its first use (the app)', () => {
  it('reads nothing at start; the first read opens it, and what opening found goes to onOpened', () => {
    const dir = tempDir();
    writeFileSync(paths(dir).log, '{"schemaVersion":2,');
    const store = openDeliveryLogLazily(dir, fixedClock, { afterPauseMs: NEVER, atLatestMs: NEVER });
    const reported: unknown[] = [];
    store.onOpened((notices) => reported.push(...notices));
    store.flush();
    // Not opened yet: the corrupt file is still where it was, and nothing was said.
    expect(readdirSync(dir)).toEqual(['deliveries.json']);
    expect(reported).toEqual([]);

    expect(store.read()).toEqual({ byWebhook: {} });
    const aside = join(dir, 'deliveries.corrupt-2024-05-06T07-08-09-010Z.json');
    expect(existsSync(aside)).toBe(true);
    expect(reported).toEqual([expect.objectContaining({ kind: 'delivery-log-moved-aside' })]);
    // Opened once: later calls use the same store.
    const added = record(WEBHOOK_A);
    store.apply({ op: 'add', record: added });
    expect(ids(store.read().byWebhook[WEBHOOK_A])).toEqual([added.id]);
    expect(reported).toHaveLength(1);
  });
});

describe('the log opened at its first use: once, then the same store', () => {
  it('opens once however often it is used; flush writes the file; foldHandedOff takes in what the CLI left', () => {
    const dir = tempDir();
    writeFileSync(paths(dir).log, '{"schemaVersion":2,');
    const store = openDeliveryLogLazily(dir, fixedClock, { afterPauseMs: NEVER, atLatestMs: NEVER });
    const reports: unknown[][] = [];
    store.onOpened((notices) => reports.push(notices));
    const added = record(WEBHOOK_A);
    store.apply({ op: 'add', record: added });
    store.read();
    store.foldHandedOff();
    expect(reports).toEqual([[expect.objectContaining({ kind: 'delivery-log-moved-aside' })]]);

    // Written only when asked (the write delay never passes here), then the journal is emptied.
    expect(logFile(dir)).toBeNull();
    store.flush();
    expect(logFile(dir)).toMatchObject({ journalSeq: 1, byWebhook: { [WEBHOOK_A]: [added] } });
    expect(journalLines(dir)).toEqual([]);

    const handedOff = record(WEBHOOK_B);
    openHandOffLogStore(dir, fixedClock).apply({ op: 'add', record: handedOff });
    expect(store.read().byWebhook[WEBHOOK_B]).toBeUndefined();
    store.foldHandedOff();
    expect(ids(store.read().byWebhook[WEBHOOK_B])).toEqual([handedOff.id]);
  });

  it('a log file that cannot be read at all (not a corrupt one) fails to open and stays where it is', () => {
    const dir = tempDir();
    mkdirSync(paths(dir).log);
    expect(() => open(dir)).toThrow(
      `Could not read ${paths(dir).log}: EISDIR: illegal operation on a directory, read`,
    );
    expect(readdirSync(dir)).toEqual(['deliveries.json']);
  });

  it('a log file that cannot be written is warned about, and the journal keeps the changes', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const kept = record(WEBHOOK_A);
    store.apply({ op: 'add', record: kept });
    mkdirSync(paths(dir).log); // renaming the new file over a directory fails
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      store.flush();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(
        '[hookwarden] could not save the delivery log file:',
        expect.stringMatching(/^EISDIR: illegal operation on a directory/),
      );
    } finally {
      warn.mockRestore();
    }
    expect(journalLines(dir)).toHaveLength(1);
    expect(journalLines(dir)[0]).toContain(kept.id);
  });
});

describe('records the command line hands off (deliveries.incoming/)', () => {
  const incoming = (dir: string) => join(dir, 'deliveries.incoming');

  it('the CLI writes one file per change and reads the app’s files without changing them', () => {
    const dir = tempDir();
    const app = open(dir);
    const kept = record(WEBHOOK_A);
    app.store.apply({ op: 'add', record: kept });
    appendFileSync(paths(dir).journal, '{"seq":2,"change":{"op":"add","rec'); // a torn last line
    const journalBefore = readFileSync(paths(dir).journal);

    const cli = openHandOffLogStore(dir, fixedClock);
    expect(ids(cli.read().byWebhook[WEBHOOK_A])).toEqual([kept.id]);
    const sent = record(WEBHOOK_A);
    cli.apply({ op: 'add', record: sent });
    expect(ids(cli.read().byWebhook[WEBHOOK_A])).toEqual([sent.id, kept.id]);
    // The app's files are as they were; the change is a file of its own, named by its time.
    expect(readFileSync(paths(dir).journal)).toEqual(journalBefore);
    expect(logFile(dir)).toBeNull();
    const [file, ...others] = readdirSync(incoming(dir));
    expect(others).toEqual([]);
    expect(file).toMatch(/^001714979289010-[0-9a-f-]{36}\.json$/);
    expect(JSON.parse(readFileSync(join(incoming(dir), file as string), 'utf8'))).toEqual({
      op: 'add',
      record: sent,
    });
    // Another CLI run sees it too.
    expect(ids(openHandOffLogStore(dir, fixedClock).read().byWebhook[WEBHOOK_A])).toEqual([sent.id, kept.id]);
  });

  it('the app folds them into its journaled log and then removes them; one folded twice is there once', () => {
    const dir = tempDir();
    const first = record(WEBHOOK_A);
    const second = record(WEBHOOK_B);
    const cli = openHandOffLogStore(dir, fixedClock);
    cli.apply({ op: 'add', record: first });
    const [firstFile] = readdirSync(incoming(dir));
    const firstText = readFileSync(join(incoming(dir), firstFile as string));
    cli.apply({ op: 'add', record: second });

    const app = open(dir);
    expect(ids(app.store.read().byWebhook[WEBHOOK_A])).toEqual([first.id]);
    expect(ids(app.store.read().byWebhook[WEBHOOK_B])).toEqual([second.id]);
    expect(readdirSync(incoming(dir))).toEqual([]);
    expect(journalLines(dir)).toHaveLength(2);

    // The app died after journaling a change and before removing its file. The command line, reading then,
    // sees the record once; the app's next fold removes the file without journaling it again.
    writeFileSync(join(incoming(dir), firstFile as string), firstText);
    expect(ids(openHandOffLogStore(dir, fixedClock).read().byWebhook[WEBHOOK_A])).toEqual([first.id]);
    expect(app.store.foldHandedOff()).toEqual([]);
    expect(ids(app.store.read().byWebhook[WEBHOOK_A])).toEqual([first.id]);
    expect(readdirSync(incoming(dir))).toEqual([]);
    expect(journalLines(dir)).toHaveLength(2);
  });

  it('files that are not a change are set aside once, with a warning, and the others are folded', () => {
    const dir = tempDir();
    const good = record(WEBHOOK_A);
    openHandOffLogStore(dir, fixedClock).apply({ op: 'add', record: good });
    const wrongShape = join(incoming(dir), '000000000000001-bad.json');
    writeFileSync(wrongShape, '{"op":"rename"}');
    writeFileSync(join(incoming(dir), '000000000000002-torn.json'), '{"op":"ad');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const app = open(dir);
      expect(ids(app.store.read().byWebhook[WEBHOOK_A])).toEqual([good.id]);
      expect(warn).toHaveBeenCalledWith(
        `[hookwarden] ${wrongShape} is not a delivery log change; it was set aside.`,
      );
      // Set aside once: the next fold leaves them be.
      expect(app.store.foldHandedOff()).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect(readdirSync(incoming(dir)).sort()).toEqual([
      '000000000000001-bad.json.rejected',
      '000000000000002-torn.json.rejected',
    ]);
  });

  it('changes are folded in the order they were made (their names)', () => {
    const dir = tempDir();
    const added = record(WEBHOOK_A);
    mkdirSync(incoming(dir));
    // Made first: the logs of webhook A removed; then a new record of it.
    writeFileSync(
      join(incoming(dir), '000000000000009-b.json'),
      JSON.stringify({ op: 'add', record: added }),
    );
    writeFileSync(
      join(incoming(dir), '000000000000001-z.json'),
      JSON.stringify({ op: 'remove', webhookIds: [WEBHOOK_A] }),
    );
    expect(ids(openHandOffLogStore(dir, fixedClock).read().byWebhook[WEBHOOK_A])).toEqual([added.id]);
    expect(ids(open(dir).store.read().byWebhook[WEBHOOK_A])).toEqual([added.id]);
  });

  it('the CLI reads a corrupt log file as empty without touching it, and says when it cannot hand a change off', () => {
    const dir = tempDir();
    writeFileSync(paths(dir).log, '{"schemaVersion":');
    const cli = openHandOffLogStore(dir, fixedClock);
    expect(cli.read()).toEqual({ byWebhook: {} });
    expect(readFileSync(paths(dir).log, 'utf8')).toBe('{"schemaVersion":');
    writeFileSync(incoming(dir), 'a file where the folder should be');
    expect(() => cli.apply({ op: 'add', record: record(WEBHOOK_A) })).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: expect.stringMatching(/^Could not save the delivery record: E[A-Z]+/),
      }),
    );
  });
});

describe('handed-off changes, each folded once', () => {
  const incoming = (dir: string) => join(dir, 'deliveries.incoming');
  const handOff = (dir: string, name: string, change: unknown) => {
    mkdirSync(incoming(dir), { recursive: true });
    writeFileSync(join(incoming(dir), name), JSON.stringify(change));
  };

  it('a handed-off removal is applied, also when the log already holds records of that webhook', () => {
    const dir = tempDir();
    const app = open(dir);
    app.store.apply({ op: 'add', record: record(WEBHOOK_A) });
    const kept = record(WEBHOOK_B);
    app.store.apply({ op: 'add', record: kept });
    handOff(dir, '000000000000001-r.json', { op: 'remove', webhookIds: [WEBHOOK_A] });

    expect(openHandOffLogStore(dir, fixedClock).read().byWebhook[WEBHOOK_A]).toBeUndefined();
    app.store.foldHandedOff();
    expect(app.store.read().byWebhook[WEBHOOK_A]).toBeUndefined();
    expect(ids(app.store.read().byWebhook[WEBHOOK_B])).toEqual([kept.id]);
  });

  it('a record seen again is folded once, also beside other records of its webhook', () => {
    const dir = tempDir();
    const app = open(dir);
    const first = record(WEBHOOK_A);
    const second = record(WEBHOOK_A);
    app.store.apply({ op: 'add', record: first });
    app.store.apply({ op: 'add', record: second });
    // The app died after journaling this hand-off and before removing its file.
    handOff(dir, '000000000000001-again.json', { op: 'add', record: first });

    expect(ids(openHandOffLogStore(dir, fixedClock).read().byWebhook[WEBHOOK_A])).toEqual([
      second.id,
      first.id,
    ]);
    app.store.foldHandedOff();
    expect(ids(app.store.read().byWebhook[WEBHOOK_A])).toEqual([second.id, first.id]);
    expect(readdirSync(incoming(dir))).toEqual([]);
  });
});

describe('the journal on its own', () => {
  it('a missing journal has no entries; a torn last line is cut off the file and the rest read in order', () => {
    const dir = tempDir();
    const journal = openJournal(paths(dir).journal);
    const noAside = () => join(dir, 'unused');
    expect(journal.recover(noAside)).toEqual({ entries: [], setAside: null });

    const first = { seq: 1, change: { op: 'add' as const, record: record(WEBHOOK_A) } };
    const second = { seq: 2, change: { op: 'remove' as const, webhookIds: [WEBHOOK_B] } };
    journal.append(first);
    journal.append(second);
    const whole = readFileSync(paths(dir).journal);
    appendFileSync(paths(dir).journal, '{"seq":3,"change":{"op":"remo');
    expect(journal.recover(noAside)).toEqual({ entries: [first, second], setAside: null });
    expect(readFileSync(paths(dir).journal)).toEqual(whole);
    expect(existsSync(noAside())).toBe(false);
  });

  it("names the first bad line and why, in the line's own words", () => {
    const dir = tempDir();
    const journal = openJournal(paths(dir).journal);
    const good = { seq: 1, change: { op: 'remove' as const, webhookIds: [WEBHOOK_A] } };
    journal.append(good);
    appendFileSync(paths(dir).journal, 'nonsense\n{"seq":0,"change":{"op":"remove","webhookIds":[]}}\n');
    const aside = join(dir, 'aside.jsonl');
    expect(journal.recover(() => aside)).toEqual({
      entries: [good],
      setAside: {
        count: 2,
        path: aside,
        firstProblem: 'line 2 is not valid JSON: Unexpected token \'o\', "nonsense" is not valid JSON',
      },
    });
  });

  it('names a line that is JSON but not an entry at all as the entry', () => {
    const dir = tempDir();
    const journal = openJournal(paths(dir).journal);
    appendFileSync(paths(dir).journal, '42\n');
    const aside = join(dir, 'aside.jsonl');
    expect(journal.recover(() => aside)).toEqual({
      entries: [],
      setAside: {
        count: 1,
        path: aside,
        firstProblem: 'line 1: entry: Invalid input: expected object, received number',
      },
    });
  });

  it("replays only the entries after the snapshot's sequence number", () => {
    // The app died after writing the log file (which includes seq 1 and 2) and before emptying the journal.
    const [old, kept, added] = [record(WEBHOOK_A), record(WEBHOOK_A), record(WEBHOOK_A)];
    const snapshot = { data: { byWebhook: { [WEBHOOK_A]: [kept, old] } }, journalSeq: 2 };
    const entries = [
      { seq: 1, change: { op: 'remove' as const, webhookIds: [WEBHOOK_B] } },
      { seq: 2, change: { op: 'add' as const, record: kept } },
      { seq: 3, change: { op: 'add' as const, record: added } },
    ];
    expect(replay(snapshot, entries)).toEqual({
      data: { byWebhook: { [WEBHOOK_A]: [added, kept, old] } },
      journalSeq: 3,
      savedSeq: 2,
    });
  });
});

describe('a journal with one bad line', () => {
  it('says "1 line" and why that line cannot be used', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const kept = record(WEBHOOK_A);
    store.apply({ op: 'add', record: kept });
    appendFileSync(paths(dir).journal, '{"seq":2,"change":{"op":"rename"}}\n');
    const reopened = openDeliveryLogStore(dir, fixedClock, { afterPauseMs: NEVER, atLatestMs: NEVER });
    expect(ids(reopened.store.read().byWebhook[WEBHOOK_A])).toEqual([kept.id]);
    const aside = join(dir, 'deliveries.journal.rejected-2024-05-06T07-08-09-010Z.jsonl');
    expect(reopened.notices).toEqual([
      {
        kind: 'delivery-log-lines-set-aside',
        message: `1 line of the delivery log's journal could not be read (line 2: change.op: Invalid discriminator value. Expected 'add' | 'remove'). They were set aside in ${aside}; the other records were kept.`,
      },
    ]);
  });
});
