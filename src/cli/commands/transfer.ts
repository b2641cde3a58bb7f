/** `hookwarden export` and `hookwarden import`: the app's export format, with or without secrets. */
import type { Command } from 'commander';
import type { ImportChoices, ImportPreview } from '../../shared/transfer';
import { importChoicesSchema } from '../../shared/transfer';
import { isAgeFile } from '../../main/transfer/encryption';
import { readTransferFile, writeTransferFile } from '../../main/transfer/disk-files';
import type { Context } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine, withProgress } from '../output';
import { passphrase } from '../passphrase';
import { firstIssue } from '../../shared/zod-issues';

function previewText(preview: ImportPreview): string {
  const list = (label: string, names: string[]) =>
    names.length === 0 ? [] : [`${label} (${names.length}):`, ...names.map((name) => `  ${name}`)];
  return [
    ...list('APIs added', preview.apis.added),
    ...list('APIs given more versions', preview.apis.updated),
    ...list('Webhooks added', preview.webhooks.added),
    ...list('Same id here', preview.webhooks.sameId),
    ...list('Same version and URL here', preview.webhooks.duplicates),
    ...list('Skipped (a rotation is in progress here)', preview.webhooks.blocked),
  ].join('\n');
}

export function registerTransfer(cli: Command, context: Context): void {
  cli
    .command('export')
    .description('Write the configuration to a file: APIs, webhooks, templates and settings, never a secret.')
    .requiredOption('--out <file>', 'where to write it')
    .option(
      '--with-secrets',
      'add every webhook’s secrets, encrypted with a passphrase (age format: `age -d` opens it)',
    )
    .option(
      '--passphrase-env <name>',
      'the environment variable holding the passphrase (else it is asked for)',
    )
    .action(async (options: { out: string; withSecrets?: boolean; passphraseEnv?: string }) => {
      const withSecrets = options.withSecrets === true;
      const secret = withSecrets ? await passphrase(options.passphraseEnv, true) : undefined;
      const { services } = context.profile();
      const bytes = await withProgress('Encrypting', services.transfer.exportBytes(secret));
      try {
        await writeTransferFile(options.out, bytes);
      } catch (error) {
        throw new CliError(`Could not write ${options.out}: ${(error as Error).message}`, EXIT.storage);
      }
      if (context.json()) return printJson({ path: options.out, withSecrets });
      printLine(`Exported ${withSecrets ? 'with secrets (encrypted) ' : ''}to ${options.out}.`);
    });

  cli
    .command('import')
    .description(
      'Import an export: shows what is added, replaced and skipped, then applies all of it or nothing.',
    )
    .argument('<file>', 'a file written by export (encrypted or not)')
    .option(
      '--passphrase-env <name>',
      'the environment variable holding the passphrase of an encrypted export',
    )
    .option('--same-id <choice>', 'a webhook whose id is already here: replace or skip', 'replace')
    .option(
      '--duplicates <choice>',
      'a webhook with the same version and URL under the same API: add or skip',
      'skip',
    )
    .option('--dry-run', 'only show what would change')
    .action(
      async (
        path: string,
        options: { passphraseEnv?: string; sameId: string; duplicates: string; dryRun?: boolean },
      ) => {
        const parsedChoices = importChoicesSchema.safeParse({
          sameId: options.sameId,
          duplicates: options.duplicates,
        });
        if (!parsedChoices.success) throw new CliError(firstIssue(parsedChoices.error, 'choice'), EXIT.usage);
        const choices: ImportChoices = parsedChoices.data;
        let bytes: Uint8Array;
        try {
          bytes = await readTransferFile(path);
        } catch (error) {
          throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, EXIT.usage);
        }
        const secret = isAgeFile(bytes) ? await passphrase(options.passphraseEnv, false) : undefined;
        const { services } = context.profile();
        const file = await withProgress('Decrypting', services.transfer.readImport(bytes, secret));
        const preview = services.transfer.previewFile(file, choices);
        if (options.dryRun === true) {
          if (context.json()) return printJson({ preview });
          return printLine(previewText(preview) || 'Nothing to import.');
        }
        const result = await services.transfer.importFile(file, choices);
        if (context.json()) return printJson({ preview, result });
        printLine(previewText(preview) || 'Nothing to import.');
        printLine(
          `Imported: ${result.added.length} added, ${result.replaced.length} replaced, ${result.skipped.length} skipped.`,
        );
        if (result.freshSecrets.length > 0) {
          printLine('These webhooks got new signing secrets; give them to their receivers:');
          for (const name of result.freshSecrets) printLine(`  ${name}`);
        }
      },
    );
}
