import { Layers } from 'lucide-react';
import { cx } from '../../lib/cx';
import { buttonClass } from '../common/button';
import page from '../common/page.module.css';
import { startImport } from '../transfer/actions';
import styles from './NoApis.module.css';

/** The very first start: no API yet. Points at "Add API" in the sidebar, or at importing another machine's. */
export function NoApis() {
  return (
    <section className={cx(page.page, styles.page)} aria-labelledby="no-api-heading">
      <div className={page.emptyState}>
        <Layers aria-hidden size={32} />
        <h1 id="no-api-heading">Start by adding an API</h1>
        <p>
          Hookwarden groups webhooks by API. Choose <strong>Add API</strong> on the left, give it a name and
          its product versions (for example <code>v4, v3</code>), then create its webhooks.
        </p>
        <p>Set up on another machine already? Export it there (File → Export), then import it here.</p>
        <button type="button" className={buttonClass()} onClick={() => void startImport()}>
          Import configuration…
        </button>
      </div>
    </section>
  );
}
