import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { commandUnion, decodeActor, decodeCommand, strictCommand } from './commandCodec.js';
import { IsoDate, NonEmptyString } from './primitives.js';

const FileInput = strictCommand('FileInput', { grievant: NonEmptyString, occurredOn: IsoDate, articleKeys: t.array(NonEmptyString) }, { remedy: NonEmptyString });

const leftOf = <A>(result: ReturnType<typeof decodeCommand<A>>) => {
  if (!isLeft(result)) throw new Error('expected a rejection');
  return result.left;
};

describe('decodeCommand with strictCommand codecs', () => {
  it('accepts a well-formed command and returns only the declared fields', () => {
    const result = decodeCommand(FileInput, { grievant: 'T. Lee', occurredOn: '2025-10-06', articleKeys: ['planning-time'] });
    expect(result).toEqual({ _tag: 'Right', right: { grievant: 'T. Lee', occurredOn: '2025-10-06', articleKeys: ['planning-time'] } });
  });

  it('names the missing field', () => {
    const error = leftOf(decodeCommand(FileInput, { occurredOn: '2025-10-06', articleKeys: [] }, 'grievance.file'));
    expect(error.code).toBe('InvalidCommand');
    expect(error.field).toBe('grievant');
    expect(error.message).toMatch(/^grievance\.file is malformed: grievant: /);
  });

  it('names a nested field by its dotted path and lists every issue', () => {
    const error = leftOf(decodeCommand(FileInput, { grievant: '', occurredOn: '2025-02-30', articleKeys: ['ok', 7] }));
    expect(error.details).toEqual({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'grievant' }),
        expect.objectContaining({ path: 'occurredOn' }),
        expect.objectContaining({ path: 'articleKeys.1' }),
      ]),
    });
  });

  it('rejects a field the command does not declare (a misspelt optional field is not silently dropped)', () => {
    const error = leftOf(decodeCommand(FileInput, { grievant: 'T. Lee', occurredOn: '2025-10-06', articleKeys: [], remdy: 'x' }));
    expect(error.field).toBe('remdy');
    expect(error.message).toMatch(/unknown field/);
  });

  it('rejects non-objects at the root', () => {
    for (const input of [null, undefined, 7, 'x', [], true]) expect(leftOf(decodeCommand(FileInput, input)).field).toBe('(root)');
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = decodeCommand(FileInput, input);
        expect(isLeft(result) || isRight(result)).toBe(true);
      }),
    );
  });
});

describe('decodeActor', () => {
  it('accepts an actor with an optional onBehalfOf', () => {
    expect(decodeActor({ actorId: 'rep-4', role: 'association-rep', onBehalfOf: 'teacher-41' })).toEqual({
      _tag: 'Right',
      right: { actorId: 'rep-4', role: 'association-rep', onBehalfOf: 'teacher-41' },
    });
  });
  it('reports issues under actor.', () => {
    const result = decodeActor({ actorId: 'rep-4', role: ' ' });
    expect(isLeft(result) && result.left.field).toBe('actor.role');
  });
  it('refuses invisible or control-character actor ids and roles, as the stores do', () => {
    const cases: readonly [object, string][] = [
      [{ actorId: '\u200B', role: 'hr' }, 'actor.actorId'],
      [{ actorId: '\u0001', role: 'hr' }, 'actor.actorId'],
      [{ actorId: 'rep-4', role: '\u2060' }, 'actor.role'],
      [{ actorId: 'rep-4', role: 'hr', onBehalfOf: '\uFEFF' }, 'actor.onBehalfOf'],
    ];
    for (const [actor, field] of cases) {
      const result = decodeActor(actor);
      expect(isLeft(result) && result.left.field).toBe(field);
    }
  });
});

describe('commandUnion', () => {
  const Answer = strictCommand('Answer', { type: t.literal('Answer'), answeredOn: IsoDate });
  const Appeal = strictCommand('Appeal', { type: t.literal('Appeal'), appealedOn: IsoDate });
  type Command = t.TypeOf<typeof Answer> | t.TypeOf<typeof Appeal>;
  const codec = commandUnion<Command>('Command', { Answer, Appeal });

  it('reports a malformed command against its own fields', () => {
    expect(leftOf(decodeCommand(codec, { type: 'Appeal', appealedOn: 'soon' })).field).toBe('appealedOn');
  });
  it('names the type when it is unknown', () => {
    const error = leftOf(decodeCommand(codec, { type: 'toString' }));
    expect(error.field).toBe('type');
    expect(error.message).toMatch(/expected one of Answer, Appeal/);
  });
});

describe('NonEmptyString', () => {
  it('refuses text no store can hold', () => {
    expect(NonEmptyString.is('a\u0000b')).toBe(false);
    expect(NonEmptyString.is('\uD800')).toBe(false);
    expect(NonEmptyString.is('café ☕')).toBe(true);
  });
});

describe('decodeCommand and text no store can hold', () => {
  it('refuses U+0000 or a lone surrogate anywhere in the decoded command, at its path', () => {
    const Loose = strictCommand('Loose', { notes: t.array(t.string), label: t.string });
    const error = leftOf(decodeCommand(Loose, { notes: ['ok', 'bad\u0000'], label: 'x' }, 'loose', 'input'));
    expect(error.field).toBe('input.notes.1');
    expect(leftOf(decodeCommand(t.record(t.string, t.string), { '\uDC00': 'v' })).field).toBe('\uDC00');
  });
});
