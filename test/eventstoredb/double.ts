/**
 * A protocol-level double of an EventStoreDB node, for tests only: a `@grpc/grpc-js` server on loopback that
 * serves the client's own generated service definitions (`@eventstore/db-client/generated`), so the unmodified
 * client talks to it over real gRPC. Written from the protocol messages and the documented or observed behaviour
 * in ../shared/eventstoredb.md (never from the server's source).
 *
 * What it models: Streams.Append, Streams.BatchAppend, ServerFeatures (or its absence), Streams.Read for a stream,
 * for $all and as catch-up + live subscriptions (filters, checkpoints, caught-up), Streams.Delete (soft delete via
 * `$tb` on the metastream), Streams.Tombstone, stream metadata (`$$stream`), monotonic log positions with gaps
 * (commit == prepare), system events seeded in and interleaved with $all, the expected-revision rules and the
 * idempotent re-append of a batch with the same event ids.
 *
 * What it does not model (pitfall 10): TLS, keep-alive, reconnection, deadlines, leader/follower, durability,
 * `$maxAge`/`$maxCount`, ACLs, persistent subscriptions, projections, gossip.
 */
import * as grpc from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** One record of the log, as the server keeps it. */
export interface DoubleRecord {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks since the Unix epoch (ms × 10 000), as the server's `created` metadata. */
  readonly created: bigint;
  /** Log position; commit == prepare, strictly increasing, with gaps. */
  readonly position: bigint;
}

/** An expected revision as the wire carries it. */
export type WireExpected = { readonly kind: 'any' } | { readonly kind: 'no_stream' } | { readonly kind: 'stream_exists' } | { readonly kind: 'revision'; readonly revision: bigint };

interface StreamState {
  readonly records: DoubleRecord[];
  tombstoned: boolean;
}

export interface DoubleOptions {
  /** Answer ServerFeatures with BatchAppend (what a real 21.6+ server does). When false, ServerFeatures is unimplemented. */
  readonly advertiseBatchAppend: boolean;
  /** Write a system event (`$statsCollected`) into $all after every n-th user append (default 3; 0 disables). */
  readonly systemEventEvery?: number;
  /** Events the server scans per filtered-subscription checkpoint window when the client sets none (default 32). */
  readonly defaultCheckpointWindow?: number;
}

const STREAMS_SERVICE = 'event_store.client.streams.Streams';
const TICKS_PER_MS = 10_000n;
/** Outcome of an append decided against the current state. */
type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint; readonly position: bigint | undefined }
  | { readonly ok: false; readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined; readonly expected: WireExpected }
  | { readonly ok: false; readonly kind: 'stream-deleted' };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

const streamName = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

const identifierOf = (name: string) => new sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

/** The in-memory state of the double and the server that exposes it. */
export class EventStoreDbDouble {
  readonly log: DoubleRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private nextPosition = 1_024n;
  private userAppends = 0;
  private readonly live = new Set<(record: DoubleRecord) => void>();
  private server: grpc.Server | undefined;
  /** Calls received, by method name: lets tests prove which append path the client took. */
  readonly calls = new Map<string, number>();
  /** The `count` of every non-subscription Read request, in order: lets tests prove reads are paged. */
  readonly readCounts: bigint[] = [];

  constructor(private readonly options: DoubleOptions) {
    // A real $all starts with system events (pitfall 8).
    this.write('$settings', [this.systemEvent('$settings', { $userStreamAcl: { $r: '$all' } })]);
    this.write('$$$scavenges', [this.systemEvent('$metadata', { $maxAge: 2_592_000 })]);
    this.write('$projections-$all', [this.systemEvent('$ProjectionsInitialized', {})]);
  }

