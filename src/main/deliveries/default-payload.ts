/**
 * The built-in test payload: a document-AI async prediction callback, as an invoice-parsing API sends
 * it when a job completes. Every call makes fresh ids and timestamps.
 */
import { randomInt, randomUUID } from 'node:crypto';

export interface PayloadContext {
  apiName: string;
  version: string;
  now: Date;
}

const field = (value: string | number, confidence: number) => ({ value, confidence });

// Stryker disable StringLiteral,ObjectLiteral,ArrayDeclaration: sample values, no behaviour (shape and timing are tested)
function invoicePrediction() {
  return {
    invoice_number: field(`INV-${randomInt(10_000, 99_999)}`, 0.99),
    date: field('2026-11-02', 0.98),
    due_date: field('2026-12-02', 0.95),
    supplier_name: field('Acme Office Supplies', 0.97),
    customer_name: field('Globex Corporation', 0.96),
    currency: field('EUR', 0.99),
    total_net: field(1180.0, 0.98),
    total_tax: field(236.0, 0.97),
    total_amount: field(1416.0, 0.99),
    line_items: [
      { description: 'Ergonomic office chair', quantity: 4, unit_price: 245.0, total_amount: 980.0 },
      { description: 'Desk lamp', quantity: 5, unit_price: 40.0, total_amount: 200.0 },
    ],
  };
}

// Stryker restore StringLiteral,ObjectLiteral,ArrayDeclaration

export function defaultPayload({ apiName, version, now }: PayloadContext): Record<string, unknown> {
  const processingMs = randomInt(800, 4_000);
  const finished = new Date(now.getTime() - randomInt(50, 500));
  const started = new Date(finished.getTime() - processingMs);
  const issued = new Date(started.getTime() - randomInt(100, 2_000));
  const prediction = invoicePrediction();
  return {
    document: {
      id: randomUUID(),
      name: `invoice-${randomInt(1_000, 9_999)}.pdf`,
      n_pages: 1,
      inference: {
        product: { name: apiName, version },
        prediction,
        pages: [{ id: 0, orientation: { value: 0 }, prediction }],
        started_at: started.toISOString(),
        finished_at: finished.toISOString(),
        processing_time: processingMs / 1000,
      },
    },
    job: {
      id: randomUUID(),
      issued_at: issued.toISOString(),
      available_at: finished.toISOString(),
      status: 'completed',
      error: {},
    },
  };
}
