import { CHANNELS, EVENT_NAMES, splitName, subscriberName } from '../shared/channel-names';
import type { HookwardenApi } from '../shared/contract';

/** The part of ipcRenderer the preload uses; the e2e bridge supplies the same shape. */
export interface RendererTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (sender: unknown, payload: unknown) => void): void;
  removeListener(event: string, listener: (sender: unknown, payload: unknown) => void): void;
}

/** Builds window.hookwarden from the contract: named functions only, never the transport itself; frozen. */
export function buildApi(transport: RendererTransport): HookwardenApi {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string) => (api[name] ??= {});

  for (const channel of CHANNELS) {
    const { domain: d, verb } = splitName(channel);
    domain(d)[verb] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const event of EVENT_NAMES) {
    domain(splitName(event).domain)[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      const forward = (_sender: unknown, payload: unknown) => listener(payload);
      transport.on(event, forward);
      return () => transport.removeListener(event, forward);
    };
  }
  // Frozen here, not only by Electron's contextBridge (which freezes what it copies): a page script can
  // neither replace a function nor add one.
  for (const functions of Object.values(api)) Object.freeze(functions);
  return Object.freeze(api) as HookwardenApi;
}
