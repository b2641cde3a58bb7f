import { Info, X } from 'lucide-react';
import { useStatus } from '../../stores/status';

const TITLES = {
  'config-moved-aside': 'Your configuration could not be read',
  'delivery-log-moved-aside': 'Your delivery log could not be read',
  'delivery-log-lines-set-aside': 'Some delivery log records could not be read',
  'orphan-secrets-removed': 'Leftover signing secrets removed',
  'keychain-unavailable': 'The system keychain is not available',
} as const;

/** What main found at startup (a corrupt config moved aside, leftovers cleaned up), until dismissed. */
export function StartupNotices() {
  const notices = useStatus((state) => state.notices);
  const dismiss = useStatus((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.kind + notice.message}
          className={notice.kind === 'config-moved-aside' ? 'banner warning' : 'banner info'}
          role="status"
        >
          <Info aria-hidden size={20} />
          <div className="banner-text">
            <p className="banner-title">{TITLES[notice.kind]}</p>
            <p>{notice.message}</p>
          </div>
          <button
            type="button"
            className="icon-button"
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
