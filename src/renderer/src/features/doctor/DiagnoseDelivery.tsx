import { Stethoscope } from 'lucide-react';
import { useState } from 'react';
import type { Delivery } from '../../../../shared/delivery';
import { useDoctor } from '../../stores/doctor';
import { buttonClass } from '../common/button';
import { FormDialog } from '../common/FormDialog';
import { closeDeliveryDiagnosis, diagnoseDelivery } from './actions';
import { DiagnosisView } from './DiagnosisView';
import styles from './Doctor.module.css';

/** The answers that say the receiver refused the request (a signature it would not accept, typically). */
const REFUSED = new Set([400, 401, 403]);

export const offersDiagnosis = (record: Delivery): boolean =>
  record.response !== null && REFUSED.has(record.response.status);

/** The dialog's content: the diagnosis on its way, failed, or shown with what the receiver must do. */
function DeliveryDiagnosis({ deliveryId }: { deliveryId: string }) {
  const state = useDoctor((s) => (s.delivery?.deliveryId === deliveryId ? s.delivery : null));
  if (!state || state.status === 'loading') return <p className={styles.checking}>Checking the signature…</p>;
  if (state.status === 'error')
    return (
      <p className={styles.verdictError} role="alert">
        The signature could not be checked: {state.error}
      </p>
    );
  return <DiagnosisView diagnosis={state.diagnosis} level={3} />;
}

/**
 * "Diagnose" on a delivery the receiver refused (400, 401, 403): the doctor checks the request exactly as the
 * app sent it against the webhook's secrets, and the dialog says whether it was signed correctly and what the
 * receiver must do.
 */
export function DiagnoseDelivery({ record }: { record: Delivery }) {
  const [open, setOpen] = useState(false);
  if (!offersDiagnosis(record)) return null;
  const answer = `${record.response?.status ?? ''} ${record.response?.statusText ?? ''}`.trim();
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void diagnoseDelivery(record.id);
        else closeDeliveryDiagnosis();
      }}
      title={`Why the receiver answered ${answer}`}
      description="The request exactly as Hookwarden sent it, checked against this webhook's secrets."
      wide
      trigger={
        <button
          type="button"
          className={buttonClass('plain', 'small')}
          title="Check this request's signature against the webhook's secrets and say what the receiver must do"
        >
          <Stethoscope aria-hidden size={14} />
          Diagnose
        </button>
      }
    >
      <DeliveryDiagnosis deliveryId={record.id} />
    </FormDialog>
  );
}
