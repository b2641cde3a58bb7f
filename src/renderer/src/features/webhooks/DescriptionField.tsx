import { DESCRIPTION_MAX, descriptionSchema } from '../../../../shared/domain';
import { firstMessage } from '../../../../shared/zod-issues';
import { TextField } from '../common/TextField';

/** "Description": an optional one-line label shown under the URL. */
export function DescriptionField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <TextField
      label="Description"
      value={value}
      onChange={onChange}
      error={descriptionProblem(value)}
      hint={`Optional, up to ${DESCRIPTION_MAX} characters, shown under the URL (e.g. “Production billing”).`}
    />
  );
}

/** Why the description cannot be saved, or null. */
export function descriptionProblem(value: string): string | null {
  const parsed = descriptionSchema.safeParse(value);
  return parsed.success ? null : firstMessage(parsed.error, 'This description cannot be saved.');
}
