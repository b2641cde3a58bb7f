/**
 * Sizes the user chose: the Deliveries region's height (set with its splitter), remembered in localStorage so
 * it survives a restart. null: the region's default share of the page.
 */
import { create } from 'zustand';

const KEY = 'hookwarden.deliveriesHeight';

function remembered(): number | null {
  try {
    const value = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

interface LayoutState {
  /** The Deliveries region's height in CSS pixels, or null for its default share. */
  deliveriesHeight: number | null;
  setDeliveriesHeight(height: number): void;
}

export const useLayout = create<LayoutState>()((set) => ({
  deliveriesHeight: remembered(),
  setDeliveriesHeight(height) {
    const rounded = Math.round(height);
    set({ deliveriesHeight: rounded });
    try {
      globalThis.localStorage?.setItem(KEY, String(rounded));
    } catch {
      // Not remembered, still applied.
    }
  },
}));
