import { isLeft } from 'fp-ts/lib/Either.js';
import type { FieldIssue } from '../eventstore/errors.js';
import type { StoredEvent } from '../eventstore/envelope.js';
import type { EventSchema } from './eventType.js';
import { toFieldIssues } from './issues.js';
import { isVisibleText } from './primitives.js';
import { isDeepFrozen } from '../eventstore/deepFreeze.js';

export interface RegistryProblem {
  readonly type: string;
  readonly problem: 'gap' | 'duplicate-version' | 'missing-upcaster' | 'invalid-version' | 'invalid-type';
  readonly detail: string;
}

/** Raised when the registry is built: the schemas registered cannot upcast every stored version. */
export class CodecRegistryError extends Error {
  readonly code = 'CodecRegistryError' as const;
  constructor(readonly problems: readonly RegistryProblem[]) {
    super(`codec registry is inconsistent:\n${problems.map((p) => `  ${p.type}: ${p.problem}: ${p.detail}`).join('\n')}`);
    this.name = 'CodecRegistryError';
  }
}

export type ValidationResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly [FieldIssue, ...FieldIssue[]] };

export type QuarantineReason = 'unknown-type' | 'unknown-version' | 'invalid-payload' | 'upcast-failed';

/** A stored event the current code can read, upcast to the current schema version of its type. */
export interface DecodedEvent {
  readonly kind: 'event';
  readonly type: string;
  readonly data: unknown;
  /** The schema version it was stored at (the data is at the registry's current version). */
  readonly storedVersion: number;
  readonly record: StoredEvent;
}

/** A stored event the current code cannot read. Surfaced, never thrown: the log must stay readable. */
export interface QuarantinedRecord {
  readonly kind: 'quarantined';
  readonly reason: QuarantineReason;
  readonly issues: readonly FieldIssue[];
  readonly record: StoredEvent;
}

export type DecodedRecord = DecodedEvent | QuarantinedRecord;

export type DataDecoding =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly issues: readonly FieldIssue[] };

export interface CodecRegistry {
  readonly types: readonly string[];
  has(type: string): boolean;
  currentVersion(type: string): number | undefined;
  /** Validate event data written at `version`; the result is the codec's normalised (encoded) form. */
  validate(type: string, version: number, data: unknown): ValidationResult;
  /** Decode and upcast a stored event to the current version of its type, or quarantine it. */
  decode(record: StoredEvent): DecodedRecord;
  /** Decode and upcast data written at `version` of `type` (e.g. a correction's replacement). */
  decodeData(type: string, version: number, data: unknown): DataDecoding;
}

/** A single schema, or anything carrying a list of them (an `EventTypeDefinition`). */
export type Registrable = EventSchema | { readonly schemas: readonly EventSchema[] };

const schemasOf = (item: Registrable): readonly EventSchema[] => ('schemas' in item ? item.schemas : [item]);

const checkVersions = (type: string, schemas: EventSchema[]): RegistryProblem[] => {
  const problems: RegistryProblem[] = [];
  const seen = new Set<number>();
  for (const schema of schemas) {
    if (!Number.isSafeInteger(schema.version) || schema.version < 1) {
      problems.push({ type, problem: 'invalid-version', detail: `version ${schema.version} is not an integer ≥ 1` });
    } else if (seen.has(schema.version)) {
      problems.push({ type, problem: 'duplicate-version', detail: `version ${schema.version} registered twice` });
    }
    seen.add(schema.version);
  }
  const valid = [...seen].filter((v) => Number.isSafeInteger(v) && v >= 1);
  const highest = Math.max(1, ...valid);
  const missing = Array.from({ length: highest }, (_, i) => i + 1).filter((v) => !seen.has(v));
  if (missing.length > 0) {
    problems.push({ type, problem: 'gap', detail: `versions ${missing.join(', ')} missing (current version ${highest})` });
  }
  for (const schema of schemas) {
    if (schema.version > 1 && schema.upcastFromPrevious === undefined) {
      problems.push({ type, problem: 'missing-upcaster', detail: `version ${schema.version} has no upcaster from ${schema.version - 1}` });
    }
  }
  return problems;
};

/** Validate `data` with one schema; `decodedAsIs` tells whether decoding returned the very same value. */
const validateWith = (schema: EventSchema, data: unknown, prefix: string): ValidationResult & { readonly decodedAsIs?: boolean } => {
  const result = schema.codec.decode(data);
  if (isLeft(result)) {
    const issues = toFieldIssues(result.left, prefix);
    const [first, ...rest] = issues.length > 0 ? issues : [{ path: prefix, message: 'invalid' }];
    return { ok: false, issues: [first ?? { path: prefix, message: 'invalid' }, ...rest] };
  }
  return { ok: true, value: schema.codec.encode(result.right), decodedAsIs: result.right === data };
};

