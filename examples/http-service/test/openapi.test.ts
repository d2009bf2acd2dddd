/**
 * The OpenAPI document against the codecs that validate the requests: each body schema's example is accepted by
 * its codec, each field the schema calls required is refused by the codec when missing (under its own name), and
 * a field the schema does not list is refused. A schema that drifts from its codec fails here.
 */
import { describe, expect, it } from '@jest/globals';
import { decodeCommand, type InvalidCommandDetails } from '@laborcase/core';
import { DeclareEmergencyClosureInput } from '@laborcase/domain/calendar';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { COMMAND_ROUTES } from '../src/commands.js';
import { buildOpenApi } from '../src/openapi.js';
import { closureBody, type BodySchema } from '../src/schemas.js';

const checked: readonly { name: string; codec: t.Decoder<unknown, unknown>; body: BodySchema }[] = [
  ...COMMAND_ROUTES.map((route) => ({ name: route.operationId, codec: route.input, body: route.body })),
  { name: 'declareEmergencyClosure', codec: DeclareEmergencyClosureInput, body: closureBody },
];

/** The fields the service would name in its 400 for `value` (as `InvalidCommand` reports them). */
const pathsOfIssues = (codec: t.Decoder<unknown, unknown>, value: unknown): string[] => {
  const decoded = decodeCommand(codec, value, 'body');
  return isLeft(decoded) ? (decoded.left.details as unknown as InvalidCommandDetails).issues.map((issue) => issue.path) : [];
};

describe('the OpenAPI document', () => {
  it.each(checked)('$name: the body schema agrees with the codec', ({ codec, body }) => {
    expect(isRight(codec.decode(body.example))).toBe(true);
    const required = body.schema['required'] as string[];
    expect(required.length).toBeGreaterThan(0);
    for (const field of required) {
      const { [field]: _dropped, ...without } = body.example;
      expect(pathsOfIssues(codec, without)).toContain(field);
    }
    expect(pathsOfIssues(codec, { ...body.example, notInTheSchema: 1 })).toContain('notInTheSchema');
    const listed = Object.keys(body.schema['properties'] as object);
    for (const field of Object.keys(body.example)) expect(listed).toContain(field);
  });

  it('describes every command route, the case, the closures and the reports', () => {
    const document = buildOpenApi();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path as Record<string, { operationId: string }>).map((operation) => operation.operationId));
    expect(operations).toEqual(expect.arrayContaining([...COMMAND_ROUTES.map((route) => route.operationId), 'getCase', 'declareEmergencyClosure', 'getReport']));
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
