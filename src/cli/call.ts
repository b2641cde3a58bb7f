/**
 * The command line calls the same use cases as the window, through the same contract: its input is checked by
 * the channel's schema. An AppError, from here or any use case, becomes an exit code once, where the program
 * ends (main.ts's run).
 */
import { contract, type Channel, type ChannelInput, type ChannelOutput } from '../shared/contract';
import { isAppError, type ErrorCode } from '../shared/errors';
import { firstIssue } from '../shared/zod-issues';
import { channelHandlers } from '../main/ipc/register';
import type { Services } from '../main/services';
import { CliError, EXIT } from './exit-codes';

/** Every other code is a request refused as given (bad input, a name taken, a confirmation needed): usage. */
const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: EXIT.notFound,
  KEYCHAIN_UNAVAILABLE: EXIT.keychainUnavailable,
  SECRET_MISSING: EXIT.keychainUnavailable,
  STORAGE_FAILED: EXIT.storage,
  FORBIDDEN: EXIT.failed,
  INTERNAL: EXIT.failed,
};

/** An error of the core as the command line reports it. */
export function cliErrorOf(error: unknown): unknown {
  if (!isAppError(error)) return error;
  return new CliError(error.message, EXIT_BY_CODE[error.code] ?? EXIT.usage);
}

export async function call<C extends Channel>(
  services: Services,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) throw new CliError(firstIssue(parsed.error, 'input'), EXIT.usage);
  const handler = channelHandlers(services)[channel] as (input: unknown) => unknown;
  return (await handler(parsed.data)) as ChannelOutput<C>;
}
