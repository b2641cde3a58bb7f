import { useCallback, useEffect, useState, type ComponentType } from 'react';
import styles from './App.module.css';
import { buttonClass } from './features/common/button';
import inline from './features/common/inline-error.module.css';
import page from './features/common/page.module.css';
import text from './features/common/text.module.css';
import { loadApis } from './features/apis/actions';
import { ApiSidebar } from './features/apis/ApiSidebar';
import { NoApis } from './features/apis/NoApis';
import { DoctorPage } from './features/doctor/DoctorPage';
import { InboxPage } from './features/inbox/InboxPage';
import { followNotices, loadNotices } from './features/notices/actions';
import { KeychainBanner } from './features/notices/KeychainBanner';
import { StartupNotices } from './features/notices/StartupNotices';
import { Toaster } from './features/toasts/Toaster';
import { followConfigChanges, followMenuCommands } from './features/transfer/actions';
import { TransferDialogs } from './features/transfer/TransferDialogs';
import { KeyboardShortcutsDialog } from './features/webhooks/KeyboardShortcutsDialog';
import { useGlobalShortcuts } from './features/webhooks/useGlobalShortcuts';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { useApis, useSelectedApi } from './stores/apis';
import { useUi, type ToolPage } from './stores/ui';
import { cx } from './lib/cx';

/** The pages the sidebar's links open in place of the selected API's Webhooks page (stores/ui.ts). */
const TOOL_PAGES: Record<ToolPage, ComponentType> = {
  inbox: InboxPage,
  doctor: DoctorPage,
};

/** The window: banners on top, the APIs on the left, the selected API's webhooks (or another page) on the right. */
export function App() {
  const shownPage = useUi((state) => state.page);
  const ToolPageView = shownPage === 'webhooks' ? null : TOOL_PAGES[shownPage];
  const status = useApis((state) => state.status);
  const error = useApis((state) => state.error);
  const selected = useSelectedApi();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const showShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useGlobalShortcuts(showShortcuts);

  useEffect(() => {
    void loadNotices();
    void loadApis();
    return followNotices();
  }, []);
  useEffect(() => followConfigChanges(), []);
  useEffect(() => followMenuCommands(showShortcuts), [showShortcuts]);

  return (
    <>
      <div className={styles.app}>
        <KeychainBanner />
        <StartupNotices />
        <div className={styles.workspace}>
          <ApiSidebar />
          <main className={styles.main}>
            {ToolPageView && <ToolPageView />}
            {!ToolPageView && status === 'loading' && (
              <p className={cx(page.page, text.muted)} role="status">
                Loading…
              </p>
            )}
            {!ToolPageView && status === 'error' && (
              <div className={cx(inline.inlineError, styles.loadError)} role="alert">
                <p>The APIs could not be loaded: {error}</p>
                <button type="button" className={buttonClass()} onClick={() => void loadApis()}>
                  Reload
                </button>
              </div>
            )}
            {!ToolPageView && status === 'ready' && (selected ? <WebhooksPage api={selected} /> : <NoApis />)}
          </main>
        </div>
      </div>
      <Toaster />
      <KeyboardShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <TransferDialogs />
    </>
  );
}
