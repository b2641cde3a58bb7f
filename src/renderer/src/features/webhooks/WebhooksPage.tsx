import { Plus } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Api } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { useUi } from '../../stores/ui';
import { buttonClass } from '../common/button';
import { returnFocusTo } from '../common/focus-return';
import inline from '../common/inline-error.module.css';
import page from '../common/page.module.css';
import text from '../common/text.module.css';
import { useWebhooks } from '../../stores/webhooks';
import { filteredIds, isFiltered, sortedIds } from '../../lib/webhook-list';
import { followLastDeliveries, followWebhookChanges, loadWebhooks } from './actions';
import { NoWebhooks } from './NoWebhooks';
import { useHideSecretsOnLeave } from './useHideSecretsOnLeave';
import pageHeader from '../common/page-header.module.css';
import styles from './WebhooksPage.module.css';
import { NoMatches } from './NoMatches';
import { WebhookListToolbar } from './WebhookListToolbar';
import { WebhookTable } from './WebhookTable';

// Loaded after the first screen (its JavaScript has a budget: test/main/bundle-budget.test.ts).
const CreateWebhookDialog = lazy(() =>
  import('./CreateWebhookDialog').then((m) => ({ default: m.CreateWebhookDialog })),
);
const DeliveriesPanel = lazy(() =>
  import('../deliveries/DeliveriesPanel').then((m) => ({ default: m.DeliveriesPanel })),
);
const RowDialogs = lazy(() => import('./RowDialogs').then((m) => ({ default: m.RowDialogs })));

/** The selected API's webhooks: header, the table (or its empty, loading or error state), row dialogs. */
export function WebhooksPage({ api }: { api: Api }) {
  const status = useWebhooks((state) => state.status);
  const error = useWebhooks((state) => state.error);
  const ids = useWebhooks((state) => state.ids);
  const byId = useWebhooks((state) => state.byId);
  const view = useWebhooks((state) => state.view);
  const { sort, direction, query, version, scheme, status: statusFilter } = view;
  // Sorting runs when the list or the sort changes; a keystroke only filters the sorted ids.
  const sorted = useMemo(() => sortedIds(ids, byId, sort, direction), [ids, byId, sort, direction]);
  const shown = useMemo(
    () => filteredIds(sorted, byId, { query, version, scheme, status: statusFilter }),
    [sorted, byId, query, version, scheme, statusFilter],
  );
  const empty = ids.length === 0;
  const selectedId = useUi((state) => state.selectedWebhookId);
  const selected = useWebhooks((state) => (selectedId === null ? undefined : state.byId[selectedId]));
  useHideSecretsOnLeave(api.id);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void loadWebhooks(api.id);
  }, [api.id]);
  useEffect(() => followLastDeliveries(), []);
  useEffect(() => followWebhookChanges(), []);

  return (
    <section className={page.page} aria-labelledby="webhooks-heading">
      <header className={styles.header}>
        <div>
          <p className={pageHeader.eyebrow}>{api.name}</p>
          <h1 id="webhooks-heading">Webhooks</h1>
          <p className={cx(pageHeader.lede, styles.narrow)}>
            One API can have several active webhooks, for example one for development and one for production.
          </p>
        </div>
        <button
          type="button"
          className={buttonClass('primary')}
          aria-haspopup="dialog"
          aria-expanded={creating}
          onClick={() => setCreating(true)}
          data-create-webhook
        >
          <Plus aria-hidden size={16} />
          Create a new webhook
        </button>
        {creating && (
          <Suspense fallback={null}>
            <CreateWebhookDialog
              api={api}
              onOpenChange={setCreating}
              onCloseAutoFocus={returnFocusTo(null, '[data-create-webhook]')}
            />
          </Suspense>
        )}
      </header>
      <div className={styles.body}>
        {status === 'loading' && (
          <p className={text.muted} role="status">
            Loading webhooks…
          </p>
        )}
        {status === 'error' && (
          <div className={cx(inline.inlineError, styles.loadError)} role="alert">
            <p>The webhooks could not be loaded: {error}</p>
            <button type="button" className={buttonClass()} onClick={() => void loadWebhooks(api.id)}>
              Reload webhooks
            </button>
          </div>
        )}
        {status === 'ready' && !empty && (
          <WebhookListToolbar versions={api.versions} shown={shown.length} total={ids.length} />
        )}
        {status === 'ready' &&
          (empty ? (
            <NoWebhooks apiName={api.name} />
          ) : shown.length === 0 && isFiltered(view) ? (
            <NoMatches />
          ) : (
            <WebhookTable ids={shown} />
          ))}
        {status === 'ready' && selected && (
          <Suspense fallback={null}>
            <DeliveriesPanel key={selected.id} webhook={selected} />
          </Suspense>
        )}
      </div>
      <Suspense fallback={null}>
        <RowDialogs />
      </Suspense>
    </section>
  );
}