  /** Start on 127.0.0.1 with an ephemeral port; returns an insecure single-host connection string. */
  async start(): Promise<string> {
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, {
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.handleAppend(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.handleBatchAppend(call),
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.handleRead(call),
      delete: (call: grpc.ServerUnaryCall<InstanceType<typeof streamsPb.DeleteReq>, InstanceType<typeof streamsPb.DeleteResp>>, callback: grpc.sendUnaryData<InstanceType<typeof streamsPb.DeleteResp>>) =>
        this.handleDelete(call.request, false, callback),
      tombstone: (call: grpc.ServerUnaryCall<InstanceType<typeof streamsPb.TombstoneReq>, InstanceType<typeof streamsPb.TombstoneResp>>, callback: grpc.sendUnaryData<InstanceType<typeof streamsPb.TombstoneResp>>) =>
        this.handleDelete(call.request, true, callback),
    });
    if (this.options.advertiseBatchAppend) {
      server.addService(featuresGrpc.ServerFeaturesService, {
        getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof featuresPb.SupportedMethods>>) => {
          this.count('getSupportedMethods');
          const methods = ['Append', 'BatchAppend', 'Read', 'Delete', 'Tombstone'].map((name) =>
            new featuresPb.SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name),
          );
          callback(null, new featuresPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('24.10.0-double'));
        },
      });
    }
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.server = server;
    return `esdb://127.0.0.1:${port}?tls=false`;
  }

  async stop(): Promise<void> {
    this.live.clear();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  // ---- state, usable directly by the double's own tests ----

  /** The revision the expected-revision checks see: undefined for a missing or soft-deleted stream. */
  currentRevision(name: string): bigint | undefined {
    const visible = this.visibleRecords(name);
    return visible.length === 0 ? undefined : visible[visible.length - 1]!.revision;
  }

  /** Decide and (on success) perform an append; the single place the conflict and idempotency rules live. */
  append(name: string, expected: WireExpected, events: readonly ProposedEvent[]): AppendOutcome {
    const state = this.streams.get(name);
    if (state?.tombstoned === true) return { ok: false, kind: 'stream-deleted' };
    const current = this.currentRevision(name);
    const replay = this.idempotentReplay(name, expected, events);
    if (replay !== undefined) return replay;
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!matches) return { ok: false, kind: 'wrong-expected-version', current, expected };
    if (events.length === 0) return { ok: true, revision: current ?? -1n, position: undefined };
    const written = this.write(name, events);
    this.userAppends += 1;
    const every = this.options.systemEventEvery ?? 3;
    if (every > 0 && this.userAppends % every === 0) {
      this.write('$stats-127.0.0.1:2113', [this.systemEvent('$statsCollected', { 'proc-cpu': 0.5 })]);
    }
    const last = written[written.length - 1]!;
    return { ok: true, revision: last.revision, position: last.position };
  }

  /** Stream metadata as the server reads it: the last `$metadata` event of `$$<stream>`, parsed. */
  streamMetadata(name: string): Record<string, unknown> {
    const meta = this.streams.get(`$$${name}`)?.records;
    const last = meta?.[meta.length - 1];
    if (last === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(Buffer.from(last.data).toString('utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  // ---- internals ----

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  private systemEvent(type: string, data: object): ProposedEvent {
    return { id: crypto.randomUUID(), type, contentType: 'application/json', data: Buffer.from(JSON.stringify(data)), customMetadata: new Uint8Array() };
  }

  /** Events with revision ≥ `$tb` of the stream's metadata: what reads and checks see. */
  private visibleRecords(name: string): readonly DoubleRecord[] {
    const records = this.streams.get(name)?.records ?? [];
    const tb = this.streamMetadata(name)['$tb'];
    if (typeof tb !== 'number') return records;
    return records.filter((r) => r.revision >= BigInt(tb));
  }

  /**
   * A re-sent batch: the same ids, in order, already stored right after the expected revision (or anywhere
   * consecutive, for any/stream_exists). The server answers success without writing again (pitfall 7).
   */
  private idempotentReplay(name: string, expected: WireExpected, events: readonly ProposedEvent[]): AppendOutcome | undefined {
    const records = this.streams.get(name)?.records ?? [];
    if (events.length === 0 || records.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'no_stream') start = 0;
    else if (expected.kind === 'revision') start = Number(expected.revision) + 1;
    else start = records.findIndex((r) => r.id === events[0]!.id);
    if (start < 0 || start + events.length > records.length) return undefined;
    const same = events.every((event, i) => records[start + i]!.id === event.id);
    if (!same) return undefined;
    const last = records[start + events.length - 1]!;
    return { ok: true, revision: last.revision, position: last.position };
  }

  private write(name: string, events: readonly ProposedEvent[]): DoubleRecord[] {
    let state = this.streams.get(name);
    if (state === undefined) {
      state = { records: [], tombstoned: false };
      this.streams.set(name, state);
    }
    const written: DoubleRecord[] = [];
    for (const event of events) {
      const previous = state.records[state.records.length - 1];
      const record: DoubleRecord = {
        streamId: name,
        revision: previous === undefined ? 0n : previous.revision + 1n,
        ...event,
        created: BigInt(Date.now()) * TICKS_PER_MS,
        position: this.nextPosition,
      };
      // Byte-offset-like: the next position is past this record's size, never +1 (pitfall 5).
      this.nextPosition += 128n + BigInt(event.data.length + event.customMetadata.length + name.length);
      state.records.push(record);
      this.log.push(record);
      written.push(record);
    }
    for (const notify of [...this.live]) for (const record of written) notify(record);
    return written;
  }

  private expectedOf(options: {
    hasRevision(): boolean;
    getRevision(): string;
    hasNoStream(): boolean;
    hasStreamExists(): boolean;
  }): WireExpected {
    if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
    if (options.hasNoStream()) return { kind: 'no_stream' };
    if (options.hasStreamExists()) return { kind: 'stream_exists' };
    return { kind: 'any' };
  }

  private proposed(message: InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>): ProposedEvent {
    const metadata = message.getMetadataMap();
    return {
      id: message.getId()?.getString() ?? '',
      type: metadata.get('type') ?? '',
      contentType: metadata.get('content-type') ?? 'application/octet-stream',
      data: message.getData_asU8(),
      customMetadata: message.getCustomMetadata_asU8(),
    };
  }

  private static exception(code: grpc.status, exception: string, details: string, extra: Record<string, string> = {}): Partial<grpc.StatusObject> {
    const metadata = new grpc.Metadata();
    metadata.set('exception', exception);
    for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
    return { code, details, metadata };
  }

  private handleAppend(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    this.count('append');
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else if (req.hasProposedMessage()) events.push(this.proposed(req.getProposedMessage()!));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (options === undefined) {
        callback(EventStoreDbDouble.exception(grpc.status.INVALID_ARGUMENT, 'invalid-argument', 'append without options'));
        return;
      }
      const name = streamName(options.getStreamIdentifier());
      const expected = this.expectedOf(options);
      const outcome = this.append(name, expected, events);
      const resp = new streamsPb.AppendResp();
      if (outcome.ok) {
        const success = new streamsPb.AppendResp.Success();
        if (outcome.revision < 0n) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(outcome.revision.toString());
        if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
        else success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
        callback(null, resp.setSuccess(success));
      } else if (outcome.kind === 'stream-deleted') {
        callback(EventStoreDbDouble.exception(grpc.status.FAILED_PRECONDITION, 'stream-deleted', `Event stream '${name}' is deleted.`, { 'stream-name': name }));
      } else {
        // A conflict is in-band on the Append path (pitfall 6 / notes §2).
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
        else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
        else wrong.setExpectedAny(new sharedPb.Empty());
        callback(null, resp.setWrongExpectedVersion(wrong));
      }
    });
  }

  private handleBatchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    this.count('batchAppend');
    // Chunks of one batch share a correlation id; the first carries the options, the last is_final.
    const pending = new Map<string, { options: InstanceType<typeof streamsPb.BatchAppendReq.Options>; events: ProposedEvent[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId()?.getString() ?? '';
      let batch = pending.get(correlation);
      if (batch === undefined) {
        const options = req.getOptions();
        if (options === undefined) return;
        batch = { options, events: [] };
        pending.set(correlation, batch);
      }
      for (const message of req.getProposedMessagesList()) batch.events.push(this.proposed(message));
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const { options } = batch;
      const name = streamName(options.getStreamIdentifier());
      const expected: WireExpected = options.hasStreamPosition()
        ? { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
        : options.hasNoStream()
          ? { kind: 'no_stream' }
          : options.hasStreamExists()
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
      const outcome = this.append(name, expected, batch.events);
      const resp = new streamsPb.BatchAppendResp().setCorrelationId(new sharedPb.UUID().setString(correlation)).setStreamIdentifier(identifierOf(name));
      if (outcome.ok) {
        const success = new streamsPb.BatchAppendResp.Success();
        if (outcome.revision < 0n) success.setNoStream(new emptyPb.Empty());
        else success.setCurrentRevision(outcome.revision.toString());
        if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
        else success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
        resp.setSuccess(success);
      } else {
        // Errors are in-band too: a google.rpc.Status whose details pack the reason.
        const any = new anyPb.Any();
        if (outcome.kind === 'stream-deleted') {
          any.pack(new sharedPb.StreamDeleted().setStreamIdentifier(identifierOf(name)).serializeBinary(), 'event_store.client.StreamDeleted');
        } else {
          const wrong = new sharedPb.WrongExpectedVersion();
          if (outcome.current === undefined) wrong.setCurrentNoStream(new emptyPb.Empty());
          else wrong.setCurrentStreamRevision(outcome.current.toString());
          if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new emptyPb.Empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new emptyPb.Empty());
          else wrong.setExpectedAny(new emptyPb.Empty());
          any.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
        }
        resp.setError(new statusPb.Status().setCode(9).setMessage(outcome.kind).setDetails(any));
      }
      call.write(resp);
    });
    call.on('error', () => undefined);
    call.on('end', () => call.end());
  }

  private handleDelete(
    request: InstanceType<typeof streamsPb.DeleteReq> | InstanceType<typeof streamsPb.TombstoneReq>,
    tombstone: boolean,
    callback: grpc.sendUnaryData<InstanceType<typeof streamsPb.DeleteResp>>,
  ): void {
    this.count(tombstone ? 'tombstone' : 'delete');
    const options = request.getOptions();
    const name = streamName(options?.getStreamIdentifier());
    const state = this.streams.get(name);
    if (state?.tombstoned === true) {
      callback(EventStoreDbDouble.exception(grpc.status.FAILED_PRECONDITION, 'stream-deleted', `Event stream '${name}' is deleted.`, { 'stream-name': name }));
      return;
    }
    const expected = options === undefined ? ({ kind: 'any' } as const) : this.expectedOf(options);
    const current = this.currentRevision(name);
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!matches) {
      const extra: Record<string, string> = { 'stream-name': name, 'expected-version': expected.kind === 'revision' ? expected.revision.toString() : '-1' };
      if (current !== undefined) extra['actual-version'] = current.toString();
      callback(EventStoreDbDouble.exception(grpc.status.FAILED_PRECONDITION, 'wrong-expected-version', 'Wrong expected version.', extra));
      return;
    }
    const last = state?.records[state.records.length - 1];
    if (tombstone) {
      const written = this.write(name, [this.systemEvent('$streamDeleted', {})]);
      this.streams.get(name)!.tombstoned = true;
      const position = written[0]!.position.toString();
      callback(null, new streamsPb.TombstoneResp().setPosition(new streamsPb.TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position)));
      return;
    }
    // Soft delete = `$tb` past the last event on the metastream: revisions continue if the stream is recreated.
    const tb = last === undefined ? 0 : Number(last.revision) + 1;
    const written = this.write(`$$${name}`, [this.systemEvent('$metadata', { ...this.streamMetadata(name), $tb: tb })]);
    const position = written[0]!.position.toString();
    callback(null, new streamsPb.DeleteResp().setPosition(new streamsPb.DeleteResp.Position().setCommitPosition(position).setPreparePosition(position)));
  }

  private readEvent(record: DoubleRecord, onAll: boolean): ReadResp {
    const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
      .setId(new sharedPb.UUID().setString(record.id))
      .setStreamIdentifier(identifierOf(record.streamId))
      .setStreamRevision(record.revision.toString())
      .setCommitPosition(record.position.toString())
      .setPreparePosition(record.position.toString())
      .setData(record.data)
      .setCustomMetadata(record.customMetadata);
    const metadata = recorded.getMetadataMap();
    metadata.set('type', record.type);
    metadata.set('content-type', record.contentType);
    metadata.set('created', record.created.toString());
    const event = new streamsPb.ReadResp.ReadEvent().setEvent(recorded);
    if (onAll) event.setCommitPosition(record.position.toString());
    else event.setNoPosition(new sharedPb.Empty());
    return new streamsPb.ReadResp().setEvent(event);
  }

  private handleRead(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    this.count('read');
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', EventStoreDbDouble.exception(grpc.status.INVALID_ARGUMENT, 'invalid-argument', 'read without options'));
      return;
    }
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
    if (!options.hasSubscription()) this.readCounts.push(count);
    if (options.hasStream()) {
      const stream = options.getStream()!;
      const name = streamName(stream.getStreamIdentifier());
      if (this.streams.get(name)?.tombstoned === true) {
        // Errors on a server stream go out as an emitted status; destroying the call hangs the client (pitfall 1).
        call.emit('error', EventStoreDbDouble.exception(grpc.status.FAILED_PRECONDITION, 'stream-deleted', `Event stream '${name}' is deleted.`, { 'stream-name': name }));
        return;
      }
      const visible = this.visibleRecords(name);
      if (options.hasSubscription()) {
        const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? (visible[visible.length - 1]?.revision ?? -1n) : -1n;
        this.subscribe(call, (r) => r.streamId === name && r.revision > from, undefined, [...visible], false);
        return;
      }
      if (visible.length === 0) {
        // Not-found is data, then a normal end (pitfall 2).
        call.write(new streamsPb.ReadResp().setStreamNotFound(new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(identifierOf(name))));
        call.end();
        return;
      }
      // From X includes X, both ways; backwards from END starts at the last event (pitfall 3).
      const selected = backwards
        ? [...visible].reverse().filter((r) => stream.hasStart() ? false : stream.hasRevision() ? r.revision <= BigInt(stream.getRevision()) : true)
        : visible.filter((r) => (stream.hasEnd() ? false : stream.hasRevision() ? r.revision >= BigInt(stream.getRevision()) : true));
      for (const record of selected.slice(0, Number(count))) call.write(this.readEvent(record, false));
      call.end();
      return;
    }
    const all = options.getAll()!;
    const position = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
    if (options.hasSubscription()) {
      const from = position ?? (all.hasEnd() ? (this.log[this.log.length - 1]?.position ?? -1n) : -1n);
      this.subscribe(call, (r) => r.position > from, options.hasFilter() ? options.getFilter() : undefined, this.log, true);
      return;
    }
    // $all reads from a position include it (unverified backwards; see the notes).
    const selected = backwards
      ? [...this.log].reverse().filter((r) => (all.hasStart() ? false : position === undefined ? true : r.position <= position))
      : this.log.filter((r) => (all.hasEnd() ? false : position === undefined ? true : r.position >= position));
    for (const record of selected.slice(0, Number(count))) call.write(this.readEvent(record, true));
    call.end();
  }

  /**
   * A catch-up subscription: confirmation, the events after `from` (exclusive), caught-up, then live events;
   * with a filter, a checkpoint every `max × multiplier` scanned events and at caught-up (pitfall 4).
   */
  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, after: (r: DoubleRecord) => boolean, filter: FilterOptions | undefined, history: readonly DoubleRecord[], onAll: boolean): void {
    const matcher = filter === undefined ? () => true : filterMatcher(filter);
    const window = filter === undefined ? 0 : (filter.hasMax() ? filter.getMax() : (this.options.defaultCheckpointWindow ?? 32)) * Math.max(1, filter.getCheckpointintervalmultiplier());
    let scanned = 0;
    const checkpoint = (position: bigint) =>
      call.write(new streamsPb.ReadResp().setCheckpoint(new streamsPb.ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString())));
    const deliver = (record: DoubleRecord) => {
      if (!after(record)) return;
      if (matcher(record)) call.write(this.readEvent(record, onAll));
      scanned += 1;
      if (filter !== undefined && window > 0 && scanned % window === 0) checkpoint(record.position);
    };
    call.write(new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID())));
    for (const record of [...history]) deliver(record);
    if (filter !== undefined) {
      const last = this.log[this.log.length - 1];
      if (last !== undefined) checkpoint(last.position);
    }
    call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
    const listener = (record: DoubleRecord) => deliver(record);
    this.live.add(listener);
    const stop = () => this.live.delete(listener);
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
  }
}

/** The server-side filter: a prefix list or a regex, on the stream name or the event type. */
const filterMatcher = (filter: FilterOptions): ((record: DoubleRecord) => boolean) => {
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const subject = (record: DoubleRecord) => (onStream ? record.streamId : record.type);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (record) => prefixes.some((prefix) => subject(record).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (record) => regex.test(subject(record));
};
