import * as Toast from '@radix-ui/react-toast';
import { X } from 'lucide-react';
import { cx } from '../../lib/cx';
import { useToasts } from '../../stores/toasts';
import { iconButtonClass } from '../common/IconButton';
import styles from './Toaster.module.css';

/** Renders the toasts store: announced politely (errors assertively), dismissed by time, swipe, F8 or Close. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <Toast.Provider swipeDirection="right" duration={5000} label="Notifications">
      {toasts.map((item) => (
        <Toast.Root
          key={item.id}
          className={cx(styles.toast, item.tone === 'error' && styles.error)}
          type={item.tone === 'error' ? 'foreground' : 'background'}
          duration={item.tone === 'error' ? 8000 : 5000}
          onOpenChange={(open) => !open && dismiss(item.id)}
        >
          <Toast.Title className={styles.title}>{item.title}</Toast.Title>
          <Toast.Close className={iconButtonClass} aria-label="Dismiss">
            <X aria-hidden size={16} />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className={styles.viewport} />
    </Toast.Provider>
  );
}
