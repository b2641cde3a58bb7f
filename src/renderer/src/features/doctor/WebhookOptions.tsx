import { useDoctor } from '../../stores/doctor';

/** One <option> per webhook of every API, its text naming the API, the version and the URL. */
export function WebhookOptions() {
  const targets = useDoctor((state) => state.targets);
  return targets.map((target) => (
    <option key={target.webhookId} value={target.webhookId}>
      {target.label}
    </option>
  ));
}
