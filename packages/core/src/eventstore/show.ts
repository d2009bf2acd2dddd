/** A short rendering of any value for an error message; never throws (BigInt, cycles, Proxies, symbols). */
export const show = (value: unknown): string => {
  let text: string;
  try {
    if (typeof value === 'bigint') text = `${value}n`;
    else if (typeof value === 'symbol' || typeof value === 'function') text = `(${typeof value})`;
    else text = JSON.stringify(value) ?? String(value);
  } catch {
    text = '(an unprintable value)';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
