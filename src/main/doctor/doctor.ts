/**
 * The signature doctor: why a receiver would reject a signed request. It reads the headers, checks the
 * timestamp, then tries the request's signature against each candidate secret, first exactly and then
 * rule by rule, each rule undoing one common mistake; the first rule that makes it match explains it.
 * Pure and synchronous: no I/O, and secrets appear in the answer only by their labels.
 */
import type { SignatureScheme } from '../../shared/domain';
import { BODY_RULES, ReceivedBody } from './bodies';
import { explanation, type Explanation } from './explanation';
import {
  detectScheme,
  headerRulesFor,
  Headers,
  noSignatureHeader,
  readSignatureHeader,
  type SignedParts,
} from './headers';
import {
  apiKeyInsteadOfSecret,
  invalidBase64,
  isInvalidBase64,
  KEY_RULES,
  looksLikeApiKey,
  trailingWhitespace,
  schemeKey,
  type Key,
} from './keys';
import { ENCODING_RULES, strictSignature } from './signatures';
import { DEFAULT_TOLERANCE_SECONDS } from '../../shared/doctor';
import { checkTimestamp } from './time';
import type { DoctorCandidate, DoctorInput, DoctorMatch, DoctorReport, SchemeDetection } from './types';
import { Verifier } from './verifier';

const TIME_RULES = ['time-unparsable', 'time-milliseconds', 'time-too-old', 'time-in-future'];

interface Attempt {
  candidate: DoctorCandidate;
  key: Key;
  body: Buffer;
  transformations: string[];
}

/** One matching rule: what it tries, against which reading of the signatures, and what a match means. */
interface MatchRule {
  id: string;
  attempts(): Attempt[];
  signatures: readonly (Buffer | null)[];
  /** null: a match is no mistake (the exact rule). */
  explain(candidate: DoctorCandidate): Explanation | null;
}

interface Hit {
  candidate: DoctorCandidate;
  explanation: Explanation | null;
  match: DoctorMatch;
}

export function diagnose(input: DoctorInput): DoctorReport {
  const headers = new Headers(input.headers);
  const { scheme, detection } = detectScheme(headers, input.scheme);
  if (scheme === null) return stopped(null, detection, ['header-missing'], noSignatureHeader(headers));
  const tried = headerRulesFor(scheme);
  const reading = readSignatureHeader(scheme, headers);
  if ('stop' in reading) {
    // The header rules after the one that stopped it never ran.
    const ran = tried.slice(0, tried.indexOf(reading.stop.finding.rule) + 1);
    return stopped(scheme, detection, ran, reading.stop);
  }

  const { parts } = reading;
  const problems: Explanation[] = reading.problem ? [reading.problem] : [];
  if (parts.timestamp !== undefined) {
    tried.push(...TIME_RULES);
    const late = checkTimestamp(
      parts.timestamp,
      input.receivedAt,
      input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    );
    if (late) problems.push(late);
  }

  // The secrets checked; another webhook's secret only names the webhook a request was signed for.
  const checked = input.candidates.filter((candidate) => candidate.webhookName === undefined);
  const others = input.candidates.filter((candidate) => candidate.webhookName !== undefined);
  const apiKey = checked.find((candidate) => looksLikeApiKey(candidate.secret));
  const verifier = new Verifier(parts.signedPrefix);
  const rules = matchRules(scheme, parts, input.body, checked, others);
  let hit = firstHit(rules.exact, verifier, tried);
  if (!hit) {
    // An API key explains the failure by itself: nothing derived from it can match.
    tried.push('secret-api-key');
    if (apiKey) return report(scheme, detection, tried, problems, null, [apiKeyInsteadOfSecret(apiKey)]);
    hit = firstHit(rules.mistakes, verifier, tried);
  }

  const findings = hit ? matchFindings(hit, parts.tokens.length) : noMatchFindings(scheme, input.candidates);
  return report(scheme, detection, tried, problems, hit, findings);
}

/** What the match means (nothing, for an exact one), then notes on it. */
function matchFindings(hit: Hit, signatureCount: number): Explanation[] {
  const findings = hit.explanation ? [hit.explanation] : [];
  if (!hit.explanation && hit.candidate.secret !== hit.candidate.secret.trimEnd()) {
    findings.push(trailingWhitespace(hit.candidate));
  }
  if (signatureCount > 1) findings.push(multipleSignatures(signatureCount, hit.match));
  return findings;
}

/** Nothing matched; and a checked secret that isn't valid base64 may be why. */
function noMatchFindings(scheme: SignatureScheme, candidates: readonly DoctorCandidate[]): Explanation[] {
  const invalid = candidates.filter(
    (candidate) => candidate.webhookName === undefined && isInvalidBase64(scheme, candidate.secret.trim()),
  );
  return [noMatch(candidates), ...invalid.map((candidate) => invalidBase64(candidate, false))];
}

/**
 * The matching rules in the order they are tried, the likeliest and cheapest first: `exact` (the signature
 * as sent, then read in other encodings), then the secret and body mistakes.
 */
