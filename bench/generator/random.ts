/**
 * The generator's randomness: a small seeded PRNG (sfc32, seeded through splitmix32), so a seed alone fixes every
 * choice. Independent streams (`fork`) keep one concern's draws (event ids) from shifting another's (case paths).
 */

const splitmix32 = (state: number): (() => number) => {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
};

/** A 32-bit hash of a label (FNV-1a), to derive named streams from one seed. */
const hashLabel = (label: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

export interface Random {
  /** A uniform 32-bit unsigned integer. */
  readonly uint32: () => number;
  /** A uniform float in [0, 1). */
  readonly next: () => number;
  /** A uniform integer in [min, max], both included. */
  readonly int: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
  /** One key of `weights`, drawn in proportion to its weight. */
  readonly weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K;
  /** A new independent stream, derived from this stream's seed and `label` (not from its position). */
  readonly fork: (label: string) => Random;
}

export const createRandom = (seed: number, label = 'root'): Random => {
  const seedOf = (name: string) => (Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(name)) >>> 0;
  const init = splitmix32(seedOf(label));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const uint32 = (): number => {
    // sfc32
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) uint32();
  const next = () => uint32() / 4294967296;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    uint32,
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let draw = next() * total;
      for (const [key, weight] of entries) {
        draw -= weight;
        if (draw < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    fork: (name) => createRandom(seed, `${label}/${name}`),
  };
};

const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

/**
 * Deterministic UUIDs (version-4 layout) from a seeded stream: the same seed yields the same ids in the same
 * order, so two runs write identical event ids, hashes included.
 */
export const seededUuids = (random: Random): (() => string) => () => {
  const [w1, w2, w3, w4] = [random.uint32(), random.uint32(), random.uint32(), random.uint32()];
  const version = ((w2 & 0x0fff) | 0x4000) >>> 0;
  const variant = (((w3 >>> 16) & 0x3fff) | 0x8000) >>> 0;
  return `${hex(w1, 8)}-${hex(w2 >>> 16, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(w3 & 0xffff, 4)}${hex(w4, 8)}`;
};
