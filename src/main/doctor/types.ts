/** What the signature doctor takes and what it answers. Secrets go in; only their labels come out. */
import type { SignatureScheme } from '../../shared/domain';

export interface DoctorCandidate {
  /** How the answer names this secret, e.g. "the current secret of Invoices v4 (https://…)". */
  label: string;
  secret: string;
  /**
   * Set for a secret of another webhook of the profile: it is tried only to name the webhook the request
   * was really signed for (rule secret-other-webhook), never to call the request valid.
   */
  webhookName?: string;
}

export interface DoctorInput {
  /** As received, names in any case. */
  headers: Record<string, string>;
  /** The raw body bytes. */
  body: Buffer;
  candidates: readonly DoctorCandidate[];
  /** Else detected from the headers. */
  scheme?: SignatureScheme;
  receivedAt: Date;
  /** How old (or how far ahead) a signed timestamp may be; 300 s when not given. */
  toleranceSeconds?: number;
}

export interface Finding {
  /** A stable id: the rule that found it. */
  rule: string;
  title: string;
  detail: string;
  fix: string;
}

export type SchemeDetection = { how: 'chosen' } | { how: 'header'; header: string } | { how: 'none' };

export interface DoctorMatch {
  /** The matching candidate's label. */
  candidate: string;
  /** 1-based, when the header listed several signatures. */
  signatureIndex?: number;
  /** What the doctor changed to make the signature match, e.g. "body CRLF→LF"; empty for an exact match. */
  transformations: string[];
}

export interface DoctorReport {
  verdict: { valid: boolean; summary: string };
  scheme: SignatureScheme | null;
  detection: SchemeDetection;
  /**
   * In order: problems that fail the request whatever the HMAC (a renamed header, the timestamp), then what
   * explains the signature (the matching rule, or why nothing matched), then notes (several signatures
   * listed, a secret that isn't valid base64).
   */
  findings: Finding[];
  /** The rules tried, in order (those that did not apply to this request are left out). */
  tried: string[];
  matched?: DoctorMatch;
}
