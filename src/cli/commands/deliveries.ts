/** `hookwarden send <webhook>` and `hookwarden deliveries list <webhook>`: the webhook's signed test deliveries. */
import type { Command } from 'commander';
import type { Delivery } from '../../shared/delivery';
import { call } from '../call';
import type { Context } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { bodyFrom } from '../inputs';
import { printJson, printLine, table, withProgress } from '../output';
import { findWebhookRef } from '../refs';

/** "200 OK", or the failure in plain words. */
export function outcomeOf(delivery: Delivery): string {
  if (delivery.response) return `${delivery.response.status} ${delivery.response.statusText}`.trim();
  return delivery.error?.message ?? 'No response';
}

/** Sends one signed test delivery of a stored webhook: its template's body, or the payload file's. */
export async function sendToWebhook(
  context: Context,
  ref: string,
  { payload, force }: { payload?: string; force?: boolean },
): Promise<void> {
  const { services, config } = context.profile();
  const webhook = findWebhookRef(config.read(), ref);
  // The window asks first too: a paused webhook's receiver may not expect anything now.
  if (webhook.paused && force !== true) {
    throw new CliError(`The webhook ${webhook.url} is paused: add --force to send to it anyway.`, EXIT.usage);
  }
  let sending;
  if (payload === undefined) sending = call(services, 'deliveries.send', { webhookId: webhook.id });
  else {
    const body = bodyFrom(payload).toString('utf8');
    try {
      JSON.parse(body);
    } catch (error) {
      throw new CliError(`${payload} is not JSON: ${(error as Error).message}`, EXIT.usage);
    }
    sending = services.deliveries.sendBody(webhook.id, body);
  }
  const delivery = await withProgress(`Sending to ${webhook.url}`, sending);
  const ok = delivery.outcome === 'success';
  if (context.json()) printJson({ ok, delivery });
  else printLine(`${outcomeOf(delivery)} (${Math.round(delivery.durationMs)} ms) — delivery ${delivery.id}`);
  if (delivery.logWarning) process.stderr.write(`hookwarden: ${delivery.logWarning}\n`);
  if (!ok)
    throw new CliError(
      `The delivery to ${webhook.url} failed: ${outcomeOf(delivery).replace(/\.$/, '')}.`,
      EXIT.failed,
    );
}

export function registerDeliveries(cli: Command, context: Context): void {
  cli
    .command('deliveries')
    .description('The log of signed test deliveries.')
    .command('list')
    .description('List a webhook’s deliveries, newest first.')
    .argument('<webhook>', 'id, unique id prefix or URL')
    .action(async (ref: string) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const deliveries = await call(services, 'deliveries.list', { webhookId: webhook.id });
      if (context.json()) return printJson(deliveries);
      printLine(
        table(
          ['ID', 'SENT', 'OUTCOME', 'TIME', 'PURPOSE'],
          deliveries.map((delivery) => [
            delivery.id,
            delivery.sentAt,
            outcomeOf(delivery),
            `${Math.round(delivery.durationMs)} ms`,
            delivery.purpose ?? (delivery.redeliveryOf ? 'redelivery' : 'test'),
          ]),
        ),
      );
    });
}
