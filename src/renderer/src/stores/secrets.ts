/**
 * Signing secrets the user chose to see. Fetched from main on demand only, hidden again after
 * REVEAL_MS and whenever the user leaves the page; never persisted.
 */
import { create } from 'zustand';
import { call } from '../lib/ipc';
import { omitKey } from '../lib/records';

export const REVEAL_MS = 30_000;

interface SecretsState {
  revealed: Record<string, string>;
  reveal(id: string): Promise<void>;
  hide(id: string): void;
  hideAll(): void;
  /** After a regenerate: a shown secret is replaced by the new one, a hidden one stays hidden. */
  refresh(id: string): Promise<void>;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();

function clearTimer(id: string): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
}

export const useSecrets = create<SecretsState>()((set, get) => {
  const show = (id: string, secret: string) => {
    clearTimer(id);
    timers.set(
      id,
      setTimeout(() => get().hide(id), REVEAL_MS),
    );
    set((state) => ({ revealed: { ...state.revealed, [id]: secret } }));
  };

  return {
    revealed: {},

    async reveal(id) {
      const { secret } = await call('secrets.reveal', { id });
      show(id, secret);
    },

    hide(id) {
      clearTimer(id);
      if (!(id in get().revealed)) return;
      set((state) => ({ revealed: omitKey(state.revealed, id) }));
    },

    hideAll() {
      for (const id of timers.keys()) clearTimer(id);
      if (Object.keys(get().revealed).length > 0) set({ revealed: {} });
    },

    async refresh(id) {
      if (!(id in get().revealed)) return;
      get().hide(id); // never show the old, now useless value
      const { secret } = await call('secrets.reveal', { id });
      show(id, secret);
    },
  };
});

/** Main copies the secret and clears the clipboard later; the renderer never sees it. Returns when it clears. */
export async function copySecret(id: string): Promise<number> {
  const { clearsAfterMs } = await call('secrets.copy', { id });
  return clearsAfterMs;
}
