/** Runs the built command line (out/cli/hookwarden.js) as a real process, as a user or a script would. */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../out/cli/hookwarden.js');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Extra environment (secrets, passphrases); HOOKWARDEN_DATA_DIR is set from `dataDir`. */
  env?: NodeJS.ProcessEnv;
  /** Without the test keyring's D-Bus session: no keychain at all. */
  noKeychain?: boolean;
  input?: string;
}

export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
}

export function runCli(dataDir: string | null, args: string[], options: CliOptions = {}): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (dataDir !== null) env.HOOKWARDEN_DATA_DIR = dataDir;
  if (options.noKeychain) delete env.DBUS_SESSION_BUS_ADDRESS;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

export interface RunningCli {
  /** Resolves once stdout or stderr has printed something matching. */
  printed(pattern: RegExp): Promise<void>;
  stdout(): string;
  /** Sends Ctrl+C and resolves with the exit code. */
  interrupt(): Promise<number>;
}

/** Starts a long-running command (receive, secrets copy) to talk to while it runs. */
export function startCli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env, HOOKWARDEN_DATA_DIR: dataDir },
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const update = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), update()));
  child.stderr.on('data', (chunk: Buffer) => ((err += chunk.toString()), update()));
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code) => {
      resolve(code ?? -1);
      update();
    }),
  );
  return {
    async printed(pattern) {
      while (!pattern.test(out) && !pattern.test(err)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${out}${err}`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    stdout: () => out,
    interrupt() {
      child.kill('SIGINT');
      return exited;
    },
  };
}
