import { performance } from 'node:perf_hooks';

/** Default spacing of wake-ups: a follower hears of an append at most this much later than it could. */
export const NOTIFY_INTERVAL_MS = 10;

/**
 * Wakes `waitForEvents` callers in other processes after appends, outside the appends' own transactions.
 *
 * Why not `pg_notify` inside the append: a transaction that has queued a notification takes a database-wide lock
 * just before it commits and keeps it until its commit record is flushed, so every notifying commit waits for the
 * previous one's fsync and concurrent appends lose group commit (pgbench, 8 clients, fsync on: ~1,000 appends/s
 * with the NOTIFY in the function, ~1,600 without). Here the wake-up is a statement of its own, sent once the
 * append has committed; the client sends it without waiting for a flush (a wake-up need not be durable).
 *
 * Coalesced: at most one notification in flight, and one per `intervalMs` at most; the appends that commit in
 * between share the next one. So every append is followed by a notification that starts after its commit, an
 * append after a quiet spell is announced at once, and a busy writer sends a notification per interval rather
 * than per append (each is a round trip and a commit). A failed notification is dropped: listeners also poll.
 */
export class AppendNotifier {
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private owed = false;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: () => Promise<void>,
    private readonly intervalMs: number = NOTIFY_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An append has committed: make sure a notification starts after now. */
  poke(): void {
    this.owed = true;
    this.schedule();
  }

  /** Sends what is owed without waiting for the interval, and resolves once nothing is in flight (before close). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.timer !== undefined) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.start();
      }
      if (this.running === undefined) return;
      await this.running;
    }
  }

  private schedule(): void {
    if (!this.owed || this.running !== undefined || this.timer !== undefined) return;
    const wait = this.lastStart + this.intervalMs - this.now();
    if (wait <= 0) {
      this.start();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, wait);
    // A pending wake-up must not keep a process alive that has nothing else to do (close drains it).
    this.timer.unref?.();
  }

  private start(): void {
    this.owed = false;
    this.lastStart = this.now();
    this.running = this.send()
      // Nothing to report to: the appends it covers have succeeded, and listeners fall back to polling.
      .catch(() => undefined)
      .then(() => {
        this.running = undefined;
        this.schedule();
      });
  }
}
