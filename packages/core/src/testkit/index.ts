export { deciderSpec, type GivenStep, type WhenStep } from './deciderSpec.js';
export { decideIsDeterministic, decidedHistory, foldIsIncremental, replayIsDeterministic } from './properties.js';
export { callArgument, jsonWithUnstorable, mutated, textWithUnstorable } from './arbitraries.js';
