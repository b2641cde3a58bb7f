import { useEffect } from 'react';
import { ApiSidebar } from './features/apis/ApiSidebar';
import { NoApis } from './features/apis/NoApis';
import { KeychainBanner } from './features/notices/KeychainBanner';
import { StartupNotices } from './features/notices/StartupNotices';
import { Toaster } from './features/toasts/Toaster';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { useApis, useSelectedApi } from './stores/apis';
import { subscribe } from './lib/ipc';
import { useStatus } from './stores/status';
import { useWebhooks } from './stores/webhooks';

/** The window: banners on top, the APIs on the left, the selected API's webhooks on the right. */
export function App() {
  const status = useApis((state) => state.status);
  const error = useApis((state) => state.error);
  const selected = useSelectedApi();

  useEffect(() => {
    void useStatus.getState().loadNotices();
    void useApis.getState().load();
    // The keychain check finishes after the first screen: its notices, and which secrets are missing, arrive then.
    return subscribe('app.noticesChanged', ({ notices }) => {
      useStatus.getState().showNotices(notices);
      void useWebhooks.getState().refresh();
    });
  }, []);

  return (
    <>
      <div className="app">
        <KeychainBanner />
        <StartupNotices />
        <div className="workspace">
          <ApiSidebar />
          <main className="main">
            {status === 'loading' && (
              <p className="muted page" role="status">
                Loading…
              </p>
            )}
            {status === 'error' && (
              <div className="inline-error page" role="alert">
                <p>The APIs could not be loaded: {error}</p>
                <button type="button" className="button" onClick={() => void useApis.getState().load()}>
                  Reload
                </button>
              </div>
            )}
            {status === 'ready' && (selected ? <WebhooksPage api={selected} /> : <NoApis />)}
          </main>
        </div>
      </div>
      <Toaster />
    </>
  );
}
