import { SearchX } from 'lucide-react';
import { useWebhooks } from '../../stores/webhooks';
import { buttonClass } from '../common/button';
import page from '../common/page.module.css';

/** The search and filters leave no webhook: says so, with the way back to all of them. */
export function NoMatches() {
  return (
    <div className={page.emptyState} role="status">
      <SearchX aria-hidden size={32} />
      <h2>No webhooks match</h2>
      <p>No webhook of this API matches the search and filters.</p>
      <button type="button" className={buttonClass()} onClick={() => useWebhooks.getState().resetFilters()}>
        Clear search and filters
      </button>
    </div>
  );
}
