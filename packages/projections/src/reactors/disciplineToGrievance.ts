/**
 * Discipline → grievance option: the domain's employee-relations process manager as a reactor. Discipline of
 * a represented employee offers the union a grievance; the offer goes to the application's `offers` port (the
 * domain has no grievance-side command for it yet: a notice to the union, a task, a row in a docket). The
 * offer's `commandId` is built from the case and the discipline (`offer-grievance-{case}-{discipline}`): the
 * port must treat a second offer with the same id as done, which makes a redelivered event harmless.
 */
import { employeeRelationsStreamId, disciplineToGrievanceOption, type EmployeeRelationsEvent, type OfferGrievanceOption } from '@laborcase/domain/employee-relations';
import { InvalidProjection } from '../errors.js';
import type { Reactor } from '../reactor.js';
import { requireOptions } from './shared.js';

export type OfferGrievance = {
  readonly type: 'OfferGrievanceOption';
  readonly offer: OfferGrievanceOption;
};

export interface GrievanceOptionOffers {
  /** Idempotent per `offer.commandId`. `context.commandId` is the reactor's own id for the same dispatch. */
  offer(offer: OfferGrievanceOption, context: { readonly commandId: string }): Promise<void>;
}

export interface DisciplineToGrievanceOptions {
  readonly offers: GrievanceOptionOffers;
  /** Names the reactor's checkpoint and command ids (default `discipline_offer`). */
  readonly name?: string;
}

const CASE_STREAM_PREFIX = employeeRelationsStreamId('');

export const disciplineToGrievanceReactor = (options: DisciplineToGrievanceOptions): Reactor<OfferGrievance> => {
  requireOptions(options, ['offers']);
  if (typeof options.offers.offer !== 'function') throw new InvalidProjection('offers.offer', 'must be a function');
  const { offers } = options;
  return {
    name: options.name ?? 'discipline_offer',
    eventTypes: ['DisciplineImposed'],
    react(event) {
      if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) return [];
      const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
      const imposed = { type: event.type, data: event.data } as EmployeeRelationsEvent;
      return disciplineToGrievanceOption(caseId, imposed).map((offer) => ({ type: 'OfferGrievanceOption', offer }));
    },
    dispatch: (command, { commandId }) => offers.offer(command.offer, { commandId }),
  };
};
