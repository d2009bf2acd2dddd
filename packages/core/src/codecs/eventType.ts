import type * as t from 'io-ts';

/** One (event type, schema version) with its codec and, above version 1, the upcaster from the version below. */
export interface EventSchema {
  readonly type: string;
  readonly version: number;
  readonly codec: t.Type<unknown, unknown, unknown>;
  readonly upcastFromPrevious?: (previous: unknown) => unknown;
}

/**
 * All schema versions of one event type, built in order so each upcaster is typed by the version below it:
 *
 *   const StepAnswered = defineEventType('StepAnswered', 1, StepAnsweredV1)
 *     .next(2, StepAnsweredV2, (v1) => ({ ...v1, answeredBy: 'unknown' }));
 */
export class EventTypeDefinition<Type extends string, Current> {
  private constructor(
    readonly type: Type,
    readonly schemas: readonly EventSchema[],
    readonly codec: t.Type<Current, unknown, unknown>,
  ) {}

  static create<Type extends string, A, O>(type: Type, version: number, codec: t.Type<A, O, unknown>) {
    return new EventTypeDefinition<Type, A>(type, [{ type, version, codec: erase(codec) }], codec as t.Type<A, unknown, unknown>);
  }

  get currentVersion(): number {
    return this.schemas[this.schemas.length - 1]?.version ?? 0;
  }

  next<B, O>(version: number, codec: t.Type<B, O, unknown>, upcast: (previous: Current) => B): EventTypeDefinition<Type, B> {
    const schema: EventSchema = {
      type: this.type,
      version,
      codec: erase(codec),
      upcastFromPrevious: (previous) => upcast(previous as Current),
    };
    return new EventTypeDefinition<Type, B>(this.type, [...this.schemas, schema], codec as t.Type<B, unknown, unknown>);
  }
}

const erase = <A, O>(codec: t.Type<A, O, unknown>): t.Type<unknown, unknown, unknown> =>
  codec as unknown as t.Type<unknown, unknown, unknown>;

export const defineEventType = EventTypeDefinition.create;

/** The domain event type (`{ type, data }`) described by a definition, at its current version. */
export type EventOfDefinition<D> = D extends EventTypeDefinition<infer Type, infer Data> ? { readonly type: Type; readonly data: Data } : never;
