/** Ports every area may need: the clipboard, events to the renderer, the clock. */
import type { EventName, EventPayloads } from '../shared/contract';

export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** Writes a signing secret as text, marked where the platform allows so clipboard managers don't keep it. */
  writeSecret(text: string): Promise<void>;
  clear(): void;
}

/** Sends a main-to-renderer event (see EventPayloads in the contract) to every window. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Runs a task once, `ms` from now, without keeping the process alive for it. Tests pass one they drive. */
export type Schedule = (ms: number, task: () => void) => void;

export const systemSchedule: Schedule = (ms, task) => {
  setTimeout(task, ms).unref();
};
