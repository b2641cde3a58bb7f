/**
 * The built-in test payload on its own, at a fixed "now": its timestamps tell one consistent story (issued,
 * then started, then finished just before now; processing time is finished − started), and its ids are fresh.
 */
import { describe, expect, it } from 'vitest';
import { defaultPayload } from '../../src/main/deliveries/default-payload';

const now = new Date('2026-03-01T09:00:00.000Z');

interface Payload {
  document: {
    id: string;
    name: string;
    n_pages: number;
    inference: {
      product: { name: string; version: string };
      prediction: { invoice_number: { value: string; confidence: number } };
      pages: { id: number; orientation: { value: number }; prediction: unknown }[];
      started_at: string;
      finished_at: string;
      processing_time: number;
    };
  };
  job: { id: string; issued_at: string; available_at: string; status: string; error: object };
}

describe('the default test payload', () => {
  it('tells one consistent story in time, ending just before now', () => {
    for (let run = 0; run < 50; run++) {
      const { document, job } = defaultPayload({
        apiName: 'Invoices',
        version: 'v4',
        now,
      }) as unknown as Payload;
      const started = Date.parse(document.inference.started_at);
      const finished = Date.parse(document.inference.finished_at);
      const issued = Date.parse(job.issued_at);
      expect(now.getTime() - finished).toBeGreaterThanOrEqual(50);
      expect(now.getTime() - finished).toBeLessThan(500);
      expect(finished - started).toBeGreaterThanOrEqual(800);
      expect(finished - started).toBeLessThan(4_000);
      expect(document.inference.processing_time).toBe((finished - started) / 1000);
      expect(started - issued).toBeGreaterThanOrEqual(100);
      expect(started - issued).toBeLessThan(2_000);
      expect(job.available_at).toBe(document.inference.finished_at);
    }
  });

  it('names the API and version, has one page with the same prediction, and a completed job', () => {
    const { document, job } = defaultPayload({
      apiName: 'Receipts',
      version: 'v2',
      now,
    }) as unknown as Payload;
    expect(document.inference.product).toEqual({ name: 'Receipts', version: 'v2' });
    expect(document.n_pages).toBe(1);
    expect(document.inference.pages).toEqual([
      { id: 0, orientation: { value: 0 }, prediction: document.inference.prediction },
    ]);
    expect(document.name).toMatch(/^invoice-\d{4}\.pdf$/);
    expect(document.inference.prediction.invoice_number.value).toMatch(/^INV-\d{5}$/);
    expect(job.status).toBe('completed');
    expect(job.error).toEqual({});
  });

  it('makes fresh ids on every call', () => {
    const payloads = Array.from(
      { length: 3 },
      () => defaultPayload({ apiName: 'Invoices', version: 'v4', now }) as unknown as Payload,
    );
    for (const ids of [payloads.map((p) => p.document.id), payloads.map((p) => p.job.id)]) {
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
