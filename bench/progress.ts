/** Progress lines on stderr, so that `--json` output on stdout stays clean. */
export function say(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** A `runPool` onDone callback that reports every 5% of `total` with the rate so far. */
export function progressEvery5Percent(label: string, total: number): (done: number) => void {
  const startedAt = performance.now();
  const step = Math.max(1, Math.ceil(total / 20));
  return (done) => {
    if (done % step !== 0 && done !== total) return;
    const seconds = (performance.now() - startedAt) / 1000;
    say(`${label}: ${done}/${total} (${Math.round((done / total) * 100)}%), ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(1)}/s`);
  };
}
