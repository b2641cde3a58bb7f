/**
 * Which webhooks the list shows and in what order: search, filters and sort over the shown API's webhooks.
 * Pure (no React, no store) so the bench can time it per keystroke; each webhook's search text is computed
 * once per WebhookView object (main's answers are never mutated, so a changed webhook is a new object).
 */
import type { WebhookView } from '../../../shared/domain';
import { SCHEME_LABELS, type SignatureScheme } from '../../../shared/schemes';

export type StatusFilter = 'all' | 'active' | 'paused' | 'failed';
export type SortKey = 'created' | 'version' | 'url' | 'updated' | 'lastDelivery';
export type SortDirection = 'asc' | 'desc';

export interface ListView {
  query: string;
  /** A product version label, or null for any. */
  version: string | null;
  scheme: SignatureScheme | null;
  status: StatusFilter;
  sort: SortKey;
  direction: SortDirection;
}

export const DEFAULT_LIST_VIEW: ListView = {
  query: '',
  version: null,
  scheme: null,
  status: 'all',
  sort: 'created',
  direction: 'asc',
};

export const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'Any status',
  active: 'Active',
  paused: 'Paused',
  failed: 'Last delivery failed',
};

export const SORT_LABELS: Record<SortKey, string> = {
  created: 'Created',
  version: 'Version',
  url: 'URL',
  updated: 'Updated',
  lastDelivery: 'Last delivery',
};

const haystacks = new WeakMap<WebhookView, string>();

/** What a search matches in: URL, description, version and scheme (its label and its id), lower case. */
function haystack(webhook: WebhookView): string {
  let text = haystacks.get(webhook);
  if (text === undefined) {
    text = [
      webhook.url,
      webhook.description ?? '',
      webhook.version,
      SCHEME_LABELS[webhook.scheme],
      webhook.scheme,
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(webhook, text);
  }
  return text;
}

function matchesStatus(webhook: WebhookView, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'active':
      return !webhook.paused;
    case 'paused':
      return webhook.paused === true;
    case 'failed':
      return webhook.lastDelivery?.outcome === 'failure';
  }
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const versions = new Intl.Collator(undefined, { numeric: true });

/** Compares two webhooks by `key`, ascending; webhooks never delivered to sort before any delivery. */
function compare(key: SortKey, a: WebhookView, b: WebhookView): number {
  switch (key) {
    case 'created':
      return 0; // main's order
    case 'version':
      return versions.compare(a.version, b.version);
    case 'url':
      return text(a.url.toLowerCase(), b.url.toLowerCase());
    case 'updated':
      return text(a.updatedAt, b.updatedAt);
    case 'lastDelivery':
      return text(a.lastDelivery?.sentAt ?? '', b.lastDelivery?.sentAt ?? '');
  }
}

/**
 * All ids in the chosen order; `ids` is main's order and equal keys keep it in both directions. Computed
 * when the list or the sort changes, not per keystroke.
 */
export function sortedIds(
  ids: readonly string[],
  byId: Record<string, WebhookView>,
  sort: SortKey,
  direction: SortDirection,
): string[] {
  const present = ids.filter((id) => byId[id] !== undefined);
  if (sort === 'created') return direction === 'asc' ? present : present.reverse();
  const sign = direction === 'asc' ? 1 : -1;
  const decorated = present.map((id, index) => ({ id, index, webhook: byId[id] as WebhookView }));
  decorated.sort((a, b) => sign * compare(sort, a.webhook, b.webhook) || a.index - b.index);
  return decorated.map((entry) => entry.id);
}

/** The sorted ids that match the search and the filters, in the same order: what runs per keystroke. */
export function filteredIds(
  sorted: readonly string[],
  byId: Record<string, WebhookView>,
  view: Pick<ListView, 'query' | 'version' | 'scheme' | 'status'>,
): readonly string[] {
  const terms = view.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0 && view.version === null && view.scheme === null && view.status === 'all')
    return sorted;
  const shown: string[] = [];
  for (const id of sorted) {
    const webhook = byId[id];
    if (!webhook) continue;
    if (view.version !== null && webhook.version !== view.version) continue;
    if (view.scheme !== null && webhook.scheme !== view.scheme) continue;
    if (!matchesStatus(webhook, view.status)) continue;
    if (terms.length > 0) {
      const hay = haystack(webhook);
      if (!terms.every((term) => hay.includes(term))) continue;
    }
    shown.push(id);
  }
  return shown;
}

/** The ids to show, in order (sortedIds then filteredIds). */
export function visibleIds(
  ids: readonly string[],
  byId: Record<string, WebhookView>,
  view: ListView,
): readonly string[] {
  return filteredIds(sortedIds(ids, byId, view.sort, view.direction), byId, view);
}

/** Whether any search or filter narrows the list (the sort alone does not). */
export function isFiltered(view: ListView): boolean {
  return view.query.trim() !== '' || view.version !== null || view.scheme !== null || view.status !== 'all';
}
