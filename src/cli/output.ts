export interface OutputOptions {
  json?: boolean;
}

/** JSON with `--json`, else the human rendering. */
export function output<T>(options: OutputOptions, data: T, render: (data: T) => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(data, null, 2)}\n` : `${render(data)}\n`);
}

/** A progress line for people watching: on stderr, and only on a terminal, so pipes stay clean. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
