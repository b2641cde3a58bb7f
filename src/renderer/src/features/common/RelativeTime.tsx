import { useNow } from '../../lib/useNow';
import { exactTime, relativeTime } from '../../lib/time';

/** "2 min ago", with the exact time on hover (title) and for machines (dateTime). */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
