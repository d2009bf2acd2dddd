/**
 * Errors of the projection runtime. Each has a stable `code`; those about an input name the offending `field`
 * (a dotted path such as `tables.0.columns.status` or `row.grievanceId`).
 */
export abstract class ProjectionError extends Error {
  abstract readonly code: string;
  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A projection definition, option or argument is malformed. Raised before anything is read or written. */
export class InvalidProjection extends ProjectionError {
  readonly code = 'InvalidProjection' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A row written or a key looked up does not fit its table's declared columns. */
export class InvalidRow extends ProjectionError {
  readonly code = 'InvalidRow' as const;
  constructor(
    readonly table: string,
    readonly field: string,
    message: string,
  ) {
    super(`${table}.${field}: ${message}`);
  }
}

/** Another runner (or rebuild) holds this projection's lease. */
export class ProjectionLocked extends ProjectionError {
  readonly code = 'ProjectionLocked' as const;
  constructor(
    readonly projection: string,
    readonly holder: string | undefined,
  ) {
    super(`projection "${projection}" is being run by ${holder ?? 'another runner'}`);
  }
}

/** The lease was lost during a batch (expired and taken over): the batch was rolled back, nothing written. */
export class LeaseLost extends ProjectionError {
  readonly code = 'LeaseLost' as const;
  constructor(
    readonly projection: string,
    readonly owner: string,
  ) {
    super(`projection "${projection}": runner ${owner} no longer holds the lease; batch rolled back`);
  }
}

/** A runner stopped on a poison event under the `stop` policy. */
export class ProjectionStopped extends ProjectionError {
  readonly code = 'ProjectionStopped' as const;
  constructor(
    readonly projection: string,
    readonly eventId: string,
    readonly position: string,
    readonly reason: string,
  ) {
    super(`projection "${projection}" stopped at event ${eventId} (${position}): ${reason}`);
  }
}

/** A rebuild was cancelled through its signal; the live version is untouched and the new tables dropped. */
export class RebuildCancelled extends ProjectionError {
  readonly code = 'RebuildCancelled' as const;
  constructor(readonly projection: string) {
    super(`rebuild of "${projection}" was cancelled`);
  }
}

/** A read-model store failed (driver error kept as `cause`). */
export class ReadModelFailure extends ProjectionError {
  readonly code = 'ReadModelFailure' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A packaged reactor's command was refused by the aggregate service it went to; the event will be redelivered. */
export class ReactorCommandRejected extends ProjectionError {
  readonly code = 'ReactorCommandRejected' as const;
  constructor(
    readonly reactor: string,
    readonly commandId: string,
    readonly rejection: { readonly code: string; readonly message: string },
  ) {
    super(`reactor "${reactor}": command ${commandId} was rejected: ${rejection.code}: ${rejection.message}`);
  }
}

/**
 * An inline projection could not project an appended event (its handler threw, or it cannot be read): the
 * append is rolled back. The event store reports it as its own failure (`StoreFailure`) with this as `cause`.
 */
export class InlineProjectionFailed extends ProjectionError {
  readonly code = 'InlineProjectionFailed' as const;
  constructor(
    readonly projection: string,
    readonly eventId: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`inline projection "${projection}" failed on event ${eventId}; the append was rolled back: ${reason}`, options);
  }
}
