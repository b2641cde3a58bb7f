import * as Toast from '@radix-ui/react-toast';
import { X } from 'lucide-react';
import { useToasts } from '../../stores/toasts';

/** Renders the toasts store: announced politely (errors assertively), dismissed by time, swipe, F8 or Close. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <Toast.Provider swipeDirection="right" duration={5000} label="Notifications">
      {toasts.map((item) => (
        <Toast.Root
          key={item.id}
          className={`toast ${item.tone}`}
          type={item.tone === 'error' ? 'foreground' : 'background'}
          duration={item.tone === 'error' ? 8000 : 5000}
          onOpenChange={(open) => !open && dismiss(item.id)}
        >
          <Toast.Title className="toast-title">{item.title}</Toast.Title>
          <Toast.Close className="icon-button" aria-label="Dismiss">
            <X aria-hidden size={16} />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
