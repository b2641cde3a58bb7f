import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { MoreHorizontal, type LucideIcon } from 'lucide-react';
import { cx } from '../../lib/cx';
import { useRef, useState, type HTMLAttributes } from 'react';
import styles from './ActionsMenu.module.css';
import { iconButtonClass } from './IconButton';

export interface MenuAction {
  label: string;
  icon: LucideIcon;
  destructive?: boolean;
  /** True when choosing the item opens a dialog: the dialog then owns focus and returns it to the trigger. */
  opensDialog: boolean;
  select(): void;
}

interface Props {
  /** The trigger's accessible name. */
  label: string;
  items: readonly MenuAction[];
  /** Extra attributes for the trigger (data-* for focus return, aria-describedby). */
  triggerProps?: HTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string>;
  align?: 'start' | 'end';
}

/** A "…" button with a menu: arrow keys move, Enter chooses, Escape closes and focus returns to the button. */
export function ActionsMenu({ label, items, triggerProps, align = 'end' }: Props) {
  const openedDialog = useRef(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // The menu is portalled into the trigger's landmark (main, nav) so it stays part of that region.
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const onOpenChange = (open: boolean) => {
    if (open) setContainer(trigger.current?.closest<HTMLElement>('main, nav') ?? null);
  };
  return (
    <DropdownMenu.Root modal={false} onOpenChange={onOpenChange}>
      <DropdownMenu.Trigger ref={trigger} className={iconButtonClass} aria-label={label} {...triggerProps}>
        <MoreHorizontal aria-hidden size={18} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal container={container}>
        <DropdownMenu.Content
          className={styles.menu}
          align={align}
          sideOffset={4}
          onCloseAutoFocus={(event) => {
            if (openedDialog.current) event.preventDefault();
            openedDialog.current = false;
          }}
        >
          {items.map((item) => (
            <DropdownMenu.Item
              key={item.label}
              className={cx(styles.item, item.destructive && styles.danger)}
              onSelect={() => {
                openedDialog.current = item.opensDialog;
                item.select();
              }}
            >
              <item.icon aria-hidden size={16} />
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
