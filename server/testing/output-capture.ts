// Keeps a copy of everything the test process writes to stdout and stderr — pino lines included — so a test
// can search it for secrets. Output still reaches the terminal.
import fs from "node:fs";

export interface OutputCapture {
  /** Every chunk written since start, in order. */
  readonly chunks: string[];
  restore(): void;
}

export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const originalWriteSync = fs.writeSync;
  const originalStdout = process.stdout.write.bind(process.stdout);
  const originalStderr = process.stderr.write.bind(process.stderr);
  // pino writes through sonic-boom with fs.writeSync on fd 1; everything else goes through the streams.
  fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) chunks.push(String(data));
    return (originalWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  const tap = (original: typeof originalStdout) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tap(originalStdout);
  process.stderr.write = tap(originalStderr);
  return {
    chunks,
    restore() {
      fs.writeSync = originalWriteSync;
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
    },
  };
}
