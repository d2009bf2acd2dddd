import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createInMemoryReadModelStore } from '@laborcase/projections';
import { describeReadModelContract } from '@laborcase/projections/contract';

describeReadModelContract('memory', async () => createInMemoryReadModelStore(), { describe, it, beforeAll, afterAll });