function matchRules(
  scheme: SignatureScheme,
  parts: SignedParts,
  body: Buffer,
  checked: readonly DoctorCandidate[],
  others: readonly DoctorCandidate[],
): { exact: MatchRule[]; mistakes: MatchRule[] } {
  const strict = parts.tokens.map((token) => strictSignature(scheme, token));
  const received = new ReceivedBody(body);
  // One key object per candidate, so the verifier reuses its HMACs across rules.
  const canonical = withKeys(scheme, checked);
  const asIs = (transformations: string[] = [], signed = body) =>
    canonical.map(({ candidate, key }) => ({ candidate, key, body: signed, transformations }));
  const triedBodies: Buffer[] = [body];

  const exact: MatchRule[] = [
    { id: 'signature-exact', attempts: () => asIs(), signatures: strict, explain: () => null },
    ...ENCODING_RULES.map((rule) => ({
      id: rule.id,
      attempts: () => asIs([rule.label]),
      signatures: parts.tokens.map((token) => rule.read(scheme, token)),
      explain: () => rule.explain(scheme),
    })),
  ];
  const mistakes: MatchRule[] = [
    {
      id: 'secret-other-webhook',
      attempts: () =>
        withKeys(scheme, others).map(({ candidate, key }) => ({
          candidate,
          key,
          body,
          transformations: [`secret of webhook ${candidate.webhookName}`],
        })),
      signatures: strict,
      explain: otherWebhook,
    },
    ...KEY_RULES.map((rule) => ({
      id: rule.id,
      attempts: () =>
        checked.flatMap((candidate) =>
          rule
            .keys(scheme, candidate.secret)
            .map(({ key, label }) => ({ candidate, key, body, transformations: [label] })),
        ),
      signatures: strict,
      explain: (candidate: DoctorCandidate) => rule.explain(scheme, candidate),
    })),
    ...BODY_RULES.map((rule) => ({
      id: rule.id,
      attempts: () =>
        rule.variants(received).flatMap((variant) => {
          // Two mistakes can lead to the same bytes (compact JSON that was already sorted): try them once.
          if (triedBodies.some((seen) => seen.equals(variant.body))) return [];
          triedBodies.push(variant.body);
          return asIs([variant.label], variant.body);
        }),
      signatures: strict,
      explain: () => rule.explanation,
    })),
  ];
  return { exact, mistakes };
}

function withKeys(scheme: SignatureScheme, candidates: readonly DoctorCandidate[]) {
  return candidates.flatMap((candidate) => {
    const key = schemeKey(scheme, candidate.secret);
    return key === null ? [] : [{ candidate, key }];
  });
}

/** The first match of the first rule that matches; a rule with nothing to try is not counted as tried. */
function firstHit(rules: readonly MatchRule[], verifier: Verifier, tried: string[]): Hit | null {
  for (const rule of rules) {
    if (rule.signatures.every((signature) => signature === null)) continue;
    const attempts = rule.attempts();
    if (attempts.length === 0) continue;
    tried.push(rule.id);
    for (const { candidate, key, body, transformations } of attempts) {
      const index = verifier.matchIndex(key, body, rule.signatures);
      if (index === 0) continue;
      const several = rule.signatures.length > 1 ? { signatureIndex: index } : {};
      return {
        candidate,
        explanation: rule.explain(candidate),
        match: { candidate: candidate.label, ...several, transformations },
      };
    }
  }
  return null;
}

function report(
  scheme: SignatureScheme,
  detection: SchemeDetection,
  tried: string[],
  problems: Explanation[],
  hit: Hit | null,
  findings: Explanation[],
): DoctorReport {
  const valid = hit !== null && hit.explanation === null && problems.length === 0;
  const reasons = problems.map((problem) => problem.summary);
  if (hit) reasons.push(hit.explanation?.summary ?? `the signature itself matches ${hit.match.candidate}`);
  else if (findings[0]) reasons.push(findings[0].summary);
  return {
    verdict: {
      valid,
      summary: valid ? `Valid — signed with ${hit.match.candidate}` : `Invalid — ${reasons.join('; ')}`,
    },
    scheme,
    detection,
    findings: [...problems, ...findings].map((item) => item.finding),
    tried,
    ...(hit && { matched: hit.match }),
  };
}

function stopped(
  scheme: SignatureScheme | null,
  detection: SchemeDetection,
  tried: string[],
  reason: Explanation,
): DoctorReport {
  return {
    verdict: { valid: false, summary: `Invalid — ${reason.summary}` },
    scheme,
    detection,
    findings: [reason.finding],
    tried,
  };
}

function otherWebhook(candidate: DoctorCandidate): Explanation {
  return explanation(
    'secret-other-webhook',
    `signed with the secret of another webhook (${candidate.webhookName})`,
    {
      title: `Signed with the secret of ${candidate.webhookName}`,
      detail: `The signature matches ${candidate.label}, which belongs to the webhook ${candidate.webhookName}, not the one checked: the receiver holds one webhook's secret and the sender signs with another's.`,
      fix: `Give the receiver the secret of the webhook that sends to it, or point ${candidate.webhookName} at the receiver it was meant for.`,
    },
  );
}

function multipleSignatures(count: number, match: DoctorMatch): Explanation {
  return explanation('multiple-signatures', `signature ${match.signatureIndex} of ${count} matched`, {
    title: `${count} signatures listed; signature ${match.signatureIndex} matched`,
    detail: `The header lists ${count} signatures (during a secret rotation the sender signs with the old and the new secret); signature ${match.signatureIndex} matched ${match.candidate}.`,
    fix: 'Accept the request when any listed signature matches (the official libraries do); comparing only the first one breaks during rotations.',
  });
}

function noMatch(candidates: readonly DoctorCandidate[]): Explanation {
  return explanation('signature-no-match', 'no secret tried matches the signature', {
    title: 'No secret tried matches the signature',
    detail:
      candidates.length === 0
        ? 'No secret was given to try.'
        : `Neither as given nor after any of the rules tried does the signature match ${candidates.map((c) => c.label).join(', ')}.`,
    fix: 'Check which secret the sender signs with (was it regenerated or rotated?), and that the body checked is exactly the bytes it sent.',
  });
}
