import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '@laborcase/core';

/** The generator only issues commands a user could: a rejection is a generator bug, thrown with what was refused. */
export const must = async <T>(what: string, result: Promise<Either<DomainError, T>> | Either<DomainError, T>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${what} rejected: ${outcome.left.code} at ${outcome.left.field ?? '-'}: ${outcome.left.message}`);
  return outcome.right;
};
