/** What the APIs' components do: ask main, then update the stores and tell the user how it went. */
import type { Api } from '../../../../shared/domain';
import { call } from '../../lib/ipc';
import { plural } from '../../lib/plural';
import { useApis } from '../../stores/apis';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';

export async function loadApis(): Promise<void> {
  useApis.getState().loading();
  try {
    useApis.getState().loaded(await call('apis.list'));
  } catch (error) {
    useApis.getState().failed(reportError(error).message);
  }
}

/** Opens an API's Webhooks page, from whichever page is open. */
export function showApi(id: string): void {
  useApis.getState().select(id);
  useUi.getState().showPage('webhooks');
}

/** Adds the API and opens its Webhooks page. */
export async function addApi(name: string, versions: string[]): Promise<Api> {
  const api = await call('apis.create', { name, versions });
  useApis.getState().added(api);
  useUi.getState().showPage('webhooks');
  toast(`API ${name} added`);
  return api;
}

export async function saveApi(id: string, changes: { name?: string; versions?: string[] }): Promise<Api> {
  const api = await call('apis.update', { id, ...changes });
  useApis.getState().replaced(api);
  toast('API saved');
  return api;
}

/** How many webhooks an API has: webhooks.list never reads the keychain, so counting is cheap and safe. */
export async function countWebhooks(apiId: string): Promise<number> {
  return (await call('webhooks.list', { apiId })).length;
}

/** Deletes the API with its webhooks and their signing secrets. */
export async function deleteApi(api: Api): Promise<void> {
  const { deletedWebhooks } = await call('apis.delete', { id: api.id, cascade: true });
  useApis.getState().removed(api.id);
  const webhooks = deletedWebhooks > 0 ? ` with ${plural(deletedWebhooks, 'webhook', 'webhooks')}` : '';
  toast(`API ${api.name} deleted${webhooks}`);
}
