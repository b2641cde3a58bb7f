/** Test payload templates per API version, read and written only while the payload editor is open. */
import type { PayloadTemplate } from '../../../shared/delivery';
import { call } from '../lib/ipc';

export interface VersionRef {
  apiId: string;
  version: string;
}

export const loadTemplate = (ref: VersionRef): Promise<PayloadTemplate> => call('templates.get', ref);

/** Main checks the JSON again (INVALID_JSON) and stores it as that version's template. */
export const saveTemplate = (ref: VersionRef, json: string): Promise<PayloadTemplate> =>
  call('templates.save', { ...ref, json });

/** Back to the built-in default; answers with a fresh example of it. */
export const resetTemplate = (ref: VersionRef): Promise<PayloadTemplate> => call('templates.reset', ref);
