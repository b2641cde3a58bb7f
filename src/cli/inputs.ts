/** What the CLI reads besides its arguments: a secret from the environment, a body from a file. */
import { readFileSync } from 'node:fs';
import { signatureSchemeSchema, type SignatureScheme } from '../shared/domain';
import { CliError, EXIT } from './exit-codes';

/** The secret in environment variable `name`: never an argument, so it stays out of shell history and `ps`. */
export function secretFromEnv(name: string): string {
  const secret = process.env[name];
  if (!secret)
    throw new CliError(
      `The environment variable ${name} is not set (it should hold the signing secret).`,
      EXIT.usage,
    );
  return secret;
}

export function scheme(value: string): SignatureScheme {
  const parsed = signatureSchemeSchema.safeParse(value);
  if (!parsed.success) {
    throw new CliError(
      `Unknown scheme "${value}": use ${signatureSchemeSchema.options.join(', ')}.`,
      EXIT.usage,
    );
  }
  return parsed.data;
}

/** The file's exact bytes (`-` for standard input). */
export function bodyFrom(path: string): Buffer {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, EXIT.usage);
  }
}
