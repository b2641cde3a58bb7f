/** What the command line prints: aligned tables for people, JSON for scripts, progress on stderr. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Rows under a header, each column as wide as its widest cell; nothing but the header line when empty. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const PROGRESS_AFTER_MS = 1_000;

/**
 * Runs `work`; if it takes over a second, says so on stderr ("Sending… 3 s"), updated each second on a
 * terminal, once otherwise. Never on stdout, so `--json` output stays parseable.
 */
export async function withProgress<T>(label: string, work: Promise<T>): Promise<T> {
  const started = Date.now();
  const terminal = process.stderr.isTTY === true;
  let shown = false;
  const show = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    if (terminal) process.stderr.write(`\r${label}… ${seconds} s`);
    else if (!shown) process.stderr.write(`${label}…\n`);
    shown = true;
  };
  const timer = setInterval(show, PROGRESS_AFTER_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (shown && terminal) process.stderr.write('\n');
  }
}

/**
 * Resolves at Ctrl+C (or after `ms`). The listener stays for the rest of the process: the libraries that spawn
 * helpers (clipboardy's execa, the lock file's signal-exit) re-raise the signal, ending the process before its
 * cleanup, when they believe they are its only listeners.
 */
export function untilInterrupted(ms = Infinity): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    process.on('SIGINT', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
