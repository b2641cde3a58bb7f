/**
 * What the shell remembers between runs that is no part of the user's data: the theme choice and the window's
 * place (kept by `ui-state-file.ts`). A field that cannot be used reads as its default.
 */
import { z } from 'zod';

export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

export const uiStateSchema = z.object({
  theme: z.enum(THEME_CHOICES).catch('system'),
  window: windowStateSchema.optional().catch(undefined),
});

/** The window's normal (not maximised) bounds, and whether it was maximised. */
export type WindowState = z.infer<typeof windowStateSchema>;
export type UiState = z.infer<typeof uiStateSchema>;

export const DEFAULT_UI_STATE: UiState = { theme: 'system' };

/** The port the window and the theme use: reads come from memory, each write replaces the file. */
export interface UiStateStore {
  read(): UiState;
  write(state: UiState): void;
}
