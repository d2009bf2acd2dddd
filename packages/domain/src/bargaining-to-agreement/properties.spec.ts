import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { addDays } from '@laborcase/core';
import { articleAsOf, isRegistered, type AgreementState } from '../agreement/index.js';
import type { ConcludedArticleChange } from '../bargaining/index.js';
import { agreementCommandsForConcludedCycle } from './processManager.js';
import { applied, applyAll, eceaBeforeConclusion, expectRight, fy27Concluded } from './specFixtures.js';
import type { ConcludedCycle } from './types.js';

const registered = isRegistered(eceaBeforeConclusion) ? eceaBeforeConclusion : undefined;
if (registered === undefined) throw new Error('fixture not registered');
const allKeys = registered.articles.map((a) => a.key);
const numberOf = (key: string) => registered.articles.find((a) => a.key === key)!.revisions[0]!.number;

/** ECEA before the FY27 conclusion, with every article in the FY27 reopener so any subset may change. */
const base: AgreementState = applied(registered, [
  { commandId: 'scope-all', streamId: 'agreement-ecea-2024-2027', effectiveOn: '2025-09-15', command: { type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: allKeys } },
]);
const context = { baseEdition: base, fiscalYear: 'FY27' } as const;

type ChangeSpec = { key: string; renumber: boolean; sameNumber: boolean; title: string | undefined; taOn: string };

const changeSpecs = fc.uniqueArray(
  fc.record({
    key: fc.constantFrom(...allKeys),
    renumber: fc.boolean(),
    sameNumber: fc.boolean(),
    title: fc.option(fc.constantFrom('Renamed', 'Working Conditions'), { nil: undefined }),
    taOn: fc.constantFrom('2025-10-30', '2025-11-13', '2026-06-05'),
  }),
  { selector: (s) => s.key, maxLength: allKeys.length },
);

/** New numbers are fresh ("40", "41", …) so no renumbering can collide with an article in force. */
const toEvent = (specs: readonly ChangeSpec[], effectiveOn: string): ConcludedCycle => ({
  ...fy27Concluded,
  effectiveOn,
  articleChanges: specs.map(
    (s, i): ConcludedArticleChange => ({
      articleKey: s.key,
      text: `TA on ${s.key}`,
      tentativelyAgreedOn: s.taOn,
      ...(s.renumber ? { articleNumber: s.sameNumber ? numberOf(s.key) : String(40 + i) } : {}),
      ...(s.title === undefined ? {} : { articleTitle: s.title }),
    }),
  ),
  unchangedArticleKeys: allKeys.filter((k) => !specs.some((s) => s.key === k)).slice(0, 2),
});

const effectiveOn = fc.constantFrom('2024-07-02', '2026-01-15', '2026-07-01', '2027-06-30');

const mentions = (command: { articleKey?: string }, key: string) => command.articleKey === key;

describe('bargaining → agreement properties', () => {
  it('every TA’d article gets exactly one AmendArticle, a RenumberArticle only when its number changes, nothing for others; ids unique', () => {
    fc.assert(
      fc.property(changeSpecs, effectiveOn, (specs, date) => {
        const commands = expectRight(agreementCommandsForConcludedCycle(toEvent(specs, date), context));
        for (const spec of specs) {
          const forKey = commands.filter((c) => mentions(c.command as { articleKey?: string }, spec.key)).map((c) => c.command.type);
          expect(forKey).toEqual(spec.renumber && !spec.sameNumber ? ['AmendArticle', 'RenumberArticle'] : ['AmendArticle']);
        }
        const changed = new Set(specs.map((s) => s.key));
        expect(commands.every((c) => c.command.type === 'ConfirmFunding' || changed.has((c.command as { articleKey: string }).articleKey))).toBe(true);
        expect(new Set(commands.map((c) => c.commandId)).size).toBe(commands.length);
      }),
    );
  });

  it('the agreement decider accepts every mapped settlement; numbers change on the effective date and not the day before', () => {
    fc.assert(
      fc.property(changeSpecs, effectiveOn, (specs, date) => {
        const event = toEvent(specs, date);
        const after = applyAll(base, expectRight(agreementCommandsForConcludedCycle(event, context)));
        if (isLeft(after)) throw new Error(`${after.left.code}: ${after.left.message}`);
        for (const change of event.articleChanges) {
          expect(articleAsOf(after.right, change.articleKey, date)?.number).toBe(change.articleNumber ?? numberOf(change.articleKey));
          expect(articleAsOf(after.right, change.articleKey, addDays(date, -1))?.number).toBe(numberOf(change.articleKey));
          if (change.articleTitle !== undefined) expect(articleAsOf(after.right, change.articleKey, date)?.title).toBe(change.articleTitle);
        }
      }),
    );
  });

  it('re-delivery after the commands were applied maps to the same commands (so ids deduplicate)', () => {
    fc.assert(
      fc.property(changeSpecs, effectiveOn, (specs, date) => {
        const event = toEvent(specs, date);
        const first = expectRight(agreementCommandsForConcludedCycle(event, context));
        const again = agreementCommandsForConcludedCycle(event, { ...context, baseEdition: applied(base, first) });
        expect(again).toEqual({ _tag: 'Right', right: first });
      }),
    );
  });

  it('any change to a key the base edition lacks is a typed error naming that change', () => {
    fc.assert(
      fc.property(changeSpecs, fc.nat(), fc.stringMatching(/^[a-z]{3,8}-[a-z]{3,8}$/), (specs, at, unknownKey) => {
        fc.pre(!allKeys.includes(unknownKey));
        const event = toEvent(specs, '2026-07-01');
        const index = at % (event.articleChanges.length + 1);
        const changes = [...event.articleChanges];
        changes.splice(index, 0, { articleKey: unknownKey, text: 'x', tentativelyAgreedOn: '2025-11-13' });
        const result = agreementCommandsForConcludedCycle({ ...event, articleChanges: changes }, context);
        expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['ArticleKeyNotInBaseEdition', `articleChanges.${index}.articleKey`]);
      }),
    );
  });
});
