/** How a zod validation failure reads, in main's errors and in the renderer's forms alike (zod and zod/mini). */
import type { z } from 'zod';

/** "path: message" ("<whole>: message" when the issue is about the whole value). */
export function issueText(issue: z.core.$ZodIssue, whole: string): string {
  return `${issue.path.length > 0 ? issue.path.join('.') : whole}: ${issue.message}`;
}

/** The first problem zod found, as issueText. */
export function firstIssue(error: z.core.$ZodError, whole: string): string {
  const [first] = error.issues;
  return first ? issueText(first, whole) : `${whole}: invalid`;
}

/** The first problem's message alone, for a form field that names itself. */
export function firstMessage(error: z.core.$ZodError, fallback: string): string {
  return error.issues[0]?.message ?? fallback;
}
