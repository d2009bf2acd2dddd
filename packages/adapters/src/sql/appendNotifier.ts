/**
 * Wakes `waitForEvents` callers in other processes after appends, outside the appends' own transactions.
 *
 * Why not `pg_notify` inside the append: a transaction that has queued a notification takes a database-wide lock
 * just before it commits and keeps it until its commit record is flushed, so every notifying commit waits for the
 * previous one's fsync and concurrent appends lose group commit (pgbench, 8 clients, fsync on: ~1,000 appends/s
 * with the NOTIFY in the function, ~1,600 without). Here the wake-up is a statement of its own, sent once the
 * append has committed; the client sends it without waiting for a flush (a wake-up need not be durable).
 *
 * Coalesced: at most one notification is in flight; appends that commit meanwhile are covered by one more,
 * sent when it ends. So every append is followed by a notification that starts after its commit, and a burst
 * of appends costs two. A failed notification is dropped: listeners also poll.
 */
export class AppendNotifier {
  private running: Promise<void> | undefined;
  private pending = false;

  constructor(private readonly send: () => Promise<void>) {}

  /** An append has committed: make sure a notification starts after now. */
  poke(): void {
    if (this.running !== undefined) {
      this.pending = true;
      return;
    }
    this.running = this.sendUntilCaughtUp();
  }

  /** Resolves once no notification is in flight or owed (before the connections close). */
  async drain(): Promise<void> {
    await this.running;
  }

  private async sendUntilCaughtUp(): Promise<void> {
    do {
      this.pending = false;
      try {
        await this.send();
      } catch {
        // Nothing to report to: the appends it covers have succeeded, and listeners fall back to polling.
      }
    } while (this.pending);
    this.running = undefined;
  }
}
