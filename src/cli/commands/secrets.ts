/** `hookwarden secrets copy|show <webhook>`: the only commands that ever touch a secret's value. */
import type { Command } from 'commander';
import { SECRET_ROLES, type SecretRole } from '../../shared/rotation';
import { call } from '../call';
import type { Context } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine, untilInterrupted } from '../output';
import { findWebhookRef } from '../refs';

const ROLE_HELP = `which secret: ${SECRET_ROLES.join(', ')} (previous and next exist during a rotation)`;

export function registerSecrets(cli: Command, context: Context): void {
  const secrets = cli.command('secrets').description('Copy or show a webhook’s signing secret.');

  secrets
    .command('copy')
    .description(
      'Copy the signing secret to the clipboard; it is cleared after 30 s (or at Ctrl+C) unless you copied ' +
        'something else meanwhile. The command waits until then.',
    )
    .argument('<webhook>')
    .option('--role <role>', ROLE_HELP, 'current')
    .action(async (ref: string, options: { role: string }) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const { clearsAfterMs } = await call(services, 'secrets.copy', {
        id: webhook.id,
        role: options.role as SecretRole,
      });
      const seconds = Math.round(clearsAfterMs / 1000);
      if (context.json()) printJson({ id: webhook.id, copied: true, clearsAfterMs });
      else
        printLine(
          `Copied the signing secret of ${webhook.url}. The clipboard is cleared in ${seconds} s (Ctrl+C clears it now).`,
        );
      await untilInterrupted(clearsAfterMs);
      await services.secrets.clearCopied();
    });

  secrets
    .command('show')
    .description('Print the signing secret. Refuses when the output is not a terminal, unless --force.')
    .argument('<webhook>')
    .option('--role <role>', ROLE_HELP, 'current')
    .option('--force', 'print it into a pipe or a file too (it may end up in logs)')
    .action(async (ref: string, options: { role: string; force?: boolean }) => {
      if (!process.stdout.isTTY && options.force !== true) {
        throw new CliError(
          'The output is not a terminal: the secret could end up in a log or a file. Add --force if you mean it.',
          EXIT.usage,
        );
      }
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const { secret } = await call(services, 'secrets.reveal', {
        id: webhook.id,
        role: options.role as SecretRole,
      });
      // The secret alone on its line, also with --json: the JSON output never holds one.
      printLine(secret);
    });
}
