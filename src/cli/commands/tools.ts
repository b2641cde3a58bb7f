/** `hookwarden doctor`, `receive` and `check`: the signature doctor, the Inbox and "Check endpoint". */
import type { Command } from 'commander';
import { CHECK_TITLES } from '../../shared/preflight';
import { INBOX_STATUSES, type ReceivedRequest } from '../../shared/inbox';
import { call } from '../call';
import type { Context } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { bodyFrom, scheme as schemeOf, secretFromEnv } from '../inputs';
import { printJson, printLine, untilInterrupted, withProgress } from '../output';
import { findWebhookRef } from '../refs';

function received(request: ReceivedRequest): string {
  return `${request.receivedAt}  ${request.method} ${request.path}  ${request.bodyBytes} bytes → ${request.answeredStatus}`;
}

export function registerTools(cli: Command, context: Context): void {
  cli
    .command('doctor')
    .description('Say why a webhook signature fails: checks a raw HTTP request or curl command.')
    .requiredOption('--request <file>', 'the request as received, or a curl command (- for standard input)')
    .option('--webhook <webhook>', 'check against this webhook’s secrets (id, id prefix or URL)')
    .option('--secret-env <name>', 'or against the secret in this environment variable')
    .option('--scheme <scheme>', 'the signature scheme, when the headers do not tell')
    .action(async (options: { request: string; webhook?: string; secretEnv?: string; scheme?: string }) => {
      if ((options.webhook === undefined) === (options.secretEnv === undefined)) {
        throw new CliError('Give one of --webhook or --secret-env to check against.', EXIT.usage);
      }
      const { services, config } = context.profile();
      const against =
        options.webhook !== undefined
          ? { webhookId: findWebhookRef(config.read(), options.webhook).id }
          : { secret: secretFromEnv(options.secretEnv as string) };
      const { report, advice } = await call(services, 'doctor.diagnose', {
        request: bodyFrom(options.request).toString('utf8'),
        against,
        scheme: options.scheme === undefined ? undefined : schemeOf(options.scheme),
      });
      if (context.json()) printJson({ report, advice });
      else {
        printLine(`${report.verdict.valid ? 'Valid' : 'Invalid'}: ${report.verdict.summary}`);
        for (const finding of report.findings) {
          printLine(`- ${finding.title}: ${finding.detail}`);
          if (finding.fix) printLine(`  Fix: ${finding.fix}`);
        }
        for (const line of advice) printLine(`- ${line}`);
      }
      if (!report.verdict.valid) throw new CliError('The signature does not verify.', EXIT.failed);
    });

  cli
    .command('receive')
    .description('Receive webhooks on this machine (127.0.0.1) and print each request until Ctrl+C.')
    .option('--port <port>', 'the port to listen on', Number)
    .option('--status <status>', `the HTTP status to answer with: ${INBOX_STATUSES.join(', ')}`, Number)
    .action(async (options: { port?: number; status?: number }) => {
      const { services } = context.profile({
        emit: (event, payload) => {
          if (event !== 'inbox.received') return;
          const request = payload as ReceivedRequest;
          if (context.json()) process.stdout.write(`${JSON.stringify(request)}\n`);
          else printLine(received(request));
        },
      });
      if (options.status !== undefined) {
        await call(services, 'inbox.setResponse', {
          status: options.status as (typeof INBOX_STATUSES)[number],
          delaySeconds: 0,
        });
      }
      const status = await call(services, 'inbox.start', { port: options.port });
      process.stderr.write(`Listening on ${status.url} — press Ctrl+C to stop.\n`);
      await untilInterrupted();
      await services.inbox.stop();
    });

  cli
    .command('check')
    .description('Check a webhook’s endpoint before it goes live: URL, DNS, TCP, TLS, redirects, response.')
    .argument('<webhook>', 'id, unique id prefix or URL')
    .action(async (ref: string) => {
      const { services, config } = context.profile();
      const webhook = findWebhookRef(config.read(), ref);
      const result = await withProgress(
        `Checking ${webhook.url}`,
        call(services, 'preflight.checkWebhook', { id: webhook.id }),
      );
      if (context.json()) printJson(result);
      else {
        for (const check of result.checks) {
          printLine(`${check.outcome.toUpperCase().padEnd(4)}  ${CHECK_TITLES[check.id]}: ${check.reason}`);
          if (check.fix) printLine(`      Fix: ${check.fix}`);
        }
      }
      if (result.checks.some((check) => check.outcome === 'fail')) {
        throw new CliError(`The endpoint check of ${webhook.url} failed.`, EXIT.failed);
      }
    });
}