/**
 * Build a registry from event-type definitions (or single schemas). Fails fast, at start-up, when a type
 * has a version gap, a duplicate version or a version without an upcaster from the one below it.
 */
export const createCodecRegistry = (items: Iterable<Registrable>): CodecRegistry => {
  const byType = new Map<string, EventSchema[]>();
  for (const item of items) {
    for (const schema of schemasOf(item)) {
      const list = byType.get(schema.type) ?? [];
      list.push(schema);
      byType.set(schema.type, list);
    }
  }
  const problems = [...byType].flatMap(([type, schemas]): RegistryProblem[] =>
    isVisibleText(type)
      ? checkVersions(type, schemas)
      : [{ type: JSON.stringify(type), problem: 'invalid-type', detail: 'an event type name needs a visible character and no control character' }],
  );
  if (problems.length > 0) throw new CodecRegistryError(problems);

  const ordered = new Map<string, EventSchema[]>(
    [...byType].map(([type, schemas]) => [type, [...schemas].sort((a, b) => a.version - b.version)]),
  );
  /** The schemas of `type` and the one at `version`, or why there is none (the same answer for writes and reads). */
  const lookup = (
    type: string,
    version: number,
  ): { readonly schemas: EventSchema[]; readonly schema: EventSchema } | { readonly reason: 'unknown-type' | 'unknown-version'; readonly issue: FieldIssue } => {
    const schemas = ordered.get(type);
    if (schemas === undefined) return { reason: 'unknown-type', issue: { path: 'type', message: `unknown event type ${type}` } };
    const schema = schemas[version - 1];
    if (schema === undefined) return { reason: 'unknown-version', issue: { path: 'schemaVersion', message: `no schema version ${version} for ${type}` } };
    return { schemas, schema };
  };

  const decodeData = (type: string, version: number, raw: unknown): DataDecoding => {
    const found = lookup(type, version);
    if ('reason' in found) return { ok: false, reason: found.reason, issues: [found.issue] };
    const { schemas, schema: stored } = found;
    let data = stored.codec.decode(raw);
    if (isLeft(data)) return { ok: false, reason: 'invalid-payload', issues: toFieldIssues(data.left, 'data') };
    let value = data.right;
    for (const schema of schemas.slice(version)) {
      try {
        data = schema.codec.decode(schema.codec.encode(schema.upcastFromPrevious?.(value)));
      } catch (error) {
        return { ok: false, reason: 'upcast-failed', issues: [{ path: 'data', message: `upcast to v${schema.version} threw: ${String(error)}` }] };
      }
      if (isLeft(data)) return { ok: false, reason: 'upcast-failed', issues: toFieldIssues(data.left, 'data') };
      value = data.right;
    }
    return { ok: true, data: value };
  };

  /**
   * Data this registry has already validated at the current schema of its type, keyed by the data object: the
   * decode fast path. An entry is made only when the data is deep-frozen (it can never change afterwards) and
   * decoding it returned the very same object (no key stripped, nothing converted), so decoding it again could
   * only return that object again. The in-memory store validates each event's frozen snapshot through here at
   * append and hands the same object back on every read; anything else (a copy, data read from a database,
   * another registry's, another type's or version's) is not in the map and is decoded, upcast or quarantined.
   */
  const validatedAsCurrent = new WeakMap<object, EventSchema>();
  const currentSchemaOf = (type: string): EventSchema | undefined => {
    const schemas = ordered.get(type);
    return schemas?.[schemas.length - 1];
  };
  const alreadyValidated = (record: StoredEvent): boolean => {
    const { data } = record;
    if (typeof data !== 'object' || data === null) return false;
    const schema = validatedAsCurrent.get(data);
    return schema !== undefined && schema === currentSchemaOf(record.type) && schema.version === record.schemaVersion;
  };

  return {
    types: [...ordered.keys()].sort(),
    has: (type) => ordered.has(type),
    currentVersion: (type) => ordered.get(type)?.length,
    validate(type, version, data) {
      const found = lookup(type, version);
      if ('reason' in found) return { ok: false, issues: [found.issue] };
      const { decodedAsIs, ...result } = validateWith(found.schema, data, 'data');
      if (decodedAsIs === true && found.schema === currentSchemaOf(type) && isDeepFrozen(data)) validatedAsCurrent.set(data as object, found.schema);
      return result;
    },
    decode(record) {
      const decoded = alreadyValidated(record) ? { ok: true as const, data: record.data } : decodeData(record.type, record.schemaVersion, record.data);
      return decoded.ok
        ? { kind: 'event', type: record.type, data: decoded.data, storedVersion: record.schemaVersion, record }
        : { kind: 'quarantined', reason: decoded.reason, issues: decoded.issues, record };
    },
    decodeData,
  };
};
