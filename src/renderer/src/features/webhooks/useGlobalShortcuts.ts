/**
 * The window's keyboard shortcuts: `/` or Ctrl/Cmd+F focuses "Search webhooks", Ctrl/Cmd+N opens "Create a new
 * webhook" (as its button does), `?` opens "Keyboard shortcuts". None while a dialog is open; `/` and `?` are
 * typed as text in a field.
 */
import { useEffect } from 'react';
import { SEARCH_ATTRIBUTE } from './WebhookListToolbar';

/** The create button carries this attribute (CreateWebhookDialog.tsx). */
const CREATE_BUTTON = '[data-create-webhook]';

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null)
  );
}

const dialogOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

export function useGlobalShortcuts(showShortcuts: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || dialogOpen()) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.shiftKey && key === 'f') {
        const search = document.querySelector<HTMLInputElement>(`[${SEARCH_ATTRIBUTE}]`);
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
      } else if (mod && !event.shiftKey && key === 'n') {
        const create = document.querySelector<HTMLButtonElement>(CREATE_BUTTON);
        if (!create) return;
        event.preventDefault();
        create.click();
      } else if (!mod && event.key === '/' && !typingIn(event.target)) {
        const search = document.querySelector<HTMLInputElement>(`[${SEARCH_ATTRIBUTE}]`);
        if (!search) return;
        event.preventDefault();
        search.focus();
      } else if (!mod && event.key === '?' && !typingIn(event.target)) {
        event.preventDefault();
        showShortcuts();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [showShortcuts]);
}
