import { FormDialog } from '../common/FormDialog';
import styles from './KeyboardShortcutsDialog.module.css';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
/** Ctrl on Linux and Windows, ⌘ on macOS. */
const MOD = MAC ? '⌘' : 'Ctrl';

type Shortcut = [keys: string[], what: string];

/**
 * Every shortcut the window has, by where it works: the key handlers of the renderer (useGlobalShortcuts.ts,
 * the Webhooks grid, the search field, the Deliveries splitter, the Inbox's list, the doctor's form, the
 * toasts) and the application menu's accelerators (src/main/shell/menu.ts, Electron's roles).
 */
const GROUPS: [title: string, shortcuts: Shortcut[]][] = [
  [
    'Anywhere',
    [
      [['?'], 'Show these shortcuts'],
      [['Esc'], 'Close a dialog or a menu'],
      [['F8'], 'Go to the notifications'],
    ],
  ],
  [
    'Webhooks',
    [
      [['/'], 'Search webhooks'],
      [[MOD, 'F'], 'Search webhooks'],
      [['Esc'], 'Clear the search (in the search field)'],
      [[MOD, 'N'], 'Create a new webhook'],
      [['↑', '↓'], 'Move between webhooks'],
      [['←', '→'], 'Move between a webhook’s cells'],
      [['Home', 'End'], 'First or last cell (with Ctrl: first or last webhook)'],
      [['Page Up', 'Page Down'], 'Ten webhooks up or down'],
      [['Enter'], 'Open the webhook’s deliveries'],
      [['↑', '↓', 'Page Up', 'Page Down'], 'Resize deliveries (on its handle)'],
    ],
  ],
  [
    'Receive webhooks and Signature doctor',
    [
      [['↑', '↓', 'Home', 'End'], 'Move between received requests'],
      [[MOD, 'Enter'], 'Diagnose (in the Request field)'],
    ],
  ],
  [
    'Window',
    [
      [[MOD, '+'], 'Zoom in'],
      [[MOD, '-'], 'Zoom out'],
      [[MOD, '0'], 'Actual size'],
      [MAC ? ['Ctrl', '⌘', 'F'] : ['F11'], 'Full screen'],
      [[MOD, 'W'], 'Close the window'],
      [[MOD, 'Q'], 'Quit Hookwarden'],
    ],
  ],
];

/** "Keyboard shortcuts": what the `?` key and Help → "Keyboard shortcuts" list. */
export function KeyboardShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <FormDialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      {GROUPS.map(([title, shortcuts]) => (
        <section key={title} className={styles.group}>
          <h3 className={styles.title}>{title}</h3>
          <dl className={styles.list}>
            {shortcuts.map(([keys, what]) => (
              <div key={`${keys.join('+')} ${what}`} className={styles.item}>
                <dt className={styles.keys}>
                  {keys.map((key) => (
                    <kbd key={key} className={styles.key}>
                      {key}
                    </kbd>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </FormDialog>
  );
}
