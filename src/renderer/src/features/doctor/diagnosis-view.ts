/** How a diagnosis reads: the evidence behind a match. */
import type { DoctorMatch } from '../../../../shared/doctor';

/** "Matched after: body CRLF→LF; key = full whsec_ string", or "Matched exactly as sent". */
export function matchedHow({ transformations }: DoctorMatch): string {
  return transformations.length === 0
    ? 'Matched exactly as sent'
    : `Matched after: ${transformations.join('; ')}`;
}

/** "the current secret of Invoices v4 (…)", and which signature when the header listed several. */
export function matchedWith({ candidate, signatureIndex }: DoctorMatch): string {
  return signatureIndex === undefined
    ? candidate
    : `${candidate} (signature ${signatureIndex} of those listed)`;
}
