import { addDays, compareDates, firstFailure, reject, type Check } from '@laborcase/core';
import type { DeclareImpasse, RecordImpasseDetermination, SelectMediator, StartMediation, SubmitLastBestOffer } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { impasseLimitNames, isImpasseLimit } from '../impasseTimeline.js';
import { articleOf } from '../queries.js';
import type { Impasse, OpenCycleState } from '../state.js';
import { accept, atTable, notBefore, opt, recorded, type Decision } from './common.js';

export const decideImpasseRequest = (c: DeclareImpasse, s: OpenCycleState): Decision => {
  const notInDispute = c.articleKeys.filter((k) => articleOf(s, k)?.status !== 'open');
  const failure = firstFailure(
    atTable(s, 'articleKeys'),
    s.impasse !== undefined ? reject(Errors.impasseAlreadyDeclared, `impasse was requested on ${s.impasse.requestedOn}`, Rules.impasse) : undefined,
    c.articleKeys.length === 0 || notInDispute.length > 0
      ? reject(Errors.impasseItemNotInDispute, `not open at the table: ${notInDispute.join(', ') || '(no items)'}`, Rules.impasse, 'articleKeys')
      : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'ImpasseDeclared', data: { requestedBy: c.requestedBy, articleKeys: [...new Set(c.articleKeys)], ...recorded(c) } }]);
};

/** The limits due dates are counted with; a stream written before limits were bounded may hold others. */
const timelineDatable = (s: OpenCycleState): Check => {
  const bad = impasseLimitNames.filter((name) => !isImpasseLimit(s.groundRules.impasseTimeline[name]));
  return bad.length === 0
    ? undefined
    : reject(Errors.impasseTimelineOutOfRange, `the cycle's impasse limits cannot be dated: ${bad.join(', ')}`, Rules.impasse, undefined, { limits: bad });
};

const determine = (c: RecordImpasseDetermination, s: OpenCycleState, impasse: Impasse): Decision => {
  const outside = c.articleKeys.filter((k) => !impasse.requestedItems.includes(k));
  const failure = firstFailure(
    impasse.determination !== undefined ? reject(Errors.impasseAlreadyDetermined, `impasse was determined on ${impasse.determination.on}`, Rules.impasse) : undefined,
    notBefore(Errors.determinationBeforeRequest, c.occurredOn, impasse.requestedOn, 'the board cannot determine impasse before it was requested'),
    outside.length > 0 || (c.reached && c.articleKeys.length === 0) || (!c.reached && c.articleKeys.length > 0)
      ? reject(Errors.determinationOutsideRequest, 'a determination covers some or all of the requested items, and none when impasse is not reached', Rules.impasse, 'articleKeys')
      : undefined,
    c.reached ? timelineDatable(s) : undefined,
  );
  if (failure !== undefined) return failure;
  if (!c.reached) return accept([{ type: 'ImpasseNotFound', data: recorded(c) }]);
  const items = [...new Set(c.articleKeys)];
  const limits = s.groundRules.impasseTimeline;
  return accept([
    {
      type: 'ImpasseDetermined',
      data: {
        outcome: items.length === impasse.requestedItems.length ? 'whole' : 'part',
        articleKeys: items,
        lastBestOffersDueOn: addDays(c.occurredOn, limits.lastBestOffersWithinDays),
        mediatorSelectionDueOn: addDays(c.occurredOn, limits.mediatorSelectionWithinDays),
        mediationStartDueOn: addDays(c.occurredOn, limits.mediationStartWithinDays),
        ...recorded(c),
      },
    },
  ]);
};

/** The labor board's finding on a pending request: impasse on some or all requested items, or none. */
export const decideImpasseDetermination = (c: RecordImpasseDetermination, s: OpenCycleState): Decision =>
  s.impasse === undefined ? reject(Errors.noImpasseRequest, 'no request for an impasse determination is pending', Rules.impasse) : determine(c, s, s.impasse);

type Determination = NonNullable<Impasse['determination']>;

