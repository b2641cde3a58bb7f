/**
 * Short-lived messages: what an action did, or why it did not — never what the screen already shows (a
 * delivery's outcome is in its open record, a saved setting in its field).
 */
import { create } from 'zustand';

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  title: string;
  tone: ToastTone;
}

interface ToastsState {
  toasts: Toast[];
  push(title: string, tone?: ToastTone): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** At most this many at once: a new one pushes the oldest out. */
export const MAX_TOASTS = 3;

export const useToasts = create<ToastsState>()((set) => ({
  toasts: [],
  push: (title, tone = 'success') =>
    set((state) => ({ toasts: [...state.toasts, { id: nextId++, title, tone }].slice(-MAX_TOASTS) })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

export const toast = (title: string, tone?: ToastTone) => useToasts.getState().push(title, tone);
