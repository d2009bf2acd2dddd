/** A progress bar (cli-progress) for long work, drawn on a terminal only: done / total / rate / eta. */
import { SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';

export interface ProgressSink {
  update(done: number, total: number | undefined, rate: number): void;
  stop(): void;
}

/** A bar labelled `label` on stderr when it is a terminal; nothing otherwise (the summary line still prints). */
export const progressSink = (io: CliIo, label: string): ProgressSink => {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{label} [{bar}] {value}/{total} events | {rate} events/s | eta {eta_formatted}',
    // cli-progress draws only on a stream that says it is a terminal; io.interactive has already checked that.
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
