/** What the signature doctor takes and what it answers. Secrets go in; only their labels come out. */
import type { SignatureScheme } from '../../shared/domain';

export type { DoctorMatch, DoctorReport, Finding, SchemeDetection } from '../../shared/doctor';

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
