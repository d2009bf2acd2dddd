import type { DisciplineLevel, EmployeeRelationsEvent } from './events.js';
import { employeeRelationsStreamId } from './streamId.js';

/**
 * A command for the (future) grievance side: the disciplined employee's union may grieve the discipline.
 * Plain data: this folder does not depend on the grievance aggregate; a router delivers it.
 */
export interface OfferGrievanceOption {
  readonly type: 'OfferGrievanceOption';
  /** Deterministic, so re-running the process manager over the same event yields the same command (idempotent delivery). */
  readonly commandId: string;
  readonly employeeId: string;
  readonly unitId: string;
  readonly disciplineLevel: DisciplineLevel;
  /** The date discipline was imposed: the anchor from which the unit's contract counts the filing limit. */
  readonly imposedOn: string;
  readonly effectiveOn: string;
  readonly source: { readonly caseId: string; readonly streamId: string; readonly disciplineId: string; readonly allegationIds: readonly string[] };
}

/**
 * Discipline → grievance option. Only discipline of a represented employee (one with a bargaining unit) can be
 * grieved under a contract; for others nothing is offered. Pure: event in, commands out.
 */
export const disciplineToGrievanceOption = (caseId: string, event: EmployeeRelationsEvent): readonly OfferGrievanceOption[] => {
  if (event.type !== 'DisciplineImposed') return [];
  const d = event.data;
  const unitId = d.unitId;
  if (unitId === undefined) return [];
  return [
    {
      type: 'OfferGrievanceOption',
      commandId: `offer-grievance-${caseId}-${d.disciplineId}`,
      employeeId: d.employeeId,
      unitId,
      disciplineLevel: d.level,
      imposedOn: d.occurredOn,
      effectiveOn: d.effectiveOn,
      source: { caseId, streamId: employeeRelationsStreamId(caseId), disciplineId: d.disciplineId, allegationIds: [...d.allegationIds] },
    },
  ];
};
