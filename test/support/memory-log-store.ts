/** A delivery log store in memory, for tests and benchmarks of the log's rules without its files. */
import { applyLogChange } from '../../src/main/deliveries/log';
import type { DeliveryLogData, DeliveryLogStore } from '../../src/main/deliveries/ports';

export function memoryLogStore(): DeliveryLogStore {
  let data: DeliveryLogData = { byWebhook: {} };
  return {
    read: () => data,
    apply: (change) => {
      data = applyLogChange(data, change);
    },
    flush: () => undefined,
  };
}