/** Steps after the board determined impasse, dated on or after the determination. */
const afterDetermination = (s: OpenCycleState, occurredOn: string, decide: (impasse: Impasse, determination: Determination) => Decision): Decision => {
  const impasse = s.impasse;
  const determination = impasse?.determination;
  return impasse === undefined || determination === undefined
    ? reject(Errors.impasseNotDetermined, 'the labor board has not determined impasse', Rules.impasse)
    : (notBefore(Errors.beforeImpasseDetermination, occurredOn, determination.on, `dated before the determination of ${determination.on}`) ?? decide(impasse, determination));
};

const lastBestOffer = (c: SubmitLastBestOffer, impasse: Impasse, determination: Determination): Decision => {
  const keys = c.items.map((i) => i.articleKey);
  const added = keys.filter((k) => !determination.items.includes(k));
  const missing = determination.items.filter((k) => !keys.includes(k));
  const failure = firstFailure(
    impasse.lastBestOffers[c.side] !== undefined
      ? reject(Errors.lastBestOfferAlreadySubmitted, `${c.side} submitted on ${impasse.lastBestOffers[c.side]}`, Rules.lastBestOffer, 'side')
      : undefined,
    added.length > 0 ? reject(Errors.lastBestOfferAddsNewItem, `not at impasse: ${added.join(', ')}`, Rules.lastBestOffer, 'items', { addedArticleKeys: added }) : undefined,
    missing.length > 0 || new Set(keys).size !== keys.length
      ? reject(Errors.lastBestOfferIncomplete, `each disputed item must appear once; missing: ${missing.join(', ') || 'none (duplicates)'}`, Rules.lastBestOffer, 'items', {
          missingArticleKeys: missing,
        })
      : undefined,
  );
  if (failure !== undefined) return failure;
  const dueOn = determination.lastBestOffersDueOn;
  return accept([
    {
      type: 'LastBestOfferSubmitted',
      data: {
        side: c.side,
        items: c.items.map((i) => ({ articleKey: i.articleKey, text: i.text, ...opt('costing', i.costing) })),
        dueOn,
        late: compareDates(c.occurredOn, dueOn) > 0,
        ...recorded(c),
      },
    },
  ]);
};

/** COMAR 14.30.14.02: every disputed item listed once, no new items; a late offer is recorded as late. */
export const decideLastBestOffer = (c: SubmitLastBestOffer, s: OpenCycleState): Decision =>
  afterDetermination(s, c.occurredOn, (impasse, determination) => lastBestOffer(c, impasse, determination));

export const decideMediatorSelection = (c: SelectMediator, s: OpenCycleState): Decision =>
  afterDetermination(s, c.occurredOn, (impasse, determination) => {
    const failure = firstFailure(impasse.mediator !== undefined ? reject(Errors.mediatorAlreadySelected, `${impasse.mediator} was selected`, Rules.impasse, 'mediator') : undefined);
    if (failure !== undefined) return failure;
    const dueOn = determination.mediatorSelectionDueOn;
    return accept([
      { type: 'MediatorSelected', data: { mediator: c.mediator, method: c.method, panelSource: c.panelSource, dueOn, late: compareDates(c.occurredOn, dueOn) > 0, ...recorded(c) } },
    ]);
  });

export const decideMediationStart = (c: StartMediation, s: OpenCycleState): Decision =>
  afterDetermination(s, c.occurredOn, (impasse, determination) => {
    const failure = firstFailure(
      impasse.mediator === undefined ? reject(Errors.mediatorNotSelected, 'mediation needs a selected mediator', Rules.impasse) : undefined,
      impasse.mediationStartedOn !== undefined ? reject(Errors.mediationAlreadyStarted, `mediation started on ${impasse.mediationStartedOn}`, Rules.impasse) : undefined,
    );
    if (failure !== undefined) return failure;
    const dueOn = determination.mediationStartDueOn;
    return accept([{ type: 'MediationStarted', data: { dueOn, late: compareDates(c.occurredOn, dueOn) > 0, ...recorded(c) } }]);
  });
