/** Renders the whole renderer against the real main core (see renderer-backend.ts), with fresh stores. */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { expect } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useApis } from '../../src/renderer/src/stores/apis';
import { useDeliveries } from '../../src/renderer/src/stores/deliveries';
import { useDoctor } from '../../src/renderer/src/stores/doctor';
import { useInbox } from '../../src/renderer/src/stores/inbox';
import { useRetries } from '../../src/renderer/src/stores/retries';
import { useSecrets } from '../../src/renderer/src/stores/secrets';
import { useSettings } from '../../src/renderer/src/stores/settings';
import { useStatus } from '../../src/renderer/src/stores/status';
import { useToasts } from '../../src/renderer/src/stores/toasts';
import { useTransfer } from '../../src/renderer/src/stores/transfer';
import { useUi } from '../../src/renderer/src/stores/ui';
import { useWebhooks } from '../../src/renderer/src/stores/webhooks';
import type { HookwardenApi } from '../../src/shared/contract';

const stores = [
  useApis,
  useDeliveries,
  useDoctor,
  useInbox,
  useRetries,
  useSecrets,
  useSettings,
  useStatus,
  useToasts,
  useTransfer,
  useUi,
  useWebhooks,
] as const;
const initialStates = stores.map((store) => store.getState());

export function resetStores(): void {
  useSecrets.getState().hideAll();
  stores.forEach((store, index) =>
    (store as { setState(s: unknown, replace: true): void }).setState(initialStates[index], true),
  );
}

/**
 * Starts the app on `backend` (its api becomes window.hookwarden); waits until the first screen (APIs and, if
 * any, webhooks) has loaded.
 */
export async function renderApp(
  backend: { api: HookwardenApi },
  options: Parameters<typeof userEvent.setup>[0] = {},
) {
  resetStores();
  Object.defineProperty(window, 'hookwarden', { value: backend.api, configurable: true, writable: true });
  const user = userEvent.setup({ delay: null, ...options });
  const view = render(<App />);
  await screen.findByRole('navigation', { name: 'APIs' });
  await waitForLoaded();
  return { user, ...view };
}

export async function waitForLoaded(): Promise<void> {
  await waitFor(() => expect(screen.queryByText(/^Loading/)).toBeNull());
}

export const table = () => screen.getByRole('grid', { name: 'Webhooks' });

/** The body rows of the Webhooks table (the header row excluded). */
export function bodyRows(): HTMLElement[] {
  return within(table())
    .getAllByRole('row')
    .filter((row) => within(row).queryAllByRole('columnheader').length === 0);
}

/** The row showing `url`. */
export function rowOf(url: string): HTMLElement {
  const row = bodyRows().find((candidate) => within(candidate).queryByText(url) !== null);
  if (!row) throw new Error(`no row shows ${url}`);
  return row;
}

/** Runs axe on what the user sees (the whole document, so dialogs in portals count) and expects no violations. */
export async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, {
    // jsdom does not lay out or paint: contrast cannot be computed here.
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}
