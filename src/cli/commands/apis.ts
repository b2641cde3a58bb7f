/** `hookwarden apis list|create|delete`. */
import type { Command } from 'commander';
import { call } from '../call';
import type { Context } from '../context';
import { printJson, printLine, table } from '../output';
import { findApiRef } from '../refs';

export function registerApis(cli: Command, context: Context): void {
  const apis = cli.command('apis').description('List, create and delete APIs.');

  apis
    .command('list')
    .description('List the APIs with their product versions and webhook counts.')
    .action(async () => {
      const { services, config } = context.profile();
      const { webhooks } = config.read();
      const listed = (await call(services, 'apis.list', undefined)).map((api) => ({
        ...api,
        webhooks: webhooks.filter((webhook) => webhook.apiId === api.id).length,
      }));
      if (context.json()) return printJson(listed);
      printLine(
        table(
          ['ID', 'NAME', 'VERSIONS', 'WEBHOOKS'],
          listed.map((api) => [api.id, api.name, api.versions.join(', '), String(api.webhooks)]),
        ),
      );
    });

  apis
    .command('create')
    .description('Create an API.')
    .argument('<name>', 'the API name')
    .requiredOption('--versions <list>', 'its product versions, comma-separated (e.g. v1,v2)')
    .action(async (name: string, options: { versions: string }) => {
      const { services } = context.profile();
      const versions = options.versions.split(',').map((version) => version.trim());
      const api = await call(services, 'apis.create', { name, versions });
      if (context.json()) return printJson(api);
      printLine(`Created API ${api.name} (${api.id}).`);
    });

  apis
    .command('delete')
    .description('Delete an API (named by id, id prefix or name).')
    .argument('<api>', 'id, unique id prefix or name')
    .option('--with-webhooks', 'also delete its webhooks and their signing secrets')
    .action(async (ref: string, options: { withWebhooks?: boolean }) => {
      const { services, config } = context.profile();
      const api = findApiRef(config.read(), ref);
      const result = await call(services, 'apis.delete', {
        id: api.id,
        cascade: options.withWebhooks === true,
      });
      if (context.json()) return printJson({ id: api.id, ...result });
      printLine(`Deleted API ${api.name} and ${result.deletedWebhooks} webhook(s).`);
    });
}
