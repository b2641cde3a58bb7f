/**
 * Runs a generated receiver snippet as its user would: the code written to a file of its own, started as a
 * process of its own on 127.0.0.1 with the secrets in its environment (never in a file). Node snippets use
 * the project's node_modules (the packages their `run` line installs are devDependencies); Python ones run on
 * Debian's python3 with python3-flask, python3-fastapi and python3-uvicorn; PHP on `php -S`; Ruby on Debian's
 * ruby-sinatra (Sinatra 3, on WEBrick).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { acceptsConnections, closedPort } from './receiver';
import type { ReceiverCode } from '../../src/shared/receiver-code';

/** Debian's python3 (not a version manager's shim on PATH): its packages are what .ci/run installs. */
export const PYTHON = '/usr/bin/python3';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NEXT_HOST = join(ROOT, 'test/support/next-route-host.mjs');

export interface SnippetServer {
  url: string;
  /** What the process printed so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

/** Whether a command is on PATH (a toolchain from apt: php, ruby, gofmt). */
export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Whether Ruby can load Sinatra (Debian's ruby-sinatra). */
export function hasSinatra(): boolean {
  return spawnSync('ruby', ['-e', "require 'sinatra/base'"], { stdio: 'ignore' }).status === 0;
}

/** What the Python snippets import, missing from Debian's python3 (empty when all are there). */
export function missingPythonModules(): string[] {
  const modules = ['flask', 'fastapi', 'uvicorn'];
  return modules.filter(
    (name) => spawnSync(PYTHON, ['-c', `import ${name}`], { stdio: 'ignore' }).status !== 0,
  );
}

/** Go's build cache, shared by the snippets of a run (a first build of net/http takes a while). */
const GO_ENV = {
  HOME: process.env.HOME ?? tmpdir(),
  GOCACHE: join(tmpdir(), 'hookwarden-receiver-go-cache'),
};

/** Runs a command to its end; rejects with its output when it fails. */
async function runToEnd(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  if (status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${output}`);
}

/** Compiles the standard packages the Go snippets import into the build cache, so each snippet builds fast. */
export async function warmGoCache(): Promise<void> {
  const packages = [
    'crypto/hmac',
    'crypto/sha256',
    'encoding/base64',
    'encoding/hex',
    'io',
    'log',
    'net/http',
  ];
  await runToEnd('go', ['build', ...packages, 'os', 'strconv', 'strings', 'time'], tmpdir(), {
    PATH: process.env.PATH,
    ...GO_ENV,
  });
}

async function command(snippet: ReceiverCode, dir: string, port: number, path: string): Promise<string[]> {
  switch (snippet.language) {
    case 'node-express':
      return [process.execPath, snippet.filename];
    case 'node-nextjs': {
      // route.ts → route.mjs: types stripped as Next.js's compiler would, nothing else changed.
      const js = ts.transpileModule(snippet.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(dir, 'route.mjs'), js);
      return [process.execPath, NEXT_HOST, join(dir, 'route.mjs'), path];
    }
    case 'python-flask':
    case 'python-fastapi':
      return [PYTHON, snippet.filename];
    case 'php':
      return ['php', '-S', `127.0.0.1:${port}`, snippet.filename];
    case 'ruby-sinatra':
      // As PYTHONUNBUFFERED for Python: what it prints reaches output() at once, as it does in a terminal.
      writeFileSync(join(dir, 'unbuffered.rb'), '$stdout.sync = true\n');
      return ['ruby', '-r./unbuffered', snippet.filename];
    case 'go':
      // Built first, then run: `go run` would leave its child running when killed.
      await runToEnd('go', ['build', '-o', 'receiver', snippet.filename], dir, {
        PATH: process.env.PATH,
        ...GO_ENV,
      });
      return [join(dir, 'receiver')];
  }
}

/**
 * Type-checks TypeScript snippets (the Next.js route handlers) as a strict Next.js project would: tsc in a
 * child process, against the types of the packages they import. Resolves with tsc's exit status and output.
 */
export async function typeCheck(
  files: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hookwarden-receiver-tsc-'));
  try {
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const compilerOptions = {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
    const tsc = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir]);
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [status] = (await once(tsc, 'exit')) as [number | null];
    return { status, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const handedOut = new Set<number>();

/**
 * A port of 127.0.0.1 free a moment ago and not handed to another snippet of this test process: the tests
 * run concurrently, and two snippets told the same port would answer each other's deliveries.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await closedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}

/**
 * Starts the snippet listening on 127.0.0.1:port (it reads PORT; PHP gets it on the command line) and
 * resolves once it accepts connections. `env` holds HOOKWARDEN_SECRET and, for a rotation, the previous one.
 */
export async function startSnippet(
  snippet: ReceiverCode,
  { port, path, env }: { port: number; path: string; env: Record<string, string> },
): Promise<SnippetServer> {
  // Not a tempDir(): the leak guard reads every file below those, and node_modules is linked in here.
  const dir = mkdtempSync(join(tmpdir(), 'hookwarden-receiver-'));
  mkdirSync(dirname(join(dir, snippet.filename)), { recursive: true });
  writeFileSync(join(dir, snippet.filename), snippet.code);
  // What `npm install <packages>` would give the snippet: the project's copies of those packages.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  let program: string, args: string[];
  try {
    [program, ...args] = (await command(snippet, dir, port, path)) as [string, ...string[]];
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(program, args, {
    cwd: dir,
    // PYTHONUNBUFFERED: what the receiver prints reaches output() at once, as it does in a terminal.
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (error) => (output += `\n${error.message}`));

  const deadline = Date.now() + 20_000;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${snippet.language} receiver did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async close() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited(child);
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
