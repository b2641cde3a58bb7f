import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import styles from './Splitter.module.css';

export const MIN_DELIVERIES_HEIGHT = 160;
/** What the Webhooks table keeps at least, above the region. */
const MIN_TABLE_HEIGHT = 120;
const STEP = 16;
const PAGE_STEP = 80;

interface Props {
  /** The region it resizes (its top edge is the splitter). */
  region: () => HTMLElement | null;
  /** The height shown now (px). */
  value: number;
  onChange(height: number): void;
}

/** The most the region may take: its container's height less the table's minimum (no layout: no limit). */
function maxHeight(region: HTMLElement | null): number {
  const container = region?.parentElement?.clientHeight ?? 0;
  return container > 0 ? Math.max(MIN_DELIVERIES_HEIGHT, container - MIN_TABLE_HEIGHT) : 2000;
}

/**
 * "Resize deliveries": a horizontal `separator` above the Deliveries region; ArrowUp/ArrowDown move it 16 px,
 * PageUp/PageDown 80 px, Home/End to the smallest/largest size; a mouse drags it.
 */
export function Splitter({ region, value, onChange }: Props) {
  const drag = useRef<{ y: number; height: number } | null>(null);
  const max = maxHeight(region());
  const clamp = (height: number) => Math.min(maxHeight(region()), Math.max(MIN_DELIVERIES_HEIGHT, height));

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowUp: value + STEP,
      ArrowDown: value - STEP,
      PageUp: value + PAGE_STEP,
      PageDown: value - PAGE_STEP,
      Home: MIN_DELIVERIES_HEIGHT,
      End: Number.POSITIVE_INFINITY,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(clamp(next));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { y: event.clientY, height: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onChange(clamp(drag.current.height + drag.current.y - event.clientY));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      aria-label="Resize deliveries"
      aria-orientation="horizontal"
      aria-controls="deliveries-region"
      aria-valuemin={MIN_DELIVERIES_HEIGHT}
      aria-valuemax={Math.round(max)}
      aria-valuenow={Math.round(value)}
      aria-valuetext={`Deliveries ${Math.round(value)} pixels high`}
      tabIndex={0}
      className={styles.splitter}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    />
  );
}
