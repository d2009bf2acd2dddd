/**
 * `laborcase copy --from <store> --to <store>`: the whole log of one store into another through the stores' import
 * API (`EventImporter`), which keeps every event id, `recordedAt`, stream version and hash; positions are the
 * target's own, in the source's order. Resumable: the target must hold a prefix of the source's log (checked event
 * by event, id and hash), and the copy continues after it. Verified at the end: every stream's chain on both sides,
 * and the Merkle root over all event hashes in global order, which must be equal.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { EventStoreError, isEventImporter, verifyStream, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { RootAccumulator, eventLeafHash, toHex } from '@laborcase/core/transparency';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { createDomainRegistry } from '@laborcase/domain';
import { CliError, EXIT, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { progressSink, type ProgressStyle } from '../progress.js';
import { openStore } from '../store.js';
import { giveTheLoopATurn } from '../turns.js';

/** One end of a copy, opened. */
export interface CopyEnd {
  readonly store: EventStore;
  readonly location: string;
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const EVENTSTOREDB_URL = /^(esdb|esdb\+discover):\/\//;

/**
 * A store spec: a PostgreSQL URL, an EventStoreDB connection string, or a PGlite folder. A source folder must exist:
 * opening a mistyped one would create an empty store and "copy" nothing.
 */
export const openCopyEnd = async (io: CliIo, flag: '--from' | '--to', spec: string, schema: string | undefined): Promise<CopyEnd> => {
  if (spec.trim() === '') throw usageError(flag, 'must be a PGlite folder, a postgres:// URL or an esdb:// connection string');
  if (EVENTSTOREDB_URL.test(spec)) {
    let store: EventStore;
    try {
      store = createEventStoreDbEventStore({ connectionString: spec, registry: createDomainRegistry() });
    } catch (error) {
      throw usageError(flag, error instanceof Error ? error.message : String(error));
    }
    return { store, location: `EventStoreDB at ${spec.replace(/\/\/[^@/]*@/, '//***@')}`, close: () => store.close() };
  }
  const isFolder = !POSTGRES_URL.test(spec);
  if (isFolder && flag === '--from' && !existsSync(isAbsolute(spec) ? spec : resolve(io.cwd, spec))) {
    throw usageError(flag, `no PGlite folder at ${spec} (a source must exist; a postgres:// URL or an esdb:// connection string otherwise)`);
  }
  // An empty pgUrl keeps PG_URL from turning a folder spec into the server.
  const options = POSTGRES_URL.test(spec) ? { pgUrl: spec } : { pgUrl: '', dataDir: spec };
  const opened = await openStore({ ...options, ...(schema === undefined ? {} : { schema }) }, io);
  return { store: opened.store, location: opened.location, close: () => opened.close() };
};

const at = (event: StoredEvent): string => `stream ${event.streamId} version ${event.streamVersion}`;

/**
 * How much of the source the target already holds: the target's log must be the source's, event for event (id and
 * hash), up to its end. Returns the count and the source position after it; throws naming the first difference.
 */
const resumePoint = async (source: EventStore, target: EventStore): Promise<{ held: number; after: GlobalPosition | undefined }> => {
  const sourceLog = source.readAll()[Symbol.asyncIterator]();
  let held = 0;
  let after: GlobalPosition | undefined;
  for await (const theirs of target.readAll()) {
    const next = await sourceLog.next();
    if (next.done === true) {
      throw new CliError(EXIT.problem, `copy refused: the target holds more than the source (${at(theirs)}, event ${theirs.eventId}, has no counterpart); copy into an empty store`);
    }
    const ours = next.value;
    if (ours.eventId !== theirs.eventId || ours.hash !== theirs.hash) {
      throw new CliError(
        EXIT.problem,
        `copy refused: the target's history diverges from the source's at event #${held + 1}: the target has ${at(theirs)} (${theirs.eventId}), the source ${at(ours)} (${ours.eventId}); copy into an empty store`,
      );
    }
    held += 1;
    after = ours.globalPosition;
  }
  await sourceLog.return?.();
  return { held, after };
};

export interface LogDigest {
  readonly events: number;
  readonly streams: number;
  /** RFC 6962 root (hex) over every event's hash in global order: the root a checkpoint of this log would sign. */
  readonly root: string;
  /** The first broken chain, in one line. */
  readonly problem?: string;
}

/** One pass over the log: each stream's chain checked as it goes, and the Merkle root over the event hashes. */
export const digestLog = async (store: EventStore): Promise<LogDigest> => {
  const accumulator = new RootAccumulator();
  const heads = new Map<string, { next: number; hash: string | undefined }>();
  let problem: string | undefined;
  for await (const event of store.readAll()) {
    accumulator.push(eventLeafHash(event.hash));
    const head = heads.get(event.streamId) ?? { next: 0, hash: undefined };
    const checked = verifyStream([event], { fromVersion: head.next, ...(head.hash === undefined ? {} : { prevHash: head.hash }) });
    if (!checked.ok && problem === undefined) problem = `${at(event)} (${event.eventId}): ${checked.reason}: ${checked.detail}`;
    heads.set(event.streamId, { next: event.streamVersion + 1, hash: event.hash });
  }
  return { events: accumulator.size, streams: heads.size, root: toHex(accumulator.root()), ...(problem === undefined ? {} : { problem }) };
};

export interface CopyResult {
  readonly copied: number;
  /** Events the target held before (an earlier, interrupted copy's). */
  readonly held: number;
  readonly elapsedMs: number;
  readonly source: LogDigest;
  readonly target: LogDigest;
}

export interface CopyOptions {
  /** Events per import batch. */
  readonly pageSize: number;
  readonly progress?: ProgressStyle;
}

/** Copy `source` into `target` page by page, resuming after what the target holds, then verify both. */
export const copyLog = async (io: CliIo, source: CopyEnd, target: CopyEnd, options: CopyOptions): Promise<CopyResult> => {
  const { pageSize } = options;
  const importer = target.store;
  if (!isEventImporter(importer)) throw new CliError(EXIT.usage, `--to: ${target.location} cannot import recorded events`);
  const started = Date.now();
  const { held, after: resumeAfter } = await resumePoint(source.store, importer);
  let total = held;
  for await (const _event of source.store.readAll(resumeAfter === undefined ? {} : { after: resumeAfter })) total += 1;
  const sink = progressSink(io, 'copy', options.progress);
  let copied = 0;
  let after = resumeAfter;
  try {
    while (true) {
      await giveTheLoopATurn();
      if (io.interrupt?.aborted === true) {
        throw new CliError(EXIT.interrupted, `copy interrupted: the target holds the source's first ${held + copied} events; run the same copy again to resume`);
      }
      const page: StoredEvent[] = [];
      for await (const event of source.store.readAll({ maxCount: pageSize, ...(after === undefined ? {} : { after }) })) page.push(event);
      if (page.length === 0) break;
      try {
        copied += (await importer.importEvents(page)).imported;
      } catch (error) {
        if (error instanceof EventStoreError) throw new CliError(EXIT.problem, `copy refused after ${held + copied} events: ${error.message}`, { cause: error });
        throw error;
      }
      after = page[page.length - 1]!.globalPosition;
      const elapsed = Math.max(1, Date.now() - started);
      sink.update(held + copied, Math.max(total, held + copied), (copied * 1000) / elapsed);
    }
  } finally {
    sink.stop();
  }
  const [sourceDigest, targetDigest] = [await digestLog(source.store), await digestLog(importer)];
  return { copied, held, elapsedMs: Date.now() - started, source: sourceDigest, target: targetDigest };
};

/** The report's lines, and whether the copy is verified (same count and root, no broken chain on either side). */
export const describeCopy = (result: CopyResult, from: string, to: string): { ok: boolean; text: string } => {
  const { source, target } = result;
  const problems = [
    ...(source.problem === undefined ? [] : [`source chain broken: ${source.problem}`]),
    ...(target.problem === undefined ? [] : [`target chain broken: ${target.problem}`]),
    ...(source.events === target.events ? [] : [`the source has ${source.events} events, the target ${target.events}`]),
    ...(source.root === target.root ? [] : ['the Merkle roots differ']),
  ];
  const rate = result.elapsedMs === 0 ? result.copied : Math.round((result.copied * 1000) / result.elapsedMs);
  const lines = [
    `copied ${result.copied} event(s) from ${from} to ${to}${result.held > 0 ? ` (${result.held} already there, skipped)` : ''} in ${result.elapsedMs} ms (${rate} events/s)`,
    `source: ${source.events} events in ${source.streams} streams, chains ${source.problem === undefined ? 'ok' : 'BROKEN'}, root ${source.root}`,
    `target: ${target.events} events in ${target.streams} streams, chains ${target.problem === undefined ? 'ok' : 'BROKEN'}, root ${target.root}`,
    problems.length === 0 ? 'verified: same events, same hashes, same order' : `FAILED: ${problems.join('; ')}`,
  ];
  return { ok: problems.length === 0, text: `${lines.join('\n')}\n` };
};
