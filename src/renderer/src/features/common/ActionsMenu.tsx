import { MoreHorizontal, type LucideIcon } from 'lucide-react';
import { lazy, Suspense, useRef, useState, type HTMLAttributes, type RefObject } from 'react';
import { iconButtonClass } from './IconButton';

export interface MenuAction {
  label: string;
  icon: LucideIcon;
  destructive?: boolean;
  /** True when choosing the item opens a dialog: the dialog then owns focus and returns it to the trigger. */
  opensDialog: boolean;
  select(): void;
}

export interface ActionsMenuProps {
  /** The trigger's accessible name. */
  label: string;
  items: readonly MenuAction[];
  /** Extra attributes for the trigger (data-* for focus return, aria-describedby). */
  triggerProps?: HTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string>;
  align?: 'start' | 'end';
}

/** The menu is portalled into its trigger's landmark (main, nav) so it stays part of that region. */
export const landmarkOf = (trigger: HTMLElement | null) => trigger?.closest<HTMLElement>('main, nav') ?? null;

/** What the stand-in button hands on to the menu that replaces it. */
export interface StandIn {
  earlyClick: EarlyClick | undefined;
  /** True while the stand-in has focus: the button that replaces it takes it over. */
  focused: RefObject<boolean>;
}

/** A click on the stand-in button: the menu opens, in this landmark, as soon as it has loaded. */
export interface EarlyClick {
  container: HTMLElement | null;
  /** Enter or Space rather than a pointer (a keyboard click has no click count). */
  byKeyboard: boolean;
}

// Radix's menu and its positioning engine are not part of the first screen: they start loading with this module,
// and until they are there the same button stands in (a click on it opens the menu once it has loaded).
const dropdown = import('./ActionsDropdown');
const ActionsDropdown = lazy(() => dropdown.then((m) => ({ default: m.ActionsDropdown })));

/** A "…" button with a menu: arrow keys move, Enter chooses, Escape closes and focus returns to the button. */
export function ActionsMenu(props: ActionsMenuProps) {
  const [earlyClick, setEarlyClick] = useState<EarlyClick>();
  const focused = useRef(false);
  const standIn = (
    <button
      type="button"
      className={iconButtonClass}
      aria-label={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      {...props.triggerProps}
      onClick={(event) =>
        setEarlyClick({ container: landmarkOf(event.currentTarget), byKeyboard: event.detail === 0 })
      }
      onFocus={() => (focused.current = true)}
      // A blur from being replaced (the node already gone) does not count: the replacement takes focus over.
      onBlur={(event) => event.currentTarget.isConnected && (focused.current = false)}
    >
      <MoreHorizontal aria-hidden size={18} />
    </button>
  );
  return (
    <Suspense fallback={standIn}>
      <ActionsDropdown {...props} standIn={{ earlyClick, focused }} />
    </Suspense>
  );
}
