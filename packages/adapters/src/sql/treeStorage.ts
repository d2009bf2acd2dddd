import { type GlobalPosition } from '@laborcase/core';
import { TransparencyError, type Hash, type LeafRecord, type NodeId, type StoredNode, type TreeHead, type TreeStorage } from '@laborcase/core/transparency';
import type { SqlClient } from './client.js';
import { quoteSchema } from './schema.js';

interface LeafRow {
  leaf_index: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_hash: string;
  global_position: string;
}

const toLeaf = (row: LeafRow): LeafRecord => ({
  index: Number(row.leaf_index),
  eventId: row.event_id,
  streamId: row.stream_id,
  streamVersion: Number(row.stream_version),
  eventHash: row.event_hash,
  globalPosition: row.global_position as GlobalPosition,
});

// Numbers are selected as text (driver-independent); ORDER BY must then name the table's column, not the alias.
const LEAF_COLUMNS = `leaf_index::text AS leaf_index, event_id, stream_id, stream_version::text AS stream_version, event_hash, global_position`;

/**
 * The log tree's storage in the event store's own database (tables of migration 3), so the tree, its leaves and
 * its head move together in one statement and a second integrator can never add a leaf twice.
 */
export const createSqlTreeStorage = (client: SqlClient, schema = 'laborcase'): TreeStorage => {
  const s = quoteSchema(schema);
  const integrateStatement = `
    WITH moved AS (
      UPDATE ${s}.tree_head SET size = $1, position = $2 WHERE id = 1 AND size = $3 AND position = $4 RETURNING 1
    ), new_nodes AS (
      INSERT INTO ${s}.tree_nodes (level, idx, hash)
      SELECT level, idx, decode(hash, 'hex') FROM unnest($5::smallint[], $6::bigint[], $7::text[]) AS n(level, idx, hash)
      WHERE EXISTS (SELECT 1 FROM moved)
    ), new_leaves AS (
      INSERT INTO ${s}.tree_leaves (leaf_index, event_id, stream_id, stream_version, event_hash, global_position)
      SELECT * FROM unnest($8::bigint[], $9::text[], $10::text[], $11::bigint[], $12::text[], $13::text[])
      WHERE EXISTS (SELECT 1 FROM moved)
    )
    SELECT count(*)::int AS moved FROM moved`;
  return {
    async head(): Promise<TreeHead> {
      const [row] = await client.query<{ size: string; position: string }>(`SELECT size::text AS size, position FROM ${s}.tree_head WHERE id = 1`);
      if (row === undefined) throw new TransparencyError('Inconsistent', `${schema}.tree_head has no row: was the schema migrated?`);
      return { size: Number(row.size), position: row.position as GlobalPosition };
    },
    async readNodes(ids: readonly NodeId[]): Promise<readonly Hash[]> {
      if (ids.length === 0) return [];
      const rows = await client.query<{ level: number; idx: string; hash: string }>(
        `SELECT n.level, n.idx::text AS idx, encode(n.hash, 'hex') AS hash
         FROM ${s}.tree_nodes n JOIN unnest($1::smallint[], $2::bigint[]) AS want(level, idx) ON n.level = want.level AND n.idx = want.idx`,
        [ids.map((id) => id.level), ids.map((id) => String(id.index))],
      );
      const byKey = new Map(rows.map((row) => [`${row.level}:${row.idx}`, row.hash]));
      return ids.map((id) => {
        const hex = byKey.get(`${id.level}:${id.index}`);
        if (hex === undefined) throw new TransparencyError('Inconsistent', `tree node ${id.level}:${id.index} is missing from ${schema}.tree_nodes`);
        return new Uint8Array(Buffer.from(hex, 'hex'));
      });
    },
    async integrate(from: TreeHead, to: TreeHead, nodes: readonly StoredNode[], leaves: readonly LeafRecord[]): Promise<boolean> {
      // One statement, so one round trip and atomic by itself: the head moves only if it is still `from` (a
      // second integrator waits on the row, then finds it moved), and the inserts happen only if it moved.
      const [row] = await client.query<{ moved: number }>(integrateStatement, [
        String(to.size),
        to.position,
        String(from.size),
        from.position,
        nodes.map((n) => n.level),
        nodes.map((n) => String(n.index)),
        nodes.map((n) => Buffer.from(n.hash).toString('hex')),
        leaves.map((l) => String(l.index)),
        leaves.map((l) => l.eventId),
        leaves.map((l) => l.streamId),
        leaves.map((l) => String(l.streamVersion)),
        leaves.map((l) => l.eventHash),
        leaves.map((l) => l.globalPosition),
      ], { prepare: true });
      return row?.moved === 1;
    },
    async leavesOfStream(streamId: string): Promise<readonly LeafRecord[]> {
      return (await client.query<LeafRow>(`SELECT ${LEAF_COLUMNS} FROM ${s}.tree_leaves WHERE stream_id = $1 ORDER BY tree_leaves.stream_version`, [streamId])).map(toLeaf);
    },
    async leaves(from: number, to: number): Promise<readonly LeafRecord[]> {
      return (
        await client.query<LeafRow>(`SELECT ${LEAF_COLUMNS} FROM ${s}.tree_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY tree_leaves.leaf_index`, [String(from), String(to)])
      ).map(toLeaf);
    },
  };
};
