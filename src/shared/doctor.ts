/** What the signature doctor answers, shared by main and the UI: secrets appear only by their labels. */
import type { SignatureScheme } from './domain';

/** How old (or how far ahead) a signed timestamp may be by default, as the providers' own libraries allow. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** The largest tolerance the doctor takes: a day. */
export const MAX_TOLERANCE_SECONDS = 24 * 60 * 60;

/** The longest request the doctor page takes: a 64 KiB body base64-wrapped, with room for headers. */
export const DOCTOR_REQUEST_MAX_CHARS = 256 * 1024;

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

/** The doctor's report, and what the receiver must do when Hookwarden's own delivery was signed correctly. */
export interface Diagnosis {
  report: DoctorReport;
  advice: string[];
}
