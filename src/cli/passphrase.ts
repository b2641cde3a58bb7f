/** An export's passphrase: from an environment variable (scripts) or typed, unseen, at a terminal. */
import { read } from 'read';
import { CliError, EXIT } from './exit-codes';

async function typed(prompt: string): Promise<string> {
  return read({ prompt, silent: true, replace: '*', output: process.stderr });
}

/** `twice`: an export asks again, as a mistyped passphrase would lock the file for good. */
export async function passphrase(envName: string | undefined, twice: boolean): Promise<string> {
  if (envName !== undefined) {
    const value = process.env[envName];
    if (!value)
      throw new CliError(
        `The environment variable ${envName} is not set (it should hold the passphrase).`,
        EXIT.usage,
      );
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new CliError(
      'No terminal to type the passphrase in: give it with --passphrase-env VAR.',
      EXIT.usage,
    );
  }
  const first = await typed('Passphrase: ');
  if (twice && (await typed('Repeat passphrase: ')) !== first) {
    throw new CliError('The passphrases do not match. Nothing was written.', EXIT.usage);
  }
  return first;
}
