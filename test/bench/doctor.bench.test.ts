/**
 * The signature doctor's budget: ≤ 20 ms for a 64 KiB body with 20 secrets to try, in the worst case, where
 * nothing matches so every rule runs (a JSON body with both line endings, non-ASCII text and a trailing
 * newline, so every body rule applies; secrets with whitespace and quotes, so the secret rules do too).
 */
import { loadavg } from 'node:os';
import { expect, it } from 'vitest';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import { diagnose } from '../../src/main/doctor/doctor';
import type { DoctorCandidate } from '../../src/main/doctor/types';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { median, ms, percentile, report } from './measure';

const TARGET_MS = 20;
const NOW = new Date('2026-11-28T12:00:00.000Z');

function worstCaseBody(): Buffer {
  const items = [];
  let text = '';
  while (text.length < 60 * 1024) {
    items.push({ id: items.length, name: `Zoë's item ${items.length}`, tags: ['a', 'b'], ok: true });
    text = JSON.stringify({ type: 'invoice.paid', items }, null, 2);
  }
  // Half the line endings CRLF, so both CRLF→LF and LF→CRLF apply; padded to 64 KiB with a final newline.
  const mixed = text.replace(/\n/g, (newline, at: number) => (at % 2 ? '\r\n' : newline));
  const body = Buffer.alloc(64 * 1024, ' ');
  body.write(mixed);
  body.write('\n', body.length - 1);
  return body;
}

function candidates(count: number, others: number): DoctorCandidate[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = generateSecret();
    const candidate = {
      label: `secret ${i}`,
      secret: [`${secret}\n`, `"${secret}"`, secret][i % 3] as string,
    };
    return i < count - others ? candidate : { ...candidate, webhookName: `webhook ${i}` };
  });
}

/** Wall-clock and CPU milliseconds of each run: on a shared, loaded machine the CPU time is the steadier figure. */
function timed(times: number, task: () => unknown): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    task();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

it('diagnoses a 64 KiB body against 20 secrets, nothing matching (median of 50)', () => {
  const body = worstCaseBody();
  const headers = signatureHeaders({
    scheme: 'standard-webhooks',
    secrets: [generateSecret(), generateSecret()],
    body,
    messageId: 'msg_bench',
    timestamp: unixSeconds(NOW),
  });
  const cases = [
    { name: 'all 20 secrets checked with every rule', candidates: candidates(20, 0) },
    {
      name: "a webhook's 3 secrets with every rule + 17 other webhooks' secrets",
      candidates: candidates(20, 17),
    },
  ];
  const rows = cases.map(({ name, candidates: list }) => {
    const input = { headers, body, candidates: list, receivedAt: NOW };
    const first = diagnose(input);
    expect(first.verdict.valid).toBe(false);
    expect(first.tried.filter((rule) => rule.startsWith('body-')).length).toBeGreaterThanOrEqual(10);
    timed(10, () => diagnose(input)); // warm-up
    const { wall, cpu } = timed(50, () => diagnose(input));
    return {
      case: name,
      median_ms: ms(median(wall)),
      p95_ms: ms(percentile(wall, 95)),
      cpu_median_ms: ms(median(cpu)),
      rules_tried: first.tried.length,
    };
  });
  report(
    `Signature doctor, 64 KiB body, 20 secrets, nothing matches (target ≤ ${TARGET_MS} ms; load average ${loadavg()[0]?.toFixed(1)})`,
    rows,
  );
});
