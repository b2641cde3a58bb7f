/**
 * The name of every IPC channel and main-to-renderer event, and how a name maps to its preload function.
 * Kept apart from contract.ts (which checks at compile time that it matches these lists) so the preload
 * can build its API without bundling zod and the schemas.
 */
export const CHANNELS = [
  'app.notices',
  'apis.list',
  'apis.create',
  'apis.update',
  'apis.delete',
  'webhooks.list',
  'webhooks.create',
  'webhooks.updateUrl',
  'webhooks.updateDetails',
  'webhooks.setPaused',
  'webhooks.setHeaders',
  'webhooks.changeVersion',
  'webhooks.delete',
  'webhooks.regenerateSecret',
  'webhooks.setScheme',
  'keychain.check',
  'keychain.removeOrphans',
  'rotation.roll',
  'rotation.switch',
  'rotation.cancel',
  'rotation.endOverlap',
  'rotation.test',
  'secrets.reveal',
  'secrets.copy',
  'deliveries.send',
  'deliveries.list',
  'deliveries.redeliver',
  'deliveries.copyAsCurl',
  'retries.start',
  'retries.stop',
  'retries.get',
  'preflight.checkWebhook',
  'preflight.checkUrl',
  'preflight.checkReceiver',
  'transfer.export',
  'transfer.openImport',
  'transfer.previewImport',
  'transfer.applyImport',
  'receiverCode.get',
  'receiverCode.copy',
  'receiverCode.copyEnv',
  'doctor.diagnose',
  'doctor.diagnoseDelivery',
  'doctor.diagnoseInboxRequest',
  'inbox.status',
  'inbox.start',
  'inbox.stop',
  'inbox.setResponse',
  'inbox.list',
  'inbox.clear',
  'inbox.copyAsCurl',
  'inbox.copyAddress',
  'inbox.save',
  'templates.get',
  'templates.save',
  'templates.reset',
  'settings.get',
  'settings.update',
] as const;

export const EVENT_NAMES = [
  'deliveries.changed',
  'app.noticesChanged',
  'webhooks.changed',
  'inbox.received',
  'retries.changed',
  'config.changed',
  'app.menuCommand',
] as const;

export type ChannelName = (typeof CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Splits a channel or event name into its domain and verb. */
export function splitName(name: string): { domain: string; verb: string } {
  const dot = name.indexOf('.');
  return { domain: name.slice(0, dot), verb: name.slice(dot + 1) };
}

export function subscriberName(event: EventName): string {
  const { verb } = splitName(event);
  return `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
}
