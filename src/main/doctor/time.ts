/** The time rules: a signed timestamp a receiver would refuse (replay protection), and why. */
import { explanation, type Explanation } from './explanation';

/** Above this, a Unix time in seconds would be past the year 5000: it is in milliseconds. */
const MILLISECONDS_FROM = 1e11;

export function checkTimestamp(
  written: string,
  receivedAt: Date,
  toleranceSeconds: number,
): Explanation | null {
  if (!/^\d+$/.test(written)) {
    return explanation('time-unparsable', `the timestamp "${written}" is not a number of seconds`, {
      title: "The timestamp isn't a Unix time",
      detail: `The signed timestamp reads "${written}"; receivers expect whole Unix seconds (digits only).`,
      fix: 'Send the time as whole seconds since 1970 (e.g. Math.floor(Date.now() / 1000)).',
    });
  }
  const seconds = Number(written);
  if (seconds >= MILLISECONDS_FROM) {
    return explanation('time-milliseconds', 'the timestamp is in milliseconds, not seconds', {
      title: 'Timestamp in milliseconds instead of seconds',
      detail: `${written} is a time in milliseconds (${new Date(seconds).toISOString()}); read as seconds it is thousands of years ahead, so receivers refuse it.`,
      fix: 'Sign and send whole seconds: Math.floor(Date.now() / 1000), not Date.now().',
    });
  }
  const age = Math.floor(receivedAt.getTime() / 1000) - seconds;
  if (Math.abs(age) <= toleranceSeconds) return null;
  const when = new Date(seconds * 1000).toISOString();
  const limit = `the tolerance is ${duration(toleranceSeconds)}`;
  if (age > 0) {
    return explanation('time-too-old', `the timestamp is ${duration(age)} old (${limit})`, {
      title: 'Timestamp too old',
      detail: `It was signed at ${when}, ${duration(age)} before it was received; ${limit}, after which receivers refuse a request as a possible replay.`,
      fix: 'Verify as the request arrives (not later from a queue or log), and resend old requests: a redelivery is signed with a fresh timestamp.',
    });
  }
  return explanation('time-in-future', `the timestamp is ${duration(-age)} in the future (${limit})`, {
    title: 'Timestamp in the future (clock skew)',
    detail: `It was signed at ${when}, ${duration(-age)} after the time it was received; ${limit}. The sender's clock is ahead or the receiver's is behind.`,
    fix: 'Synchronise both clocks (NTP), or check that the receiver compares against the current time in UTC.',
  });
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86_400)} days`;
}
