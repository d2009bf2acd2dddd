/**
 * The line each value of a JSON text starts on, by path (`holidays.3.date`), so an import error can name the line
 * of the field it is about. A small scanner over text JSON.parse has already accepted.
 */
export const jsonValueLines = (text: string): Map<string, number> => {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text[at]!)) {
      if (text[at] === '\n') line += 1;
      at += 1;
    }
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    lines.set(path, line);
    const char = text[at];
    const child = (key: string): string => (path === '' ? key : `${path}.${key}`);
    if (char === '{') {
      at += 1;
      skipSpace();
      while (text[at] !== '}' && at < text.length) {
        const key = readString();
        skipSpace();
        at += 1; // the colon
        value(child(key));
        skipSpace();
        if (text[at] === ',') at += 1;
        skipSpace();
      }
      at += 1;
    } else if (char === '[') {
      at += 1;
      skipSpace();
      for (let index = 0; text[at] !== ']' && at < text.length; index++) {
        value(child(String(index)));
        skipSpace();
        if (text[at] === ',') at += 1;
        skipSpace();
      }
      at += 1;
    } else if (char === '"') {
      readString();
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at += 1;
    }
  };
  value('');
  return lines;
};

/** The line of `field` (dots or brackets), or of its nearest enclosing value present in the text. */
export const lineOfField = (lines: Map<string, number>, field: string): number | undefined => {
  const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  for (let n = parts.length; n >= 0; n--) {
    const line = lines.get(parts.slice(0, n).join('.'));
    if (line !== undefined) return line;
  }
  return undefined;
};
