import { Info, X } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import type { Notice, NoticeKind } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { useStatus } from '../../stores/status';
import { buttonClass } from '../common/button';
import { iconButtonClass } from '../common/IconButton';
import { removeOrphanSecrets } from './actions';
import styles from './Banner.module.css';

// Loaded after the first screen (its JavaScript has a budget: test/main/bundle-budget.test.ts).
const ConfirmDialog = lazy(() =>
  import('../common/ConfirmDialog').then((m) => ({ default: m.ConfirmDialog })),
);

const TITLES: Record<Exclude<NoticeKind, 'keychain-unavailable'>, string> = {
  'config-moved-aside': 'Your configuration could not be read',
  'delivery-log-moved-aside': 'Your delivery log could not be read',
  'delivery-log-lines-set-aside': 'Some delivery log records could not be read',
  'orphan-secrets': 'Signing secrets of no webhook',
  'secret-changed': 'A signing secret changed',
};

/** "Remove them" (after a confirmation) and "Keep" for this profile's keychain items that no webhook uses. */
function OrphanActions({ notice }: { notice: Notice }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className={styles.actions}>
      <button type="button" className={buttonClass('danger')} onClick={() => setConfirming(true)}>
        Remove them
      </button>
      <button
        type="button"
        className={buttonClass()}
        onClick={() => useStatus.getState().dismissNotice(notice)}
      >
        Keep
      </button>
      <Suspense fallback={null}>
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title="Remove signing secrets of no webhook?"
          description={
            <p>
              {notice.message} They are removed from the keychain for good; a receiver that still uses one of
              them cannot be given it again. Secrets of other profiles are not touched.
            </p>
          }
          confirmLabel="Remove"
          destructive
          onConfirm={removeOrphanSecrets}
        />
      </Suspense>
    </div>
  );
}

/** What main found at or after startup (a corrupt config moved aside, leftover secrets), until dismissed. */
export function StartupNotices() {
  const notices = useStatus((state) => state.notices);
  const dismiss = useStatus((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div>
      {notices.map((notice) => (
        <div
          key={notice.kind + notice.message}
          className={cx(styles.banner, notice.kind === 'config-moved-aside' ? styles.warning : styles.info)}
          role="status"
        >
          <Info aria-hidden size={20} />
          <div className={styles.text}>
            <p className={styles.title}>{TITLES[notice.kind as keyof typeof TITLES]}</p>
            <p>{notice.message}</p>
            {notice.kind === 'orphan-secrets' && <OrphanActions notice={notice} />}
          </div>
          <button
            type="button"
            className={iconButtonClass}
            aria-label="Dismiss notice"
            onClick={() => dismiss(notice)}
          >
            <X aria-hidden size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
