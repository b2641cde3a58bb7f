/**
 * onCloseAutoFocus for dialogs opened from a menu: focus goes back to the element matching `target`
 * (the menu's trigger) or, when that is gone (its row was deleted), to `fallback`.
 */
export function returnFocusTo(target: string | null, fallback: string): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    const element = target === null ? null : document.querySelector<HTMLElement>(target);
    (element ?? document.querySelector<HTMLElement>(fallback))?.focus();
  };
}

export const dataSelector = (attribute: string, value: string) => `[${attribute}="${value}"]`;
