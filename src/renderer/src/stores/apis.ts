/** The APIs in the sidebar and which one is selected. Reading and changing them in main: features/apis/actions.ts. */
import { create } from 'zustand';
import type { Api } from '../../../shared/domain';
import type { LoadStatus } from './load-status';

interface ApisState {
  apis: Api[];
  status: LoadStatus;
  error: string | null;
  selectedId: string | null;
  select(id: string): void;
  loading(): void;
  /** Main's list: the selected API stays selected while it exists, else the first one is. */
  loaded(apis: Api[]): void;
  failed(message: string): void;
  /** An API main just created: shown and selected. */
  added(api: Api): void;
  /** An API main just changed. */
  replaced(api: Api): void;
  /** An API main just deleted: if it was selected, the one in its place (or the last) is. */
  removed(id: string): void;
}

export const useApis = create<ApisState>()((set, get) => ({
  apis: [],
  status: 'loading',
  error: null,
  selectedId: null,

  select: (id) => set({ selectedId: id }),

  loading: () => set({ status: 'loading', error: null }),

  loaded(apis) {
    const selected = get().selectedId;
    const keep = apis.some((api) => api.id === selected);
    set({ apis, status: 'ready', selectedId: keep ? selected : (apis[0]?.id ?? null) });
  },

  failed: (message) => set({ status: 'error', error: message }),

  added: (api) => set((state) => ({ apis: [...state.apis, api], selectedId: api.id })),

  replaced: (api) => set((state) => ({ apis: state.apis.map((a) => (a.id === api.id ? api : a)) })),

  removed: (id) =>
    set((state) => {
      const index = state.apis.findIndex((a) => a.id === id);
      const apis = state.apis.filter((a) => a.id !== id);
      const selectedId =
        state.selectedId === id ? (apis[Math.min(index, apis.length - 1)]?.id ?? null) : state.selectedId;
      return { apis, selectedId };
    }),
}));

export const useSelectedApi = () => useApis((state) => state.apis.find((a) => a.id === state.selectedId));
