/** How a delivery's outcome reads: "200 OK" for a response, the failure's kind in plain words otherwise. */
import type { Delivery, DeliveryFailure } from '../../../../shared/delivery';

/** The failure kinds in plain words (the Deliveries region and each row's last-delivery chip). */
export const KIND_LABELS: Record<DeliveryFailure['kind'], string> = {
  dns: 'DNS not found',
  refused: 'Connection refused',
  reset: 'Connection reset',
  tls: 'TLS error',
  timeout: 'Timeout',
  redirect: 'Redirect',
  'http-status': 'Non-2xx',
  network: 'Network error',
};

/** The chip's text: the HTTP status when one came back, else the failure kind. */
export function chipLabel(record: Delivery): string {
  if (record.response) return String(record.response.status);
  return record.error ? KIND_LABELS[record.error.kind] : 'No response';
}

/** A short sentence-free summary: "200 OK", "302 Found (redirect not followed)", "Connection refused". */
export function outcomeLabel(record: Delivery): string {
  const { response, error } = record;
  if (response) {
    const status = `${response.status} ${response.statusText}`.trim();
    return error?.kind === 'redirect' ? `${status} (redirect not followed)` : status;
  }
  return error ? KIND_LABELS[error.kind] : 'No response';
}

/** What the user reads about a delivery that went out although its record could not be saved in the log. */
export function logWarningText(warning: string): string {
  return `Sent, but the delivery log could not be saved: ${warning}`;
}

/** Pretty-printed JSON when the text is JSON, the text as it is otherwise. */
export function prettyBody(text: string): string {
  if (text.trim() === '') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
