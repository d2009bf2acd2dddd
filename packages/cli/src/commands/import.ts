/**
 * `laborcase import calendar|agreement FILE.json`: reference data through the domain services (validated by their
 * codecs and deciders, recorded with the actor given), errors naming the line and field of the file.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { CodecRegistry, DomainError, EventStore, Provenance } from '@laborcase/core';
import { createAgreementService, createCalendarService } from '@laborcase/domain';
import { CliError, EXIT } from '../errors.js';
import { jsonValueLines, lineOfField } from '../jsonLines.js';

export type ImportKind = 'calendar' | 'agreement';

export interface ImportInput {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly newId: () => string;
  readonly kind: ImportKind;
  readonly file: string;
  readonly text: string;
  readonly actor: Provenance;
}

const parse = (file: string, text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new CliError(EXIT.problem, `${file}${line === undefined ? '' : `:${line}`}: not JSON: ${message}`);
  }
};

const rejection = (file: string, text: string, error: DomainError): CliError => {
  const issues = error.details?.['issues'];
  const first = Array.isArray(issues) && typeof issues[0] === 'object' && issues[0] !== null ? (issues[0] as { path?: unknown; message?: unknown }) : undefined;
  const field = typeof first?.path === 'string' ? first.path : error.field;
  const line = field === undefined ? undefined : lineOfField(jsonValueLines(text), field);
  const what = typeof first?.message === 'string' ? first.message : error.message;
  const more = Array.isArray(issues) && issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : '';
  return new CliError(EXIT.problem, `${file}${line === undefined ? '' : `:${line}`}: ${field ?? 'document'}: ${what}${more} [${error.code}]; nothing was recorded`);
};

/** Import the document; resolves with a one-line summary, or throws a `CliError` naming the line and field. */
export const importDocument = async (input: ImportInput): Promise<string> => {
  const document = parse(input.file, input.text);
  const { store, registry, newId } = input;
  const result =
    input.kind === 'calendar'
      ? await createCalendarService({ store, registry, newId }).importCalendar(document as Parameters<ReturnType<typeof createCalendarService>['importCalendar']>[0], input.actor)
      : await createAgreementService({ store, registry, newId }).importEdition(document, input.actor);
  if (isLeft(result)) throw rejection(input.file, input.text, result.left);
  const { events } = result.right;
  const streamId = events[0]?.streamId;
  return `imported ${input.kind} ${input.file}: ${events.length} event(s) recorded${streamId === undefined ? ' (already recorded)' : ` in ${streamId}`}\n`;
};
