/**
 * A due-date sweeper: the clock-driven half of a reactor. Each run asks `due(today)` for the items whose date has
 * passed (open deadlines, say) and dispatches one command per item with a deterministic command id —
 * `commandIdOf(name, "<item id>@<due date>", 0)` — recording it, so a second run the same day, a run the next day
 * or a run after a crash acts once per item and due date (a deadline moved to a new date is a new item).
 * Run it once a day from a scheduler; the deadline-lapse reactor is this with the grievances' open deadlines.
 */
import { InvalidProjection } from './errors.js';
import { commandIdOf } from './reactor.js';
import type { ModelTarget, ReadModelStore } from './store.js';
import { checkIdentifier, valueProblem } from './tables.js';

export interface DueItem {
  readonly id: string;
  /** `YYYY-MM-DD`. */
  readonly dueOn: string;
}

export type SweepOutcome = 'done' | 'notDone';

export interface DueSweeper<Item extends DueItem> {
  readonly name: string;
  /** The business date today is (from the clock, in the district's time zone). */
  readonly today: () => string;
  /** Items due before `today` (the sweeper dispatches those whose `dueOn` < today). */
  due(today: string): Promise<readonly Item[]>;
  /**
   * Idempotent per `commandId`, as a reactor's dispatch. `notDone` (the command was refused, say) leaves the
   * item unrecorded, so the next run tries it again; nothing (or `done`) records it.
   */
  dispatch(item: Item, context: { readonly commandId: string; readonly today: string }): Promise<SweepOutcome | void>;
}

const sweeperTarget = (name: string): ModelTarget => ({
  name: `sweep_${name}`.slice(0, 24),
  version: 1,
  tables: [{ name: 'dispatched', columns: { command_id: 'text', item_id: 'text', due_on: 'date', dispatched_on: 'date' }, primaryKey: ['command_id'] }],
});

/** Run the sweeper once; returns the items it dispatched this time. */
export const runDueSweep = async <Item extends DueItem>(sweeper: DueSweeper<Item>, store: ReadModelStore): Promise<Item[]> => {
  checkIdentifier('sweeper.name', sweeper.name, 16);
  const today = sweeper.today();
  if (valueProblem('date', today) !== undefined) throw new InvalidProjection('today', `must return a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const target = sweeperTarget(sweeper.name);
  await store.prepare(target);
  const done: Item[] = [];
  for (const item of await sweeper.due(today)) {
    if (!(item.dueOn < today)) continue;
    const commandId = commandIdOf(sweeper.name, `${item.id}@${item.dueOn}`, 0);
    const [seen] = await store.rows(target, 'dispatched', { command_id: commandId });
    if (seen !== undefined) continue;
    if ((await sweeper.dispatch(item, { commandId, today })) === 'notDone') continue;
    await store.transaction(target, (tx) => tx.upsert('dispatched', { command_id: commandId, item_id: item.id, due_on: item.dueOn, dispatched_on: today }));
    done.push(item);
  }
  return done;
};
