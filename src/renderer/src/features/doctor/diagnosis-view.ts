/** How a diagnosis reads: the evidence behind a match, in a line. */
import type { DoctorReport } from '../../../../shared/doctor';

/**
 * "Matched after: body CRLF→LF; key = full whsec_ string (the secret you pasted)"; "Matched exactly as sent
 * (the current secret of Invoices v4 (…), signature 2 of those listed)"; null when nothing matched.
 */
export function evidenceText({ matched }: Pick<DoctorReport, 'matched'>): string | null {
  if (!matched) return null;
  const which = [
    matched.candidate,
    ...(matched.signatureIndex === undefined ? [] : [`signature ${matched.signatureIndex} of those listed`]),
  ].join(', ');
  const how =
    matched.transformations.length === 0
      ? 'Matched exactly as sent'
      : `Matched after: ${matched.transformations.join('; ')}`;
  return `${how} (${which})`;
}
