import { describe, expect, it } from '@jest/globals';
import { fold } from '@laborcase/core';
import type { GrievanceCommand } from '../commands.js';
import { filed, meeting } from '../testData.js';
import { grievanceDecider } from './index.js';

const state = fold(grievanceDecider.evolve, grievanceDecider.initialState, filed);
const decide = (command: unknown) => grievanceDecider.decide(command as GrievanceCommand, state);

describe('the grievance decider on malformed commands (callers that bypass the service)', () => {
  it('answers InvalidCommand naming the field, never throws', () => {
    expect(decide({ ...meeting, meetingOn: undefined })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'meetingOn' } });
    expect(decide({ ...meeting, stepId: 7 })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'stepId' } });
    expect(decide({ type: 'RecordAward', issuedOn: '2026-01-05', decision: 'sustained', remedy: null })).toMatchObject({ _tag: 'Left', left: { field: 'remedy' } });
  });

  it('answers InvalidCommand at `type` for something that is not a grievance command', () => {
    for (const command of [{ type: 'ReopenGrievance' }, { type: 'toString' }, {}, null, 'FileGrievance']) {
      expect(decide(command)).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'type' } });
    }
  });
});
