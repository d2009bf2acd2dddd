/**
 * What a SQL store's `importEvents` reads before it writes: the heads of the batch's streams (locked until the
 * import's transaction ends, so nothing moves them in between) and the stored events at the batch's versions.
 */
import { GENESIS_HASH, NO_STREAM, type SealedEvent } from '@laborcase/core';
import { importedVersions, type ImportTargetStream } from '@laborcase/core/adapter-kit';
import type { SqlExecutor } from './client.js';

interface HeadRow {
  readonly stream_id: string;
  readonly version: string;
  readonly last_hash: string;
}

interface StoredRow {
  readonly stream_id: string;
  readonly stream_version: string;
  readonly event_id: string;
  readonly hash: string;
}

/** Read, in `tx`, the target as `planImport` needs it; `s` is the quoted schema. */
export const readImportTarget = async (tx: SqlExecutor, s: string, batch: readonly SealedEvent[]): Promise<(streamId: string) => ImportTargetStream> => {
  const ranges = [...importedVersions(batch)].map(([stream_id, { from, to }]) => ({ stream_id, lo: from, hi: to }));
  const streamIds = JSON.stringify(ranges.map((r) => r.stream_id));
  // In stream-id order, as every import locks them, so two imports never wait on each other crosswise.
  const heads = await tx.query<HeadRow>(
    `SELECT stream_id, version::text AS version, last_hash FROM ${s}.streams
     WHERE stream_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY stream_id FOR UPDATE`,
    [streamIds],
  );
  const stored = await tx.query<StoredRow>(
    `SELECT e.stream_id, e.stream_version::text AS stream_version, e.event_id, e.hash
     FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, lo bigint, hi bigint)
     JOIN ${s}.events e ON e.stream_id = r.stream_id AND e.stream_version BETWEEN r.lo AND r.hi`,
    [JSON.stringify(ranges)],
  );
  const headOf = new Map(heads.map((row) => [row.stream_id, { version: Number(row.version) < 0 ? NO_STREAM : Number(row.version), hash: row.last_hash }] as const));
  const storedOf = new Map<string, Map<number, { eventId: string; hash: string }>>();
  for (const row of stored) {
    const versions = storedOf.get(row.stream_id) ?? new Map<number, { eventId: string; hash: string }>();
    versions.set(Number(row.stream_version), { eventId: row.event_id, hash: row.hash });
    storedOf.set(row.stream_id, versions);
  }
  return (streamId) => ({ head: headOf.get(streamId) ?? { version: NO_STREAM, hash: GENESIS_HASH }, stored: storedOf.get(streamId) ?? new Map() });
};
