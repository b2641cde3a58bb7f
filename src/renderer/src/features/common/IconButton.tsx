import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import styles from './IconButton.module.css';

/** The icon button's look, for Radix parts rendered as one (a menu trigger, a dialog's or toast's close). */
export const iconButtonClass = styles.iconButton;

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The accessible name, also shown on hover (title). */
  label: string;
  children: ReactNode;
}

/**
 * An icon-only button named by `label`. A plain title shows the name on hover: a tooltip component per
 * button would cost every row of the table three extra component trees.
 */
export const IconButton = forwardRef<HTMLButtonElement, Props>(function IconButton(
  { label, children, className, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type="button"
      aria-label={label}
      title={label}
      className={className ?? iconButtonClass}
      {...rest}
    >
      {children}
    </button>
  );
});
