import { describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import { articleAsOf, correctableAgreement, agreementDecider, type AgreementCommand } from '@laborcase/domain/agreement';
import { correctableCommandHandler, loadStream, verifyStream, type CommandContext } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { eceaRegistration } from '@laborcase/domain/fixtures/ecps';
import { collect } from '@laborcase/core/adapter-kit';

const registry = createDomainRegistry();
const clerk: CommandContext = { provenance: { actorId: 'lr-clerk-3', role: 'labor-relations' }, effectiveOn: '2024-07-01' };
const misspelled = {
  ...eceaRegistration,
  articles: (eceaRegistration as Extract<AgreementCommand, { type: 'RegisterAgreementEdition' }>).articles.map((a) =>
    a.key === 'planning-time' ? { ...a, title: 'Plannig Time' } : a,
  ),
} as AgreementCommand;

describe('correctable aggregates through a store', () => {
  it('records a correction naming the stored event, keeps both, and folds the corrected history on every load', async () => {
    const store = createInMemoryEventStore({ registry });
    const handle = correctableCommandHandler({ store, registry, decider: correctableAgreement, newId: uuid });
    const streamId = 'agreement-ecea-2024-2027';
    const registered = await handle(streamId, misspelled, clerk);
    expect(isRight(registered)).toBe(true);
    const [stored] = await collect(store.readStream(streamId));
    const wrongData = stored!.data as { articles: { key: string; title: string }[] };
    const replacement = { type: stored!.type, data: { ...wrongData, articles: wrongData.articles.map((a) => (a.key === 'planning-time' ? { ...a, title: 'Planning Time' } : a)) } };

    const corrected = await handle(streamId, { type: 'CorrectEvent', eventId: stored!.eventId, reason: 'typo in the title of Art. 12', replacement }, { ...clerk, effectiveOn: '2024-07-02' });
    expect(isRight(corrected) && articleAsOf(corrected.right.state, 'planning-time', '2025-01-01')?.title).toBe('Planning Time');

    const events = await collect(store.readStream(streamId));
    expect(events.map((e) => e.type)).toEqual([stored!.type, 'EventCorrected']);
    expect(verifyStream(events).ok).toBe(true);
    const reloaded = await loadStream(store, registry, streamId, agreementDecider.evolve, agreementDecider.initialState);
    expect(articleAsOf(reloaded.state, 'planning-time', '2025-01-01')?.title).toBe('Planning Time');
    expect(reloaded.correctionProblems).toEqual([]);
  });

  it('rejects a correction of an unknown event and appends nothing', async () => {
    const store = createInMemoryEventStore({ registry });
    const handle = correctableCommandHandler({ store, registry, decider: correctableAgreement, newId: uuid });
    await handle('agreement-x', misspelled, clerk);
    const result = await handle('agreement-x', { type: 'RetractEvent', eventId: uuid(), reason: 'no such event' }, clerk);
    expect(isLeft(result) && result.left.code).toBe('UnknownEventId');
    expect(await store.streamVersion('agreement-x')).toBe(0);
  });
});
