import type { z } from 'zod';

/** The first problem zod found, as "path: message" ("<whole>: message" when it is about the whole value). */
export function firstIssue(error: z.ZodError, whole: string): string {
  const first = error.issues[0];
  return `${first?.path.join('.') || whole}: ${first?.message ?? 'invalid'}`;
}
