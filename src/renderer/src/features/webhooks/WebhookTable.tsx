import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { cx } from '../../lib/cx';
import panel from '../common/panel.module.css';
import text from '../common/text.module.css';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import styles from './WebhookTable.module.css';
import { WebhookRow } from './WebhookRow';

/** A body row's height in px: the virtualizer's estimate, and the rows' CSS height (--row-height). */
export const ROW_HEIGHT = 68;
const ROW_HEIGHT_STYLE = { '--row-height': `${ROW_HEIGHT}px` } as CSSProperties;
const PAGE_ROWS = 10;

const COLUMNS: { name: string; className?: string }[] = [
  { name: 'Product version', className: styles.version },
  { name: 'Endpoint URL', className: styles.url },
  { name: 'Signature scheme', className: styles.schemeCell },
  { name: 'Signing secret', className: styles.secretCell },
  { name: 'Updated', className: styles.updated },
];
const LAST_COLUMN = COLUMNS.length; // the actions column
const estimateSize = () => ROW_HEIGHT;

/** Where keyboard focus is in the grid: a row (column -1) or one of its cells. */
interface Position {
  index: number;
  column: number;
}

/** The shown cells of a row, in order (a column dropped at this width is skipped). */
function cellsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')].filter(
    (cell) => getComputedStyle(cell).display !== 'none',
  );
}

/** A cell holding one button (the row's "More actions") takes focus on that button, as a grid's widget does. */
function focusTarget(cell: HTMLElement): HTMLElement {
  const buttons = cell.querySelectorAll<HTMLElement>('button');
  return buttons.length === 1 && buttons[0] ? buttons[0] : cell;
}

/**
 * The accessible grid "Webhooks": arrow keys move between rows and cells, Home/End, Page Up/Down, Enter opens
 * a row's Deliveries region. Only the rows in view (plus a few) are in the DOM, so 10,000 webhooks scroll as
 * smoothly as ten; aria-rowcount and aria-rowindex tell assistive technology the full size.
 */
export function WebhookTable({ ids }: { ids: readonly string[] }) {
  const lastCreated = useWebhooks((state) => state.lastCreatedId);
  const selectedId = useUi((state) => state.selectedWebhookId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Position>({ index: 0, column: -1 });
  const pendingFocus = useRef<{ id: string; column: number } | null>(null);
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
  const items = virtualizer.getVirtualItems();
  // The grid's one tab stop: the active row, or while it is scrolled away (not rendered), the first row in view.
  const wanted = Math.min(active.index, Math.max(0, ids.length - 1));
  const firstInView =
    items.find((item) => item.end > (virtualizer.scrollOffset ?? 0))?.index ?? items[0]?.index ?? 0;
  const activeIndex = items.some((item) => item.index === wanted) ? wanted : firstInView;

  useEffect(() => {
    if (lastCreated === null) return;
    const index = ids.indexOf(lastCreated);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [lastCreated, ids, virtualizer]);

  // The selected row stays in view once the Deliveries region below has taken its share of the height (also
  // a row the virtualizer has not rendered, which the region cannot find to scroll to).
  useEffect(() => {
    if (selectedId === null) return;
    const frame = requestAnimationFrame(() => {
      const index = ids.indexOf(selectedId);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    });
    return () => cancelAnimationFrame(frame);
    // Only when the selection changes: scrolling away from the selected row afterwards is the user's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  // A move to a row not rendered yet focuses it once the virtualizer has rendered it.
  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-webhook-row="${pending.id}"]`);
    if (!row) return;
    pendingFocus.current = null;
    const cell = pending.column < 0 ? undefined : cellsOf(row)[pending.column];
    (cell ? focusTarget(cell) : row).focus();
  });

  const moveTo = (index: number, column: number) => {
    const target = Math.max(0, Math.min(ids.length - 1, index));
    const id = ids[target];
    if (id === undefined) return;
    setActive({ index: target, column });
    pendingFocus.current = { id, column };
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Keys in a row's menu (a portal) or in a field are theirs.
    if (!event.currentTarget.contains(target) || target.closest('input, textarea, select')) return;
    const row = target.closest<HTMLElement>('[role="row"]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const cells = cellsOf(row);
    const cell = target.closest<HTMLElement>('[role="gridcell"]');
    const column = cell ? cells.indexOf(cell) : -1;
    const onMenuTrigger = target.getAttribute('aria-haspopup') === 'menu';
    const last = cells.length - 1;
    const ctrl = event.ctrlKey || event.metaKey;
    let next: Position | null = null;
    switch (event.key) {
      case 'ArrowDown':
        if (!onMenuTrigger) next = { index: index + 1, column };
        break;
      case 'ArrowUp':
        if (!onMenuTrigger) next = { index: index - 1, column };
        break;
      case 'ArrowRight':
        next = { index, column: Math.min(last, column + 1) };
        break;
      case 'ArrowLeft':
        next = { index, column: Math.max(-1, column - 1) };
        break;
      case 'Home':
        next = column < 0 || ctrl ? { index: 0, column } : { index, column: 0 };
        break;
      case 'End':
        next = column < 0 || ctrl ? { index: ids.length - 1, column } : { index, column: last };
        break;
      case 'PageDown':
        next = { index: index + PAGE_ROWS, column };
        break;
      case 'PageUp':
        next = { index: index - PAGE_ROWS, column };
        break;
    }
    if (!next) return;
    event.preventDefault();
    moveTo(next.index, next.column);
  };

  // Focus arriving by click or Tab makes that row the grid's tab stop.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"]');
    const index = Number(row?.dataset.index);
    if (row && Number.isInteger(index) && index !== active.index) setActive({ index, column: -1 });
  };

  return (
    <div
      role="grid"
      aria-label="Webhooks"
      aria-rowcount={ids.length + 1}
      aria-colcount={LAST_COLUMN + 1}
      className={cx(panel.panel, styles.table)}
      style={ROW_HEIGHT_STYLE}
      data-webhook-grid
    >
      <div role="rowgroup" className={styles.head}>
        <div role="row" aria-rowindex={1} className={cx(styles.row, styles.headerRow)}>
          {COLUMNS.map(({ name, className }) => (
            <div role="columnheader" key={name} className={cx(styles.cell, className)}>
              {name}
            </div>
          ))}
          <div role="columnheader" className={cx(styles.cell, styles.actions)}>
            <span className={text.srOnly}>Actions</span>
          </div>
        </div>
      </div>
      <div
        role="rowgroup"
        className={styles.body}
        ref={scrollRef}
        data-table-body
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <div role="presentation" className={styles.spacer} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = ids[item.index];
            return id === undefined ? null : (
              <WebhookRow
                key={id}
                id={id}
                index={item.index}
                top={item.start}
                tabbable={item.index === activeIndex}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
