/**
 * Signing secrets the user chose to see, hidden again after REVEAL_MS and whenever the user leaves the page;
 * never persisted. Fetched from main on demand only (features/webhooks/actions.ts).
 */
import { create } from 'zustand';
import type { SecretRole } from '../../../shared/rotation';
import { omitKey } from '../lib/records';

export const REVEAL_MS = 30_000;

/** Where a revealed secret is kept: the webhook's id for its current secret, `<id>#previous`, `<id>#next`. */
export function secretKey(webhookId: string, role: SecretRole = 'current'): string {
  return role === 'current' ? webhookId : `${webhookId}#${role}`;
}

interface SecretsState {
  revealed: Record<string, string>;
  /** Shows a secret main just gave, for REVEAL_MS. */
  show(id: string, secret: string): void;
  hide(id: string): void;
  hideAll(): void;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();

function clearTimer(id: string): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
}

export const useSecrets = create<SecretsState>()((set, get) => ({
  revealed: {},

  show(id, secret) {
    clearTimer(id);
    timers.set(
      id,
      setTimeout(() => get().hide(id), REVEAL_MS),
    );
    set((state) => ({ revealed: { ...state.revealed, [id]: secret } }));
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
}));
