import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight, right } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { v4 as uuid } from 'uuid';
import { NonEmptyString, IsoDate, START, commandHandler, serviceOperation, strictCommand, type EventStore } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { collect, toyDecider, toyRegistry, type ToyCommand } from '@laborcase/core/adapter-kit';

const FileInput = strictCommand('File', { grievant: NonEmptyString, articleKeys: t.array(NonEmptyString), occurredOn: IsoDate, filedOn: IsoDate });
const ToyCommandCodec = t.union([
  strictCommand('File', { type: t.literal('File'), grievant: NonEmptyString, articleKeys: t.array(NonEmptyString), occurredOn: IsoDate }),
  strictCommand('Answer', { type: t.literal('Answer'), disposition: t.union([t.literal('granted'), t.literal('denied')]) }),
  strictCommand('Appeal', { type: t.literal('Appeal') }),
]);

const setup = () => {
  const store = createInMemoryEventStore({ registry: toyRegistry, clock: () => new Date('2025-10-21T13:00:00Z') });
  const handler = commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuid, commandCodec: ToyCommandCodec as t.Decoder<unknown, ToyCommand> });
  const file = serviceOperation({
    name: 'toy.file',
    id: NonEmptyString,
    idField: 'grievanceId',
    input: FileInput,
    handler,
    plan: (id: string, input) =>
      right({ streamId: `toy-${id}`, effectiveOn: input.filedOn, command: { type: 'File', grievant: input.grievant, articleKeys: input.articleKeys, occurredOn: input.occurredOn } }),
  });
  return { store, handler, file };
};

const actor = { actorId: 'rep-4', role: 'association-rep' };
const input = { grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06', filedOn: '2025-10-21' };
const logOf = async (store: EventStore) => collect(store.readAll({ after: START }));

describe('serviceOperation', () => {
  it('validates, plans and records the command with the actor as provenance and the derived business date', async () => {
    const { store, file } = setup();
    const result = await file('G-1', input, actor, { correlationId: 'request-7' });
    expect(isRight(result)).toBe(true);
    const [event] = await logOf(store);
    expect(event?.streamId).toBe('toy-G-1');
    expect(event?.metadata).toMatchObject({ provenance: actor, effectiveOn: '2025-10-21', correlationId: 'request-7' });
  });

  it.each([
    ['the id', () => [' ', input, actor], 'grievanceId'],
    ['the actor', () => ['G-1', input, { actorId: 'rep-4' }], 'actor.role'],
    ['the input', () => ['G-1', { ...input, grievant: undefined }, actor], 'grievant'],
    ['an unknown input field', () => ['G-1', { ...input, grievent: 'x' }, actor], 'grievent'],
    ['the options', () => ['G-1', input, actor, { correlationId: 7 }], 'options.correlationId'],
  ] as const)('a malformed call (%s) is InvalidCommand naming the field and writes nothing', async (_what, args, field) => {
    const { store, file } = setup();
    const [id, body, who, options] = args() as unknown as Parameters<typeof file>;
    const result = await file(id, body, who, options);
    expect(isLeft(result) && result.left).toMatchObject({ code: 'InvalidCommand', field });
    expect(await logOf(store)).toEqual([]);
  });

  it('never throws on any JSON value as id, input or actor, and writes only on success', async () => {
    const { store, file } = setup();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), async (id, body, who) => {
        const before = (await logOf(store)).length;
        const result = await file(id as string, body as typeof input, who as typeof actor);
        const after = (await logOf(store)).length;
        expect(after).toBe(isLeft(result) ? before : before + result.right.events.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('commandHandler with a command codec', () => {
  it('rejects a malformed command as InvalidCommand before reading the stream', async () => {
    const { store, handler } = setup();
    const result = await handler('toy-G-2', { type: 'File', articleKeys: [], occurredOn: '2025-10-06' } as unknown as ToyCommand, {
      provenance: actor,
      effectiveOn: '2025-10-21',
    });
    expect(isLeft(result) && result.left).toMatchObject({ code: 'InvalidCommand' });
    expect(await logOf(store)).toEqual([]);
  });
});
