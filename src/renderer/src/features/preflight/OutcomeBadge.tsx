import {
  CircleCheck,
  CircleHelp,
  CircleMinus,
  CircleX,
  Info,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import type { CheckResult, SecurityProbeResult } from '../../../../shared/preflight';
import styles from './Preflight.module.css';

export type Outcome = CheckResult['outcome'] | SecurityProbeResult['outcome'];

const LOOKS: Record<Outcome, { label: string; icon: LucideIcon }> = {
  pass: { label: 'Pass', icon: CircleCheck },
  warn: { label: 'Warning', icon: TriangleAlert },
  fail: { label: 'Fail', icon: CircleX },
  skip: { label: 'Skipped', icon: CircleMinus },
  inconclusive: { label: 'Inconclusive', icon: CircleHelp },
  info: { label: 'Info', icon: Info },
};

/** A check's or probe's outcome: an icon and its word, coloured by tone (never colour alone). */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { label, icon: Icon } = LOOKS[outcome];
  return (
    <span className={styles.badge} data-outcome={outcome}>
      <Icon aria-hidden size={14} />
      {label}
    </span>
  );
}
