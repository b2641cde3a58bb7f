import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { MoreHorizontal } from 'lucide-react';
import { cx } from '../../lib/cx';
import { useLayoutEffect, useRef, useState } from 'react';
import { landmarkOf, type ActionsMenuProps, type StandIn } from './ActionsMenu';
import styles from './ActionsMenu.module.css';
import { iconButtonClass } from './IconButton';

/** ActionsMenu's Radix menu, loaded after the first screen. */
export function ActionsDropdown({
  label,
  items,
  triggerProps,
  align = 'end',
  standIn: { earlyClick, focused },
}: ActionsMenuProps & { standIn: StandIn }) {
  const openedDialog = useRef(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const [container, setContainer] = useState(earlyClick?.container ?? null);
  // Radix focuses the first item when a key opened the menu, but it only notices keys once it is loaded: a menu
  // opened early by keyboard focuses the menu itself, and hands focus on to its first item here.
  const focusFirstItem = useRef(earlyClick?.byKeyboard === true);
  // The stand-in had focus as it was replaced: focus would otherwise fall back to the page.
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (focused.current && lost) trigger.current?.focus();
  }, [focused]);
  const onOpenChange = (open: boolean) => {
    if (open) setContainer(landmarkOf(trigger.current));
  };
  return (
    <DropdownMenu.Root modal={false} defaultOpen={earlyClick !== undefined} onOpenChange={onOpenChange}>
      <DropdownMenu.Trigger ref={trigger} className={iconButtonClass} aria-label={label} {...triggerProps}>
        <MoreHorizontal aria-hidden size={18} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal container={container}>
        <DropdownMenu.Content
          className={styles.menu}
          align={align}
          sideOffset={4}
          onFocus={(event) => {
            if (!focusFirstItem.current || event.target !== event.currentTarget) return;
            focusFirstItem.current = false;
            event.currentTarget.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
          }}
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
