/**
 * `hookwarden`: the command line, a second front door to the app's core. `sign` and `send --url` need no stored
 * configuration and no keychain (for CI); the other commands work on the app's profile (commands/*.ts). Secrets
 * are read from an environment variable, never from an argument, and printed only by `secrets show`.
 */
import { Command, CommanderError, Option } from 'commander';
import { createHttpClient } from '../main/deliveries/http-client';
import { checkEndpointUrl } from '../shared/url-rule';
import { DEFAULT_TIMEOUT_SECONDS, TIMEOUT_MAX_SECONDS, TIMEOUT_MIN_SECONDS } from '../shared/delivery';
import { CliError, EXIT } from './exit-codes';
import { bodyFrom, scheme, secretFromEnv } from './inputs';
import { signRequest } from './signed-request';
import { printJson, printLine, withProgress } from './output';
import { cliErrorOf } from './call';
import { contextOf } from './context';
import { registerApis } from './commands/apis';
import { registerWebhooks } from './commands/webhooks';
import { registerSecrets } from './commands/secrets';
import { registerDeliveries, sendToWebhook } from './commands/deliveries';
import { registerTransfer } from './commands/transfer';
import { registerTools } from './commands/tools';

const EXIT_HELP = `
A <webhook> is named by its id, a unique start of its id, or its URL; an <api> by its id or name.
The profile is the app's own (~/.config/Hookwarden on Linux), or --data-dir / HOOKWARDEN_DATA_DIR.

Exit codes: 0 ok; 1 a delivery or check failed (no 2xx); 2 usage or a request refused as given;
3 keychain unavailable; 4 not found; 5 storage.`;

function print(json: boolean, value: unknown, human: string): void {
  if (json) printJson(value);
  else printLine(human);
}

export function program(): Command {
  const cli = new Command('hookwarden')
    .description('Configure, sign and send webhooks from the command line.')
    .addHelpText('after', EXIT_HELP)
    .option('--json', 'print JSON for scripts instead of text')
    .option('--data-dir <folder>', 'the profile folder (default: the app’s; or HOOKWARDEN_DATA_DIR)')
    .exitOverride();
  const context = contextOf(cli);
  registerApis(cli, context);
  registerWebhooks(cli, context);
  registerSecrets(cli, context);

  cli
    .command('sign')
    .description('Print the headers that sign a body (no stored configuration or keychain needed).')
    .requiredOption('--scheme <scheme>', 'mindee, standard-webhooks, stripe or github')
    .requiredOption('--secret-env <name>', 'the environment variable holding the signing secret')
    .requiredOption('--body <file>', 'the exact bytes to sign (- for standard input)')
    .action((options: { scheme: string; secretEnv: string; body: string }) => {
      const signed = signRequest(
        scheme(options.scheme),
        secretFromEnv(options.secretEnv),
        bodyFrom(options.body),
      );
      const headers = Object.fromEntries(
        Object.entries(signed.headers).filter(
          ([name]) => !['Content-Type', 'User-Agent', 'Content-Length'].includes(name),
        ),
      );
      const text = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n');
      print(cli.opts().json === true, { headers }, text);
    });

  cli
    .command('send')
    .description(
      'Send one signed test delivery: to a stored webhook (its template, or --payload), or with --url, ' +
        '--scheme and --secret-env to any URL (no stored configuration or keychain needed).',
    )
    .argument('[webhook]', 'a stored webhook: id, unique id prefix or URL')
    .option('--url <url>', 'the endpoint, for a delivery without stored configuration')
    .option('--scheme <scheme>', 'with --url: mindee, standard-webhooks, stripe or github')
    .option('--secret-env <name>', 'with --url: the environment variable holding the signing secret')
    .option('--payload <file>', 'the JSON body (- for standard input)')
    .option('--force', 'send to a paused webhook too')
    .addOption(
      new Option('--timeout <seconds>', `seconds to wait (${TIMEOUT_MIN_SECONDS}–${TIMEOUT_MAX_SECONDS})`)
        .default(DEFAULT_TIMEOUT_SECONDS)
        .argParser(Number),
    )
    .action(
      async (
        webhook: string | undefined,
        options: {
          url?: string;
          scheme?: string;
          secretEnv?: string;
          payload?: string;
          force?: boolean;
          timeout: number;
        },
      ) => {
        if (webhook !== undefined) {
          if (options.url !== undefined)
            throw new CliError('Give a stored webhook or --url, not both.', EXIT.usage);
          return sendToWebhook(context, webhook, options);
        }
        if (options.url === undefined || options.scheme === undefined || options.secretEnv === undefined) {
          throw new CliError('Name a stored webhook, or give --url, --scheme and --secret-env.', EXIT.usage);
        }
        const url = checkEndpointUrl(options.url);
        if (!url.ok) throw new CliError(url.reason, EXIT.usage);
        if (
          !Number.isInteger(options.timeout) ||
          options.timeout < TIMEOUT_MIN_SECONDS ||
          options.timeout > TIMEOUT_MAX_SECONDS
        ) {
          throw new CliError(
            `--timeout is a whole number of seconds from ${TIMEOUT_MIN_SECONDS} to ${TIMEOUT_MAX_SECONDS}.`,
            EXIT.usage,
          );
        }
        const body = options.payload ? bodyFrom(options.payload) : Buffer.from('{"type":"test"}');
        const signed = signRequest(scheme(options.scheme), secretFromEnv(options.secretEnv), body);
        const result = await withProgress(
          `Sending to ${url.url}`,
          createHttpClient().post({
            url: url.url,
            headers: signed.headers,
            body: signed.body,
            timeoutMs: options.timeout * 1000,
          }),
        );
        const status = result.response?.status ?? null;
        const ok = status !== null && status >= 200 && status < 300;
        const summary = result.response
          ? `${result.response.status} ${result.response.statusText}`.trim()
          : (result.error?.message ?? 'No response');
        print(
          cli.opts().json === true,
          { ok, status, durationMs: result.durationMs, summary },
          `${summary} (${Math.round(result.durationMs)} ms)`,
        );
        if (!ok)
          throw new CliError(result.response ? `The endpoint answered ${summary}.` : summary, EXIT.failed);
      },
    );

  registerDeliveries(cli, context);
  registerTransfer(cli, context);
  registerTools(cli, context);
  return cli;
}

/** Runs the CLI; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (thrown) {
    const error = cliErrorOf(thrown);
    if (error instanceof CommanderError) {
      // Help and version print and end with code 0; a usage mistake was already explained by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`hookwarden: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`hookwarden: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
}
