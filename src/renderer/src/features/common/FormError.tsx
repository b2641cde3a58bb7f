import { CircleAlert } from 'lucide-react';

/** An error from main shown inside a form; the fields keep what the user typed. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      <CircleAlert aria-hidden size={16} />
      <span>{message}</span>
    </p>
  );
}
