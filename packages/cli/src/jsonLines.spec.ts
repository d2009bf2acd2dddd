import { describe, expect, it } from '@jest/globals';
import { jsonValueLines, lineOfField } from './jsonLines.js';

describe('jsonValueLines', () => {
  const text = '{\n  "districtId": "ecps",\n  "holidays": [\n    { "date": "2025-09-01", "label": "Labor \\"Day\\"" },\n    {\n      "date": "x"\n    }\n  ]\n}\n';
  const lines = jsonValueLines(text);

  it('given a JSON text, when a field path is asked, then the line its value starts on', () => {
    expect(lineOfField(lines, 'districtId')).toBe(2);
    expect(lineOfField(lines, 'holidays.0.label')).toBe(4);
    expect(lineOfField(lines, 'holidays[1].date')).toBe(6);
  });

  it('falls back to the nearest enclosing value for a field the text lacks', () => {
    expect(lineOfField(lines, 'holidays.1.missing')).toBe(5);
    expect(lineOfField(lines, 'nothing')).toBe(1);
  });
});
