import { CircleCheck, CircleX } from 'lucide-react';
import chip from '../common/chip.module.css';
import { statusLabel } from './request-view';

/** The status the Inbox answered a request with: green for a 2xx, red otherwise; the number says which. */
export function AnswerChip({ status }: { status: number }) {
  const success = status >= 200 && status < 300;
  const Icon = success ? CircleCheck : CircleX;
  return (
    <span
      className={chip.chip}
      data-tone={success ? 'success' : 'failure'}
      data-answered={status}
      title={`Answered ${statusLabel(status)}`}
    >
      <Icon aria-hidden size={12} />
      {status}
    </span>
  );
}
