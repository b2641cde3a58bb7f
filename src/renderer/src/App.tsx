import { useCallback, useEffect, useState } from 'react';
import styles from './App.module.css';
import { buttonClass } from './features/common/button';
import inline from './features/common/inline-error.module.css';
import page from './features/common/page.module.css';
import text from './features/common/text.module.css';
import { loadApis } from './features/apis/actions';
import { ApiSidebar } from './features/apis/ApiSidebar';
import { NoApis } from './features/apis/NoApis';
import { followNotices, loadNotices } from './features/notices/actions';
import { KeychainBanner } from './features/notices/KeychainBanner';
import { StartupNotices } from './features/notices/StartupNotices';
import { Toaster } from './features/toasts/Toaster';
import { KeyboardShortcutsDialog } from './features/webhooks/KeyboardShortcutsDialog';
import { useGlobalShortcuts } from './features/webhooks/useGlobalShortcuts';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { useApis, useSelectedApi } from './stores/apis';
import { cx } from './lib/cx';

/** The window: banners on top, the APIs on the left, the selected API's webhooks on the right. */
export function App() {
  const status = useApis((state) => state.status);
  const error = useApis((state) => state.error);
  const selected = useSelectedApi();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useGlobalShortcuts(useCallback(() => setShortcutsOpen(true), []));

  useEffect(() => {
    void loadNotices();
    void loadApis();
    return followNotices();
  }, []);

  return (
    <>
      <div className={styles.app}>
        <KeychainBanner />
        <StartupNotices />
        <div className={styles.workspace}>
          <ApiSidebar />
          <main className={styles.main}>
            {status === 'loading' && (
              <p className={cx(page.page, text.muted)} role="status">
                Loading…
              </p>
            )}
            {status === 'error' && (
              <div className={cx(inline.inlineError, styles.loadError)} role="alert">
                <p>The APIs could not be loaded: {error}</p>
                <button type="button" className={buttonClass()} onClick={() => void loadApis()}>
                  Reload
                </button>
              </div>
            )}
            {status === 'ready' && (selected ? <WebhooksPage api={selected} /> : <NoApis />)}
          </main>
        </div>
      </div>
      <Toaster />
      <KeyboardShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </>
  );
}
