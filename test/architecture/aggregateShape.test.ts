/**
 * Every aggregate folder has the one shape packages/domain/README.md describes, and its decide/ files stay
 * small. EXPECTED TO FAIL until the aggregate branches (calendar, agreement, grievance, bargaining,
 * employee-relations) have merged: each aggregate's two tests flip to green as its branch lands.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES_DIR, isSpec } from './sources.js';

const AGGREGATES = ['calendar', 'agreement', 'grievance', 'bargaining', 'employee-relations'] as const;
const SHAPE = ['events.ts', 'state.ts', 'commands.ts', 'errors.ts', 'decide/index.ts', 'queries.ts', 'service.ts', 'index.ts'] as const;
const MAX_DECIDE_LINES = 250;

const lineCount = (path: string): number => readFileSync(path, 'utf8').replace(/\n$/, '').split('\n').length;

describe.each(AGGREGATES)('aggregate %s', (aggregate) => {
  const folder = join(PACKAGES_DIR, 'domain', 'src', aggregate);

  it(`has ${SHAPE.join(', ')}`, () => {
    const missing = SHAPE.filter((file) => !existsSync(join(folder, file)));
    expect(missing).toEqual([]);
  });

  it(`keeps every decide/*.ts under ${MAX_DECIDE_LINES} lines`, () => {
    const decide = join(folder, 'decide');
    expect(existsSync(decide)).toBe(true);
    const files = readdirSync(decide).filter((name) => name.endsWith('.ts') && !isSpec(name));
    expect(files).toContain('index.ts');
    const tooLong = files.map((name) => ({ name, lines: lineCount(join(decide, name)) })).filter(({ lines }) => lines >= MAX_DECIDE_LINES);
    expect(tooLong).toEqual([]);
  });
});
