/**
 * `laborcase verify`: every stream's hash chain (or one with `--stream`), and with `--checkpoint` the whole log
 * against a checkpoint the auditor trusts (`verifyLog`: nothing dropped, reordered, re-hashed or forked since).
 */
import { verifyStream, type EventStore, type StoredEvent } from '@laborcase/core';
import { verifyLog, type CheckpointPolicy, type LogProblem, type TreeStorage } from '@laborcase/core/transparency';

export interface ChainReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  /** The first broken stream, described in one line. */
  readonly firstProblem?: string;
}

const describeBreak = (streamId: string, result: Extract<ReturnType<typeof verifyStream>, { ok: false }>): string =>
  `stream ${streamId} broken at version ${result.streamVersion} (event ${result.eventId}): ${result.reason}: ${result.detail}`;

export const verifyChains = async (store: EventStore, streamId?: string): Promise<ChainReport> => {
  const byStream = new Map<string, StoredEvent[]>();
  const source = streamId === undefined ? store.readAll() : store.readStream(streamId);
  let events = 0;
  for await (const event of source) {
    const list = byStream.get(event.streamId) ?? [];
    list.push(event);
    byStream.set(event.streamId, list);
    events += 1;
  }
  if (streamId !== undefined && events === 0) return { ok: false, streams: 0, events: 0, firstProblem: `stream ${streamId} has no events (deleted, or a wrong id)` };
  for (const [id, list] of byStream) {
    const result = verifyStream(list);
    if (!result.ok) return { ok: false, streams: byStream.size, events, firstProblem: describeBreak(id, result) };
  }
  return { ok: true, streams: byStream.size, events };
};

export const describeLogProblem = (problem: LogProblem): string => {
  switch (problem.kind) {
    case 'altered-event':
      return `altered event: ${problem.streamId} v${problem.streamVersion} (${problem.eventId}) no longer hashes to its stored hash`;
    case 'broken-chain':
      return `broken chain: ${problem.streamId} v${problem.streamVersion} (${problem.eventId}) does not link to its predecessor`;
    case 'missing-event':
      return `missing event: ${problem.streamId} v${problem.streamVersion}${problem.eventId === undefined ? '' : ` (${problem.eventId})`}`;
    case 'deleted-stream':
      return `deleted stream: ${problem.streamId}`;
    case 'truncated-log':
      return `truncated log: the checkpoint covers ${problem.checkpointSize} events, the log holds ${problem.logSize}`;
    case 'reordered':
      return `reordered: event ${problem.eventId} is not at leaf ${problem.leafIndex} any more`;
    case 're-hashed':
      return `re-hashed: ${problem.streamId} v${problem.streamVersion} (${problem.eventId}) was replaced by an event with a new hash`;
    case 'history-differs':
      return `history differs: the first ${problem.checkpointSize} events hash to ${problem.actualRoot}, the checkpoint says ${problem.expectedRoot} (rewritten or forked)`;
  }
};

export interface CheckpointReport {
  readonly ok: boolean;
  readonly size: number;
  readonly cosignedBy: readonly string[];
  readonly events: number;
  readonly problems: readonly string[];
}

export const verifyAgainstCheckpoint = async (store: EventStore, note: string, policy: CheckpointPolicy, storage: TreeStorage): Promise<CheckpointReport> => {
  const result = await verifyLog(store, note, policy, { storage });
  return {
    ok: result.ok,
    size: result.checkpoint.checkpoint.size,
    cosignedBy: result.checkpoint.cosignedBy.map((c) => c.name),
    events: result.eventsChecked,
    problems: result.problems.map(describeLogProblem),
  };
};
