/**
 * Runs main-process code in a real child process (plain Node, no Electron): `bundleChild` builds a TypeScript
 * entry with Vite into one .mjs (with `electron` replaced by the test double, as in vitest.config.ts), and
 * `spawnChild` starts it and reads the JSON lines it prints, so a test can kill it at a point it chose.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildBundle {
  /** The built entry, to pass to `spawnChild`. */
  file: string;
  /** Removes the bundle's temp dir. */
  dispose(): void;
}

/**
 * Builds `entry` (a path relative to the repo root) into a temp dir. Packages stay external, as in the app;
 * electron-store is inlined so that its own `electron` import reaches the double. The temp dir links the
 * repo's node_modules, so the bundle resolves packages (keytar's native module among them) as the app does.
 */
export async function bundleChild(entry: string): Promise<ChildBundle> {
  // Not tempDir(): the leak guard scans those, and this one links all of node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'hookwarden-child-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const outDir = join(dir, 'out');
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    resolve: { alias: { electron: join(repoRoot, 'test/support/electron-double.ts') } },
    ssr: { noExternal: ['electron-store'] },
    build: {
      ssr: join(repoRoot, entry),
      outDir,
      emptyOutDir: false,
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'child.mjs' } },
    },
  });
  return { file: join(outDir, 'child.mjs'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningChild<Message> {
  process: ChildProcessByStdio<null, Readable, Readable>;
  /** The next JSON line the child printed, or null once its output has ended. */
  next(): Promise<Message | null>;
  /** Reads lines until one matches; null if the output ends first. */
  nextMatching(match: (message: Message) => boolean): Promise<Message | null>;
  /** Resolves when the child has exited (and its output has been read to the end). */
  exited: Promise<ChildExit>;
  /** Everything the child wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGKILL now (no-op if it has exited already), then waits for the exit. */
  kill(): Promise<ChildExit>;
}

/** Starts `node <bundle> <args>`; every stdout line must be one JSON value. */
export function spawnChild<Message>(
  bundle: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): RunningChild<Message> {
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errText += chunk));

  const queued: (Message | null)[] = [];
  const waiting: ((message: Message | null) => void)[] = [];
  const deliver = (message: Message | null) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queued.push(message);
  };
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => deliver(JSON.parse(line) as Message));
  const outputEnded = new Promise<void>((resolve) => lines.on('close', resolve));

  const exited = new Promise<ChildExit>((resolve) =>
    child.on('exit', (code, signal) => void outputEnded.then(() => resolve({ code, signal }))),
  );
  // Every caller waiting after the end gets null; so does every later call.
  void outputEnded.then(() => {
    for (const waiter of waiting.splice(0)) waiter(null);
    queued.push(null);
  });

  const next = (): Promise<Message | null> => {
    if (queued.length > 0) {
      const message = queued[0] as Message | null;
      if (message !== null) queued.shift();
      return Promise.resolve(message);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  return {
    process: child,
    next,
    async nextMatching(match) {
      for (let message = await next(); message !== null; message = await next()) {
        if (match(message)) return message;
      }
      return null;
    },
    exited,
    stderr: () => errText,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
