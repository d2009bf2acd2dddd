import { usageError } from './errors.js';

/** The as-of axes a command was given, validated. */
export interface AsOfAxes {
  readonly effectiveOn?: string;
  readonly knownAt?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const parseDateOption = (flag: string, value: string): string => {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw usageError(flag, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
};

export const parseInstantOption = (flag: string, value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))
    throw usageError(flag, `must be an ISO-8601 instant such as 2026-02-01T12:00:00Z, got ${JSON.stringify(value)}`);
  return new Date(value).toISOString();
};

export const parseAxes = (options: { asEffectiveOn?: string; asKnownAt?: string }): AsOfAxes => ({
  ...(options.asEffectiveOn === undefined ? {} : { effectiveOn: parseDateOption('--as-effective-on', options.asEffectiveOn) }),
  ...(options.asKnownAt === undefined ? {} : { knownAt: parseInstantOption('--as-known-at', options.asKnownAt) }),
});

export const parseChoice = <T extends string>(flag: string, value: string, choices: readonly T[]): T => {
  if (!(choices as readonly string[]).includes(value)) throw usageError(flag, `must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
};

export const parsePositiveInteger = (flag: string, value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw usageError(flag, `must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
};

export const parseCount = (flag: string, value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw usageError(flag, `must be a whole number, got ${JSON.stringify(value)}`);
  return n;
};
