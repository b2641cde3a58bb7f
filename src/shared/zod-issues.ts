/** How a zod validation failure reads, in main's errors and in the renderer's forms alike (zod and zod/mini). */
import type { z } from 'zod';

/**
 * A union's issue as the branch that got furthest into the value says it (a custom schedule's "Delays are
 * whole seconds." rather than the union's "Invalid input"); the union's own when no branch got in at all.
 */
function furthest(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  let best: z.core.$ZodIssue | undefined;
  for (const [first] of issue.errors) {
    if (first && first.path.length > (best?.path.length ?? 0)) best = first;
  }
  return best ? furthest({ ...best, path: [...issue.path, ...best.path] }) : issue;
}

/** "path: message" ("<whole>: message" when the issue is about the whole value). */
export function issueText(issue: z.core.$ZodIssue, whole: string): string {
  const { path, message } = furthest(issue);
  return `${path.length > 0 ? path.join('.') : whole}: ${message}`;
}

/** The first problem zod found, as issueText. */
export function firstIssue(error: z.core.$ZodError, whole: string): string {
  const [first] = error.issues;
  return first ? issueText(first, whole) : `${whole}: invalid`;
}

/** The first problem's message alone, for a form field that names itself. */
export function firstMessage(error: z.core.$ZodError, fallback: string): string {
  const [first] = error.issues;
  return first ? furthest(first).message : fallback;
}
