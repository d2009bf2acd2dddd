import { firstFailure, reject, type Check } from '@laborcase/core';
import type { OpenCycle } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { COMAR_14_30_14_02_TIMELINE, MAX_IMPASSE_LIMIT_DAYS, impasseLimitNames, isImpasseLimit } from '../impasseTimeline.js';
import { accept, opt, recorded, type Decision } from './common.js';

/** Negotiated impasse limits are whole days up to a year, so every due date counted from them is a real date. */
const impasseLimitsInRange = (c: OpenCycle): Check => {
  const bad = impasseLimitNames.find((name) => {
    const days = c.groundRules.impasseTimeline?.[name];
    return days !== undefined && !isImpasseLimit(days);
  });
  return bad === undefined
    ? undefined
    : reject(Errors.invalidCommand, `${bad} must be a whole number of days from 0 to ${MAX_IMPASSE_LIMIT_DAYS}`, Rules.input, `groundRules.impasseTimeline.${bad}`);
};

export const decideOpenCycle = (c: OpenCycle): Decision => {
  const failure = firstFailure(
    c.scope.kind === 'articles' && c.scope.articleKeys.length === 0 ? reject(Errors.emptyScope, 'a scoped cycle needs at least one article', Rules.scope, 'scope') : undefined,
    c.kind === 'reopener' && c.scope.kind !== 'articles' ? reject(Errors.reopenerNeedsScope, 'a reopener lists the articles it reopens', Rules.scope, 'scope') : undefined,
    impasseLimitsInRange(c),
  );
  if (failure !== undefined) return failure;
  return accept([
    {
      type: 'CycleOpened',
      data: {
        cycleId: c.cycleId,
        unitId: c.unitId,
        kind: c.kind,
        agreementEdition: c.agreementEdition,
        scope: c.scope.kind === 'articles' ? { kind: 'articles', articleKeys: [...c.scope.articleKeys] } : { kind: 'all' },
        groundRules: {
          taRevocation: c.groundRules.taRevocation,
          impasseTimeline: { ...COMAR_14_30_14_02_TIMELINE, ...c.groundRules.impasseTimeline },
          ...opt('observerSessions', c.groundRules.observerSessions),
          ...opt('notes', c.groundRules.notes === undefined ? undefined : [...c.groundRules.notes]),
        },
        chiefSpokespersons: { union: c.chiefSpokespersons.union, board: c.chiefSpokespersons.board },
        ...recorded(c),
      },
    },
  ]);
};
