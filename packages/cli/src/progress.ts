/**
 * Progress of long work (rebuild, copy): done / total / rate / eta. A cli-progress bar on a terminal; plain lines
 * (at most one a second) for logs and for a supervising process that waits for the work to be under way.
 */
import { SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';

export type ProgressStyle = 'bar' | 'lines' | 'none';

export const PROGRESS_STYLES: readonly ProgressStyle[] = ['bar', 'lines', 'none'];

export interface ProgressSink {
  update(done: number, total: number | undefined, rate: number): void;
  stop(): void;
}

const NOTHING: ProgressSink = { update: () => undefined, stop: () => undefined };

const barSink = (io: CliIo, label: string): ProgressSink => {
  const bar = new SingleBar({
    format: '{label} [{bar}] {value}/{total} events | {rate} events/s | eta {eta_formatted}',
    // cli-progress draws only on a stream that says it is a terminal; the caller has already checked that.
    stream: { write: (text: string) => io.stderr(text), isTTY: true, columns: 100 } as unknown as NodeJS.WritableStream,
    hideCursor: true,
  });
  let started = false;
  return {
    update: (done, total, rate) => {
      const payload = { label, rate: Math.round(rate) };
      if (!started) bar.start(total ?? done, done, payload);
      started = true;
      if (total !== undefined) bar.setTotal(total);
      bar.update(done, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};

const LINE_INTERVAL_MS = 1000;

const lineSink = (io: CliIo, label: string): ProgressSink => {
  let printedAt: number | undefined;
  return {
    update: (done, total, rate) => {
      const now = Date.now();
      if (printedAt !== undefined && now - printedAt < LINE_INTERVAL_MS) return;
      printedAt = now;
      io.stderr(`${label}: ${done}${total === undefined ? '' : `/${total}`} events, ${Math.round(rate)} events/s\n`);
    },
    stop: () => undefined,
  };
};

/** The sink for `style`; by default a bar when stderr is a terminal and nothing otherwise (the summary line still prints). */
export const progressSink = (io: CliIo, label: string, style: ProgressStyle = io.interactive ? 'bar' : 'none'): ProgressSink => {
  if (style === 'bar') return io.interactive ? barSink(io, label) : lineSink(io, label);
  return style === 'lines' ? lineSink(io, label) : NOTHING;
};
