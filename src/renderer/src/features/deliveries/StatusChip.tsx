import { CircleCheck, CircleX } from 'lucide-react';
import type { Delivery } from '../../../../shared/delivery';
import { chipLabel } from './outcome';
import { cx } from '../../lib/cx';
import chip from '../common/chip.module.css';
import styles from './StatusChip.module.css';

/** Green for a 2xx, red for anything else; the text says which (never colour alone). */
export function StatusChip({ record }: { record: Delivery }) {
  const success = record.outcome === 'success';
  const Icon = success ? CircleCheck : CircleX;
  return (
    <span
      className={cx(chip.chip, styles.roomy)}
      data-tone={success ? 'success' : 'failure'}
      data-outcome={record.outcome}
    >
      <Icon aria-hidden size={14} />
      {chipLabel(record)}
    </span>
  );
}
