/** `hookwarden webhooks list|create|edit|delete|regenerate|roll|pause|resume`. */
import type { Command } from 'commander';
import type { WebhookView } from '../../shared/domain';
import { OVERLAP_CHOICES, type OverlapChoice } from '../../shared/rotation';
import type { ConfigData } from '../../main/config/ports';
import { call } from '../call';
import type { Context } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine, table } from '../output';
import { findApiRef, findWebhookRef } from '../refs';

/** A webhook as the command line shows it: the app's view and its API's name. No secret is in either. */
function listed(config: ConfigData, view: WebhookView) {
  const api = config.apis.find((candidate) => candidate.id === view.apiId);
  return { ...view, api: api?.name ?? null };
}

function state(view: WebhookView): string {
  if (view.secretMissing) return 'secret missing';
  if (view.rotation?.phase === 'overlap') return 'rotating (overlap)';
  if (view.rotation) return 'rotating (new secret waiting)';
  return view.paused ? 'paused' : 'active';
}

function printWebhook(context: Context, config: ConfigData, view: WebhookView, done: string): void {
  if (context.json()) return printJson(listed(config, view));
  printLine(`${done} webhook ${view.id}: ${view.version} ${view.url} (${view.scheme}, ${state(view)}).`);
}

export function registerWebhooks(cli: Command, context: Context): void {
  const webhooks = cli
    .command('webhooks')
    .description('List, create, edit, delete, regenerate, roll, pause and resume webhooks.')
    .addHelpText('after', '\nA <webhook> is named by its id, a unique start of its id, or its URL.');

  webhooks
    .command('list')
    .description('List the webhooks (of every API, or of one).')
    .option('--api <api>', 'only this API (id, id prefix or name)')
    .action(async (options: { api?: string }) => {
      const { services, config } = context.profile();
      const apis = options.api ? [findApiRef(config.read(), options.api)] : config.read().apis;
      const views: WebhookView[] = [];
      for (const api of apis) views.push(...(await call(services, 'webhooks.list', { apiId: api.id })));
      const rows = views.map((view) => listed(config.read(), view));
      if (context.json()) return printJson(rows);
      printLine(
        table(
          ['ID', 'API', 'VERSION', 'SCHEME', 'URL', 'STATE'],
          rows.map((row) => [row.id, row.api ?? '', row.version, row.scheme, row.url, state(row)]),
        ),
      );
    });

  webhooks
    .command('create')
    .description('Create a webhook; its signing secret is made and kept in the keychain.')
    .requiredOption('--api <api>', 'its API (id, id prefix or name)')
    .requiredOption('--version <version>', 'the product version it listens for')
    .requiredOption('--url <url>', 'the endpoint URL (HTTPS recommended)')
    .option('--scheme <scheme>', 'mindee, standard-webhooks, stripe or github')
    .option('--description <text>', 'a note for people')
    .action(
      async (options: {
        api: string;
        version: string;
        url: string;
        scheme?: string;
        description?: string;
      }) => {
        const { services, config } = context.profile();
        const api = findApiRef(config.read(), options.api);
        const view = await call(services, 'webhooks.create', {
          apiId: api.id,
          version: options.version,
          url: options.url,
          scheme: options.scheme as WebhookView['scheme'] | undefined,
          description: options.description,
        });
        printWebhook(context, config.read(), view, 'Created');
      },
    );

  webhooks
    .command('edit')
    .description('Change a webhook’s URL, description, product version or signature scheme.')
    .argument('<webhook>')
    .option('--url <url>', 'the new endpoint URL')
    .option('--description <text>', 'the new description ("" clears it)')
    .option('--version <version>', 'the new product version')
    .option('--scheme <scheme>', 'the new signature scheme')
    .action(
      async (
        ref: string,
        options: { url?: string; description?: string; version?: string; scheme?: string },
      ) => {
        const { services, config } = context.profile();
        const webhook = findWebhookRef(config.read(), ref);
        const { url, description, version, scheme } = options;
        if ([url, description, version, scheme].every((option) => option === undefined)) {
          throw new CliError('Say what to change: --url, --description, --version or --scheme.', EXIT.usage);
        }
        let view: WebhookView | undefined;
        if (url !== undefined || description !== undefined) {
          view = await call(services, 'webhooks.updateDetails', {
            id: webhook.id,
            url: url ?? webhook.url,
            description: description ?? webhook.description ?? '',
          });
        }
        if (version !== undefined)
          view = await call(services, 'webhooks.changeVersion', { id: webhook.id, version });
        if (scheme !== undefined) {
          view = await call(services, 'webhooks.setScheme', {
            id: webhook.id,
            scheme: scheme as WebhookView['scheme'],
          });
        }
        printWebhook(context, config.read(), view as WebhookView, 'Changed');
      },
    );

  webhooks
    .command('delete')
    .description('Delete a webhook and its signing secret.')
    .argument('<webhook>')
    .action(async (ref: string) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      await call(services, 'webhooks.delete', { id: webhook.id });
      if (context.json()) return printJson({ id: webhook.id, deleted: true });
      printLine(`Deleted webhook ${webhook.id} (${webhook.url}) and its signing secret.`);
    });

  webhooks
    .command('regenerate')
    .description('Replace a webhook’s signing secret at once (its receiver must get the new one).')
    .argument('<webhook>')
    .action(async (ref: string) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const view = await call(services, 'webhooks.regenerateSecret', { id: webhook.id });
      printWebhook(context, config.read(), view, 'New signing secret for');
    });

  webhooks
    .command('roll')
    .description(
      'Roll the signing secret without downtime: Standard Webhooks and Stripe sign with both secrets for the ' +
        'overlap; Mindee and GitHub start a guided rotation (finish it in the app).',
    )
    .argument('<webhook>')
    .option(
      '--keep-old-for <time>',
      `how long the old secret keeps signing: ${OVERLAP_CHOICES.map((choice) => choice.id).join(', ')}`,
    )
    .option('--end-overlap', 'confirms ending the oldest secret of an overlap in progress')
    .action(async (ref: string, options: { keepOldFor?: string; endOverlap?: boolean }) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const view = await call(services, 'rotation.roll', {
        id: webhook.id,
        // Checked by the channel's schema, as the window's choice is.
        keepOldFor: options.keepOldFor as OverlapChoice | undefined,
        endOverlap: options.endOverlap === true,
      });
      printWebhook(context, config.read(), view, 'Rolled the secret of');
    });

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    webhooks
      .command(name)
      .description(paused ? 'Pause a webhook.' : 'Resume a paused webhook.')
      .argument('<webhook>')
      .action(async (ref: string) => {
        const { services, config } = context.profile();
        const webhook = findWebhookRef(config.read(), ref);
        const view = await call(services, 'webhooks.setPaused', { id: webhook.id, paused });
        printWebhook(context, config.read(), view, paused ? 'Paused' : 'Resumed');
      });
  }
}
