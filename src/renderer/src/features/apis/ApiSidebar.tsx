import { Pencil, Plus, Trash2 } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { cx } from '../../lib/cx';
import { useApis } from '../../stores/apis';
import { useUi } from '../../stores/ui';
import { buttonClass } from '../common/button';
import text from '../common/text.module.css';
import { ActionsMenu } from '../common/ActionsMenu';
import { dataSelector, returnFocusTo } from '../common/focus-return';
import { PageLinks } from '../navigation/PageLinks';
import { showApi } from './actions';
import styles from './ApiSidebar.module.css';

// The dialogs load after the first screen (its JavaScript has a budget: test/main/bundle-budget.test.ts).
const ApiFormDialog = lazy(() => import('./ApiFormDialog').then((m) => ({ default: m.ApiFormDialog })));
const DeleteApiDialog = lazy(() => import('./DeleteApiDialog').then((m) => ({ default: m.DeleteApiDialog })));

type Open = { kind: 'edit' | 'delete'; apiId: string } | null;

/** The APIs: select one, add one, edit or delete one through its menu; below them, the other pages' links. */
export function ApiSidebar() {
  const apis = useApis((state) => state.apis);
  const selectedId = useApis((state) => state.selectedId);
  // While another page is open, no API's Webhooks page is the current one.
  const onWebhooks = useUi((state) => state.page === 'webhooks');
  const currentId = onWebhooks ? selectedId : null;
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const target = open ? apis.find((api) => api.id === open.apiId) : undefined;
  const close = (next: boolean) => !next && setOpen(null);
  const focusBack = returnFocusTo(
    open ? dataSelector('data-api-actions-for', open.apiId) : null,
    '[data-add-api]',
  );

  return (
    <div className={styles.sidebar}>
      <nav aria-labelledby="apis-heading">
        <div className={styles.header}>
          <h2 id="apis-heading">APIs</h2>
          <button
            type="button"
            className={buttonClass('plain', 'small')}
            aria-haspopup="dialog"
            aria-expanded={adding}
            onClick={() => setAdding(true)}
            data-add-api
          >
            <Plus aria-hidden size={16} />
            Add API
          </button>
        </div>
        {apis.length === 0 ? (
          <p className={styles.empty}>No API yet.</p>
        ) : (
          <ul className={styles.list}>
            {apis.map((api) => (
              <li key={api.id} className={styles.item} data-selected={api.id === currentId || undefined}>
                <button
                  type="button"
                  className={styles.select}
                  aria-current={api.id === currentId ? 'page' : undefined}
                  onClick={() => showApi(api.id)}
                >
                  {/* A name or version list cut short reads whole in its tooltip. */}
                  <span className={cx(text.truncate, styles.name)} title={api.name}>
                    {api.name}
                  </span>
                  <span className={cx(text.truncate, styles.versions)} title={api.versions.join(', ')}>
                    {api.versions.join(', ')}
                  </span>
                </button>
                <ActionsMenu
                  label={`Actions for ${api.name}`}
                  align="start"
                  triggerProps={{ 'data-api-actions-for': api.id }}
                  items={[
                    {
                      label: 'Edit API',
                      icon: Pencil,
                      opensDialog: true,
                      select: () => setOpen({ kind: 'edit', apiId: api.id }),
                    },
                    {
                      label: 'Delete API',
                      icon: Trash2,
                      destructive: true,
                      opensDialog: true,
                      select: () => setOpen({ kind: 'delete', apiId: api.id }),
                    },
                  ]}
                />
              </li>
            ))}
          </ul>
        )}
      </nav>
      <PageLinks />
      <Suspense fallback={null}>
        {adding && (
          <ApiFormDialog onOpenChange={setAdding} onCloseAutoFocus={returnFocusTo(null, '[data-add-api]')} />
        )}
        {target && open?.kind === 'edit' && (
          <ApiFormDialog key={target.id} api={target} onOpenChange={close} onCloseAutoFocus={focusBack} />
        )}
        {target && open?.kind === 'delete' && (
          <DeleteApiDialog key={target.id} api={target} onOpenChange={close} onCloseAutoFocus={focusBack} />
        )}
      </Suspense>
    </div>
  );
}
