/**
 * The Inbox (the local receiver): main's status of it (listening where, the answer chosen) and the requests it
 * received, in arrival order, with the one whose headers and body are shown. Asking main: features/inbox/
 * actions.ts; main sends each new request as it arrives (inbox.received), nothing polls.
 */
import { create } from 'zustand';
import { INBOX_LIMIT, type InboxStatus, type ReceivedRequest } from '../../../shared/inbox';
import type { LoadStatus } from './load-status';

interface InboxState {
  /** Main's last word on the Inbox (null until read). */
  inbox: InboxStatus | null;
  status: LoadStatus;
  error: string | null;
  /** Oldest first, as main keeps them (at most INBOX_LIMIT). */
  requests: ReceivedRequest[];
  /** The request whose headers and body are shown. */
  selectedId: string | null;
  /** The Inbox page is reading main's status and list. */
  loading(): void;
  /**
   * Main's status and list. Requests the event brought while the list was on its way stay (after the list),
   * older ones the list no longer has go.
   */
  loaded(inbox: InboxStatus, requests: ReceivedRequest[]): void;
  failed(message: string): void;
  /** Main's status after a start, stop or new answer. */
  changed(inbox: InboxStatus): void;
  /** A request that just arrived: added last (once), the oldest dropped past INBOX_LIMIT. */
  received(request: ReceivedRequest): void;
  /** Main emptied its list. */
  cleared(inbox: InboxStatus): void;
  select(id: string | null): void;
}

export const useInbox = create<InboxState>()((set) => ({
  inbox: null,
  status: 'idle',
  error: null,
  requests: [],
  selectedId: null,

  loading: () => set({ status: 'loading', error: null }),

  loaded: (inbox, list) =>
    set((state) => {
      const known = new Set(list.map((request) => request.id));
      const last = list.at(-1);
      const later = last
        ? state.requests.filter((r) => !known.has(r.id) && r.receivedAt >= last.receivedAt)
        : state.requests;
      const requests = [...list, ...later].slice(-INBOX_LIMIT);
      const selectedId = requests.some((r) => r.id === state.selectedId) ? state.selectedId : null;
      return { inbox, status: 'ready', error: null, requests, selectedId };
    }),

  failed: (message) => set({ status: 'error', error: message }),

  changed: (inbox) => set({ inbox }),

  received: (request) =>
    set((state) => {
      if (state.requests.some((r) => r.id === request.id)) return {};
      const requests = [...state.requests, request].slice(-INBOX_LIMIT);
      const selectedId = requests.some((r) => r.id === state.selectedId) ? state.selectedId : null;
      return { requests, selectedId };
    }),

  cleared: (inbox) => set({ inbox, requests: [], selectedId: null }),

  select: (id) => set({ selectedId: id }),
}));

/** The request shown in full, or undefined. */
export const useSelectedRequest = () =>
  useInbox((state) => state.requests.find((request) => request.id === state.selectedId));
