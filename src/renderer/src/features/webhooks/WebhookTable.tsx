import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type CSSProperties } from 'react';
import { cx } from '../../lib/cx';
import panel from '../common/panel.module.css';
import text from '../common/text.module.css';
import { useWebhooks } from '../../stores/webhooks';
import styles from './WebhookTable.module.css';
import { WebhookRow } from './WebhookRow';

/** A body row's height in px: the virtualizer's estimate, and the rows' CSS height (--row-height). */
export const ROW_HEIGHT = 56;
const ROW_HEIGHT_STYLE = { '--row-height': `${ROW_HEIGHT}px` } as CSSProperties;

const COLUMNS = [
  'Product version',
  'Endpoint URL',
  'Signature scheme',
  'Signing secret',
  'Created',
  'Updated',
];
const estimateSize = () => ROW_HEIGHT;

/**
 * The accessible table "Webhooks". Only the rows in view (plus a few) are in the DOM, so 10,000 webhooks
 * scroll as smoothly as ten; aria-rowcount and aria-rowindex tell assistive technology the full size.
 */
export function WebhookTable() {
  const ids = useWebhooks((state) => state.ids);
  const lastCreated = useWebhooks((state) => state.lastCreatedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the ids are: the virtualizer recomputes every row's position when its options change.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement,
    estimateSize,
    overscan: 10,
    getItemKey,
  });

  useEffect(() => {
    if (lastCreated === null) return;
    const index = ids.indexOf(lastCreated);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [lastCreated, ids, virtualizer]);

  return (
    <div
      role="table"
      aria-label="Webhooks"
      aria-rowcount={ids.length + 1}
      className={cx(panel.panel, styles.table)}
      style={ROW_HEIGHT_STYLE}
    >
      <div role="rowgroup" className={styles.head}>
        <div role="row" aria-rowindex={1} className={cx(styles.row, styles.headerRow)}>
          {COLUMNS.map((name) => (
            <div role="columnheader" key={name} className={styles.cell}>
              {name}
            </div>
          ))}
          <div role="columnheader" className={cx(styles.cell, styles.actions)}>
            <span className={text.srOnly}>Actions</span>
          </div>
        </div>
      </div>
      <div role="rowgroup" className={styles.body} ref={scrollRef} data-table-body>
        <div role="presentation" className={styles.spacer} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const id = ids[item.index];
            return id === undefined ? null : (
              <WebhookRow key={id} id={id} rowIndex={item.index + 2} top={item.start} />
            );
          })}
        </div>
      </div>
    </div>
  );
}
