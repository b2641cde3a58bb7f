import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from '../../lib/cx';
import styles from './dialog.module.css';
import { iconButtonClass } from './IconButton';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Where focus goes on close when there is no trigger to return to (dialogs opened from a menu). */
  onCloseAutoFocus?: (event: Event) => void;
  /** The button that opens the dialog, when it has one; focus returns to it on close. */
  trigger?: ReactNode;
  /** A wider dialog, for an editor. */
  wide?: boolean;
}

/** A modal dialog around a form: focus trapped inside, Escape and "Close" cancel, focus returns on close. */
export function FormDialog(props: Props) {
  const { open, onOpenChange, title, description, children, onCloseAutoFocus, trigger, wide } = props;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger !== undefined && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content
          className={cx(styles.dialog, wide && styles.wide)}
          onCloseAutoFocus={onCloseAutoFocus}
          {...(description === undefined && { 'aria-describedby': undefined })}
        >
          <Dialog.Title className={styles.title}>{title}</Dialog.Title>
          {description !== undefined && (
            <Dialog.Description className={styles.description}>{description}</Dialog.Description>
          )}
          {children}
          {/* Last in the DOM so the first field gets the initial focus; shown top right. */}
          <Dialog.Close className={cx(iconButtonClass, styles.close)} aria-label="Close">
            <X aria-hidden size={18} />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
