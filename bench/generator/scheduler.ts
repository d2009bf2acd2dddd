/**
 * The simulation's agenda: tasks run in business-date order, ties in the order they were scheduled, so the
 * event log reads like a district's days and a seed replays exactly.
 */
export type Task = () => Promise<void>;

interface Entry {
  readonly date: string;
  readonly seq: number;
  readonly run: Task;
}

const before = (a: Entry, b: Entry): boolean => (a.date === b.date ? a.seq < b.seq : a.date < b.date);

export class Agenda {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  at(date: string, run: Task): void {
    const heap = this.heap;
    heap.push({ date, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest task, removed; undefined when the agenda is empty. */
  take(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return top;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
