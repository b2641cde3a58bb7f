import { ArrowDownWideNarrow, ArrowUpNarrowWide, Search } from 'lucide-react';
import { useId } from 'react';
import { SCHEME_LABELS, SIGNATURE_SCHEMES, type SignatureScheme } from '../../../../shared/schemes';
import { cx } from '../../lib/cx';
import { plural } from '../../lib/plural';
import { SORT_LABELS, STATUS_LABELS, type SortKey, type StatusFilter } from '../../lib/webhook-list';
import { useWebhooks } from '../../stores/webhooks';
import form from '../common/form.module.css';
import { IconButton } from '../common/IconButton';
import styles from './WebhookListToolbar.module.css';

/** The attribute the global shortcuts (/ and Ctrl/Cmd+F) find the search box by. */
export const SEARCH_ATTRIBUTE = 'data-webhook-search';

const ANY = '';

/** Search, filters, sort and the count above the Webhooks grid. */
export function WebhookListToolbar({
  versions,
  shown,
  total,
}: {
  versions: readonly string[];
  shown: number;
  total: number;
}) {
  const view = useWebhooks((state) => state.view);
  const setView = useWebhooks((state) => state.setView);
  const ids = { version: useId(), scheme: useId(), status: useId(), sort: useId() };
  const count =
    shown === total
      ? plural(total, 'webhook', 'webhooks')
      : `${shown} of ${plural(total, 'webhook', 'webhooks')}`;
  const descending = view.direction === 'desc';

  return (
    <div className={styles.toolbar} role="search" aria-label="Webhooks list">
      <div className={styles.search}>
        <Search aria-hidden size={16} className={styles.searchIcon} />
        <input
          type="search"
          className={cx(form.control, styles.searchInput)}
          aria-label="Search webhooks"
          placeholder="Search webhooks"
          value={view.query}
          onChange={(event) => setView({ query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && view.query !== '') {
              event.stopPropagation();
              setView({ query: '' });
            }
          }}
          {...{ [SEARCH_ATTRIBUTE]: '' }}
        />
      </div>
      <div className={styles.filter}>
        <label htmlFor={ids.version}>Product version</label>
        <select
          id={ids.version}
          className={form.control}
          value={view.version ?? ANY}
          onChange={(event) => setView({ version: event.target.value === ANY ? null : event.target.value })}
        >
          <option value={ANY}>Any</option>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filter}>
        <label htmlFor={ids.scheme}>Signature scheme</label>
        <select
          id={ids.scheme}
          className={form.control}
          value={view.scheme ?? ANY}
          onChange={(event) =>
            setView({ scheme: event.target.value === ANY ? null : (event.target.value as SignatureScheme) })
          }
        >
          <option value={ANY}>Any</option>
          {SIGNATURE_SCHEMES.map((scheme) => (
            <option key={scheme} value={scheme}>
              {SCHEME_LABELS[scheme]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filter}>
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          className={form.control}
          value={view.status}
          onChange={(event) => setView({ status: event.target.value as StatusFilter })}
        >
          {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((status) => (
            <option key={status} value={status}>
              {status === 'all' ? 'Any' : STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filter}>
        <label htmlFor={ids.sort}>Sort by</label>
        <div className={styles.sort}>
          <select
            id={ids.sort}
            className={form.control}
            value={view.sort}
            onChange={(event) => setView({ sort: event.target.value as SortKey })}
          >
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
          <IconButton
            label="Sort descending"
            aria-pressed={descending}
            onClick={() => setView({ direction: descending ? 'asc' : 'desc' })}
          >
            {descending ? (
              <ArrowDownWideNarrow aria-hidden size={16} />
            ) : (
              <ArrowUpNarrowWide aria-hidden size={16} />
            )}
          </IconButton>
        </div>
      </div>
      <p className={styles.count} role="status" data-webhook-count>
        {count}
      </p>
    </div>
  );
}
