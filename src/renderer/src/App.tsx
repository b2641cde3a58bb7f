import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
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
import { followConfigChanges, followMenuCommands } from './features/transfer/actions';
import { useGlobalShortcuts } from './features/webhooks/useGlobalShortcuts';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { useApis, useSelectedApi } from './stores/apis';
import { useUi, type ToolPage } from './stores/ui';
import { cx } from './lib/cx';

// What the first screen does not show loads after it (its JavaScript has a budget: test/main/bundle-budget.test.ts).
const InboxPage = lazy(() => import('./features/inbox/InboxPage').then((m) => ({ default: m.InboxPage })));
const DoctorPage = lazy(() =>
  import('./features/doctor/DoctorPage').then((m) => ({ default: m.DoctorPage })),
);
const Toaster = lazy(() => import('./features/toasts/Toaster').then((m) => ({ default: m.Toaster })));
const KeyboardShortcutsDialog = lazy(() =>
  import('./features/webhooks/KeyboardShortcutsDialog').then((m) => ({ default: m.KeyboardShortcutsDialog })),
);
const TransferDialogs = lazy(() =>
  import('./features/transfer/TransferDialogs').then((m) => ({ default: m.TransferDialogs })),
);

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
            {ToolPageView && (
              // Keyed by page: leaving a page unmounts it at once, even while the next one is still loading.
              <Suspense key={shownPage} fallback={null}>
                <ToolPageView />
              </Suspense>
            )}
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
      <Suspense fallback={null}>
        <Toaster />
        <KeyboardShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
        <TransferDialogs />
      </Suspense>
    </>
  );
}
