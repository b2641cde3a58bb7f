import { FormDialog } from '../common/FormDialog';
import styles from './KeyboardShortcutsDialog.module.css';

/** Ctrl on Linux and Windows, ⌘ on macOS. */
const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl';

const SHORTCUTS: [keys: string[], what: string][] = [
  [['/'], 'Search webhooks'],
  [[MOD, 'F'], 'Search webhooks'],
  [[MOD, 'N'], 'Create a new webhook'],
  [['↑', '↓'], 'Move between webhooks'],
  [['←', '→'], 'Move between a webhook’s cells'],
  [['Home', 'End'], 'First or last cell (with Ctrl: first or last webhook)'],
  [['Page Up', 'Page Down'], 'Ten webhooks up or down'],
  [['Enter'], 'Open the webhook’s deliveries'],
  [['?'], 'Show these shortcuts'],
];

/** "Keyboard shortcuts": what the `?` key lists. */
export function KeyboardShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <FormDialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <dl className={styles.list}>
        {SHORTCUTS.map(([keys, what]) => (
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
    </FormDialog>
  );
}
