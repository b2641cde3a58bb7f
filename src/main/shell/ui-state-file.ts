/**
 * The UI state's own small file, `ui-state.json` in userData (config.json holds the configuration alone). A
 * file that is not a JSON object is moved aside and the defaults apply: a lost window position never stops the
 * app.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../ports';
import { StoreFileInvalidError } from '../storage/invalid-file';
import { moveAside, readJsonFile } from '../storage/store-file';
import { DEFAULT_UI_STATE, uiStateSchema, type UiState, type UiStateStore } from './ui-state';

const NAME = 'ui-state';

export function openUiStateFile(dir: string, clock: Clock): UiStateStore {
  const path = join(dir, `${NAME}.json`);
  let state = load(dir, path, clock);
  return {
    read: () => state,
    write(next) {
      state = next;
      // Written beside it, then renamed over it: a crash never leaves half a file.
      try {
        writeFileSync(`${path}.tmp`, JSON.stringify(next, null, '\t'));
        renameSync(`${path}.tmp`, path);
      } catch (error) {
        console.warn(`[hookwarden] could not save ${path}: ${(error as Error).message}`);
      }
    },
  };
}

function load(dir: string, path: string, clock: Clock): UiState {
  const state = readState(path);
  if (state !== 'unusable') return state ?? DEFAULT_UI_STATE;
  try {
    console.warn(`[hookwarden] ${path} could not be used; moved aside to ${moveAside(dir, NAME, clock)}`);
  } catch (error) {
    console.warn(`[hookwarden] ${path} could not be used nor moved aside: ${(error as Error).message}`);
  }
  return DEFAULT_UI_STATE;
}

/** The file's state; undefined when there is no file or it cannot be read; 'unusable' when it is no JSON object. */
function readState(path: string): UiState | undefined | 'unusable' {
  try {
    const raw = readJsonFile(path);
    if (raw === undefined) return undefined;
    const parsed = uiStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : 'unusable';
  } catch (error) {
    if (error instanceof StoreFileInvalidError) return 'unusable';
    console.warn(`[hookwarden] ${(error as Error).message}`);
    return undefined;
  }
}
