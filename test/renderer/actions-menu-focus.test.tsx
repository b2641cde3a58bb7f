/** The actions menu's stand-in focused when its Radix part loads: focus stays on "More actions". */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Pencil } from 'lucide-react';
import { expect, it, vi } from 'vitest';
import { ActionsMenu } from '../../src/renderer/src/features/common/ActionsMenu';

/** Holds the menu's chunk back until the test lets it load. */
const chunk = await vi.hoisted(async () => (await import('../support/held-load')).heldLoad());
vi.mock('../../src/renderer/src/features/common/ActionsDropdown', async (importOriginal) => {
  await chunk.loaded;
  return importOriginal();
});

it('a keyboard user on "More actions" while the menu loads stays there; Enter then opens it', async () => {
  const user = userEvent.setup();
  const items = [{ label: 'Edit URL', icon: Pencil, opensDialog: false, select: vi.fn() }];
  render(
    <main>
      <button type="button">Before</button>
      <ActionsMenu label="More actions" items={items} />
    </main>,
  );
  const standIn = screen.getByRole('button', { name: 'More actions' });
  await user.tab();
  await user.tab();
  expect(standIn).toHaveFocus();

  chunk.load();
  await waitFor(() => expect(screen.getByRole('button', { name: 'More actions' })).not.toBe(standIn));
  expect(screen.getByRole('button', { name: 'More actions' })).toHaveFocus();
  await user.keyboard('{Enter}');
  const menu = await screen.findByRole('menu');
  expect(within(menu).getByRole('menuitem', { name: 'Edit URL' })).toHaveFocus();
});
