import { TriangleAlert } from 'lucide-react';
import type { Rotation } from '../../../../shared/rotation';
import { exactTime } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import form from '../common/form.module.css';
import { overlapLeft } from './rotation-view';

/** Said before a roll during an overlap: rolling again ends the oldest secret now. */
export function OverlapWarning({ rotation }: { rotation: Rotation | undefined }) {
  const now = useNow();
  if (rotation?.phase !== 'overlap') return null;
  return (
    <p className={form.warning} data-overlap-warning>
      <TriangleAlert aria-hidden size={16} />
      <span>
        The previous secret of the last roll is still valid (for{' '}
        <time dateTime={rotation.expiresAt} title={exactTime(rotation.expiresAt)}>
          {overlapLeft(rotation, now)}
        </time>
        ). Rolling again ends it <strong>now</strong>: receivers that still have only that secret reject
        deliveries.
      </span>
    </p>
  );
}
