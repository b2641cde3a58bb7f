/** The rotation sequences test/main/rotation-crash.test.ts kills, and the messages of its child. */
import type { Channel } from '../../src/shared/contract';

/** The sequences the parent kills: every rotation step, each once or more. */
export const SEQUENCES = {
  overlap: [
    { channel: 'rotation.roll', input: { keepOldFor: '24h' } },
    { channel: 'rotation.roll', input: { keepOldFor: '24h', endOverlap: true } },
    { channel: 'rotation.endOverlap', input: {} },
    { channel: 'rotation.roll', input: { keepOldFor: 'now' } },
  ],
  guided: [
    { channel: 'rotation.roll', input: {} },
    { channel: 'rotation.cancel', input: {} },
    { channel: 'rotation.roll', input: {} },
    { channel: 'rotation.switch', input: { force: true, keepOldFor: '1h' } },
    { channel: 'rotation.endOverlap', input: {} },
  ],
} as const satisfies Record<string, readonly { channel: Channel; input: object }[]>;

export interface RotationCrashArgs {
  dir: string;
  service: string;
  webhookId: string;
  sequence: keyof typeof SEQUENCES;
  pause?: { write: number; at: 'before' | 'after' };
}

export type RotationCrashMessage =
  | { event: 'wrote'; write: number; slot: string; secret?: string }
  | { event: 'ack'; step: number }
  | { event: 'paused'; write: number; at: 'before' | 'after' }
  | { event: 'done'; writes: number };
