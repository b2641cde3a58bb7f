/** The APIs in the sidebar and which one is selected. */
import { create } from 'zustand';
import type { Api } from '../../../shared/domain';
import { call } from '../lib/ipc';
import { reportError } from './status';

type LoadStatus = 'loading' | 'ready' | 'error';

interface ApisState {
  apis: Api[];
  status: LoadStatus;
  error: string | null;
  selectedId: string | null;
  load(): Promise<void>;
  select(id: string): void;
  create(name: string, versions: string[]): Promise<Api>;
  update(id: string, patch: { name?: string; versions?: string[] }): Promise<Api>;
  remove(id: string, cascade: boolean): Promise<number>;
}

export const useApis = create<ApisState>()((set, get) => ({
  apis: [],
  status: 'loading',
  error: null,
  selectedId: null,

  async load() {
    set({ status: 'loading', error: null });
    try {
      const apis = await call('apis.list');
      const selected = get().selectedId;
      const keep = apis.some((api) => api.id === selected);
      set({ apis, status: 'ready', selectedId: keep ? selected : (apis[0]?.id ?? null) });
    } catch (error) {
      set({ status: 'error', error: reportError(error).message });
    }
  },

  select: (id) => set({ selectedId: id }),

  async create(name, versions) {
    const api = await call('apis.create', { name, versions });
    set((state) => ({ apis: [...state.apis, api], selectedId: api.id }));
    return api;
  },

  async update(id, patch) {
    const api = await call('apis.update', { id, ...patch });
    set((state) => ({ apis: state.apis.map((a) => (a.id === id ? api : a)) }));
    return api;
  },

  async remove(id, cascade) {
    const { deletedWebhooks } = await call('apis.delete', { id, cascade });
    set((state) => {
      const index = state.apis.findIndex((a) => a.id === id);
      const apis = state.apis.filter((a) => a.id !== id);
      const selectedId =
        state.selectedId === id ? (apis[Math.min(index, apis.length - 1)]?.id ?? null) : state.selectedId;
      return { apis, selectedId };
    });
    return deletedWebhooks;
  },
}));

export const useSelectedApi = () => useApis((state) => state.apis.find((a) => a.id === state.selectedId));
