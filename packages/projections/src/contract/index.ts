/** @laborcase/projections/contract: the read-model store contract suite, for store authors. */
export { describeReadModelContract, type ReadModelStoreFactory, type ReadModelTestApi } from './readModelContract.js';
