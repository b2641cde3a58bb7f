/** One change to the delivery log: the unit the store makes durable (a journal line) and replays after a crash. */
import { z } from 'zod';
import { deliverySchema } from '../../shared/delivery';

export const logChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), record: deliverySchema }),
  z.strictObject({ op: z.literal('remove'), webhookIds: z.array(z.string()) }),
]);

export type LogChange = z.infer<typeof logChangeSchema>;
