import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { ReceivedRequest } from '../../../../shared/inbox';
import { exactTime } from '../../lib/time';
import { useInbox } from '../../stores/inbox';
import { AnswerChip } from './AnswerChip';
import { formatBytes, timeOfDay } from './request-view';
import styles from './RequestList.module.css';
import { VerdictMark } from './VerdictMark';

const optionId = (id: string) => `inbox-request-${id}`;

function RequestItem({ request, selected }: { request: ReceivedRequest; selected: boolean }) {
  return (
    <li
      id={optionId(request.id)}
      role="option"
      aria-selected={selected}
      className={styles.item}
      data-request={request.id}
      onClick={() => useInbox.getState().select(request.id)}
    >
      <time className={styles.time} dateTime={request.receivedAt} title={exactTime(request.receivedAt)}>
        {timeOfDay(request.receivedAt)}
      </time>
      <span className={styles.method}>{request.method}</span>
      <span className={styles.path} title={request.path}>
        {request.path}
      </span>
      <span className={styles.size}>{formatBytes(request.bodyBytes)}</span>
      <VerdictMark requestId={request.id} />
      <AnswerChip status={request.answeredStatus} />
    </li>
  );
}

/** Distance from the bottom under which the list counts as following the newest request. */
const FOLLOW_SLACK_PX = 24;

/**
 * The received requests in arrival order, the newest last and kept in view while the list is scrolled to the
 * bottom. One tab stop: ↑/↓, Home/End choose the request shown (a listbox, selection follows focus).
 */
export function RequestList() {
  const requests = useInbox((state) => state.requests);
  const selectedId = useInbox((state) => state.selectedId);
  const list = useRef<HTMLUListElement>(null);
  const following = useRef(true);

  // A new request scrolls into view unless the user scrolled up to read older ones.
  useLayoutEffect(() => {
    const element = list.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [requests.length]);
  useLayoutEffect(() => {
    if (selectedId === null) return;
    list.current
      ?.querySelector(`#${CSS.escape(optionId(selectedId))}`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (requests.length === 0) return;
    const index = requests.findIndex((request) => request.id === selectedId);
    const last = requests.length - 1;
    const next: Record<string, number> = {
      ArrowDown: index < 0 ? last : Math.min(index + 1, last),
      ArrowUp: index < 0 ? last : Math.max(index - 1, 0),
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    useInbox.getState().select(requests[target]?.id ?? null);
  };

  return (
    <ul
      ref={list}
      className={styles.list}
      role="listbox"
      aria-label="Received requests, in arrival order"
      tabIndex={0}
      aria-activedescendant={selectedId === null ? undefined : optionId(selectedId)}
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        const { scrollTop, scrollHeight, clientHeight } = event.currentTarget;
        following.current = scrollHeight - scrollTop - clientHeight < FOLLOW_SLACK_PX;
      }}
    >
      {requests.map((request) => (
        <RequestItem key={request.id} request={request} selected={request.id === selectedId} />
      ))}
    </ul>
  );
}
