import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { isRegistered } from '../agreement/index.js';
import type { BargainingEvent } from '../bargaining/index.js';
import {
  agreementCommandsForBargainingEvent,
  agreementCommandsForFundingShortfall,
  agreementCommandsForOpenedCycle,
  undeliveredCommands,
} from './processManager.js';
import { applied, eceaBeforeReopener, expectRight, fy27Concluded, fy27Opened, fy27Shortfall } from './specFixtures.js';
import type { CycleToAgreementContext, OpenedCycle } from './types.js';

const context: CycleToAgreementContext = { baseEdition: eceaBeforeReopener, fiscalYear: 'FY27' };
const successorOpened: OpenedCycle = { ...fy27Opened, cycleId: 'fy28-successor', kind: 'successor', scope: { kind: 'all' } };

describe('CycleOpened → reopener scope', () => {
  it('a reopener sets the FY27 scope of the base edition', () => {
    const commands = expectRight(agreementCommandsForOpenedCycle(fy27Opened, context));
    expect(commands).toEqual([
      {
        commandId: 'bargaining-ecea-fy27-reopener:set-reopener-scope:FY27',
        streamId: 'agreement-ecea-2024-2027',
        effectiveOn: '2025-09-15',
        command: { type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] },
      },
    ]);
    const after = applied(eceaBeforeReopener, commands);
    expect(isRegistered(after) && after.reopeners.find((r) => r.fiscalYear === 'FY27')?.articleKeys).toEqual(['salaries', 'planning-time', 'schedules-workload']);
  });

  it('a successor cycle changes nothing on the agreement when it opens', () => {
    expect(expectRight(agreementCommandsForOpenedCycle(successorOpened, context))).toEqual([]);
  });

  it('a scope naming an article the edition lacks cannot be mapped', () => {
    const result = agreementCommandsForOpenedCycle({ ...fy27Opened, scope: { kind: 'articles', articleKeys: ['salaries', 'class-size'] } }, context);
    expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['ArticleKeyNotInBaseEdition', 'scope.articleKeys.1']);
  });
});

describe('SettlementFundingShortfallRecorded → funding shortfall on the amended edition', () => {
  const scoped = applied(eceaBeforeReopener, expectRight(agreementCommandsForOpenedCycle(fy27Opened, context)));

  it('records the FY27 shortfall on the day the county acted', () => {
    const commands = expectRight(agreementCommandsForFundingShortfall(fy27Opened, fy27Shortfall, { ...context, baseEdition: scoped }));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      commandId: 'bargaining-ecea-fy27-reopener:record-funding-shortfall:FY27:2026-05-21',
      streamId: 'agreement-ecea-2024-2027',
      command: { type: 'RecordFundingShortfall', recordedOn: '2026-05-21', fiscalYear: 'FY27' },
    });
    expect(commands[0]!.command.type === 'RecordFundingShortfall' && commands[0]!.command.detail).toMatch(/^Example County Council funded .+; renegotiating salaries$/);
    const after = applied(scoped, commands);
    expect(isRegistered(after) && after.fundingStatus).toBe('renegotiating');
  });

  it('a successor cycle has no edition to record it on yet', () => {
    expect(expectRight(agreementCommandsForFundingShortfall(successorOpened, fy27Shortfall, context))).toEqual([]);
  });

  it('another unit’s edition in the context cannot be mapped', () => {
    const result = agreementCommandsForFundingShortfall({ ...fy27Opened, unitId: 'ecssu' }, fy27Shortfall, context);
    expect(isLeft(result) && result.left.code).toBe('BaseEditionMismatch');
  });
});

describe('routing any bargaining event', () => {
  const shortfall: BargainingEvent = { type: 'SettlementFundingShortfallRecorded', data: fy27Shortfall };

  it('routes the three mapped types and ignores the rest', () => {
    expect(expectRight(agreementCommandsForBargainingEvent({ type: 'CycleOpened', data: fy27Opened }, context))).toHaveLength(1);
    expect(expectRight(agreementCommandsForBargainingEvent(shortfall, context, fy27Opened))).toHaveLength(1);
    expect(isLeft(agreementCommandsForBargainingEvent({ type: 'CycleConcluded', data: fy27Concluded }, context))).toBe(true); // scope not yet set
    expect(expectRight(agreementCommandsForBargainingEvent({ type: 'MediationStarted', data: { dueOn: '2026-03-16', late: false, occurredOn: '2026-03-16', actor: 'x' } }, context))).toEqual([]);
  });

  it('a shortfall without its cycle’s opening cannot be mapped', () => {
    const result = agreementCommandsForBargainingEvent(shortfall, context);
    expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['CycleOpeningUnknown', 'openedCycle']);
  });

  it('undeliveredCommands drops the ids already handled, keeping order', () => {
    const commands = [
      ...expectRight(agreementCommandsForOpenedCycle(fy27Opened, context)),
      ...expectRight(agreementCommandsForFundingShortfall(fy27Opened, fy27Shortfall, context)),
    ];
    expect(undeliveredCommands(commands, new Set([commands[0]!.commandId]))).toEqual([commands[1]]);
    expect(undeliveredCommands(commands, new Set())).toEqual(commands);
  });
});
