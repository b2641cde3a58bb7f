/** The actions menu's stand-in: its Radix part loads after the first screen, and a click before that is kept. */
import { render, screen, within } from '@testing-library/react';
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

it('a click on "More actions" before the menu has loaded opens it, inside its landmark, once it has', async () => {
  const user = userEvent.setup();
  const select = vi.fn();
  const items = [{ label: 'Edit URL', icon: Pencil, opensDialog: false, select }];
  render(
    <main>
      <ActionsMenu label="More actions" items={items} />
    </main>,
  );

  await user.click(screen.getByRole('button', { name: 'More actions' }));
  expect(screen.queryByRole('menu')).toBeNull();

  chunk.load();
  const menu = await screen.findByRole('menu');
  expect(screen.getByRole('main')).toContainElement(menu);
  expect(menu).toHaveFocus();
  await user.click(within(menu).getByRole('menuitem', { name: 'Edit URL' }));
  expect(select).toHaveBeenCalledOnce();
  expect(screen.queryByRole('menu')).toBeNull();
});
