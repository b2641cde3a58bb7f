/** The actions menu's stand-in opened by keyboard before its Radix part has loaded: focus as for any keyboard opening. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Pencil, Trash2 } from 'lucide-react';
import { expect, it, vi } from 'vitest';
import { ActionsMenu } from '../../src/renderer/src/features/common/ActionsMenu';

/** Holds the menu's chunk back until the test lets it load. */
const chunk = await vi.hoisted(async () => (await import('../support/held-load')).heldLoad());
vi.mock('../../src/renderer/src/features/common/ActionsDropdown', async (importOriginal) => {
  await chunk.loaded;
  return importOriginal();
});

it('Enter on "More actions" before the menu has loaded opens it with the first item focused; arrows move', async () => {
  const user = userEvent.setup();
  const items = [
    { label: 'Edit URL', icon: Pencil, opensDialog: false, select: vi.fn() },
    { label: 'Delete', icon: Trash2, opensDialog: true, select: vi.fn() },
  ];
  render(
    <main>
      <ActionsMenu label="More actions" items={items} />
    </main>,
  );

  screen.getByRole('button', { name: 'More actions' }).focus();
  await user.keyboard('{Enter}');
  expect(screen.queryByRole('menu')).toBeNull();

  chunk.load();
  const menu = await screen.findByRole('menu');
  await vi.waitFor(() => expect(within(menu).getByRole('menuitem', { name: 'Edit URL' })).toHaveFocus());
  await user.keyboard('{ArrowDown}');
  expect(within(menu).getByRole('menuitem', { name: 'Delete' })).toHaveFocus();
});
