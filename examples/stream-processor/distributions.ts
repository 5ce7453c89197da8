/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** mulberry32: a tiny seeded PRNG, so that tests and demos can replay the same run. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * A standard normal draw (Box-Muller), cut at ±4 sigma: no absurd outliers, and a count
 * drawn around a large mean can never fall to zero.
 */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return clamp(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()), -4, 4);
}

/** Log-normal around `median`: latencies and sizes are skewed, with a long right tail. */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** How many of `mean` expected events happened: Poisson, or its normal approximation. */
export function count(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  // Inversion; the cap keeps a degenerate `random` (always ~1) from looping for long.
  const u = random();
  let probability = Math.exp(-mean);
  let cumulative = probability;
  let k = 0;
  while (u > cumulative && k < mean * 4 + 20) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

/** How many of `n` trials succeed with probability `p`. */
export function binomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 50) {
    let successes = 0;
    for (let i = 0; i < n; i += 1) if (random() < p) successes += 1;
    return successes;
  }
  const spread = Math.sqrt(n * p * (1 - p)) * normal(random);
  return clamp(Math.round(n * p + spread), 0, n);
}

/** Splits `total` across categories in proportion to `weights` (a multinomial draw). */
export function split<T extends string>(
  random: Random,
  total: number,
  weights: Readonly<Record<T, number>>,
): [T, number][] {
  const entries = Object.entries(weights) as [T, number][];
  let remainingWeight = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = total;
  return entries.map(([value, weight], index) => {
    const share =
      index === entries.length - 1
        ? remaining
        : binomial(random, remaining, weight / remainingWeight);
    remaining -= share;
    remainingWeight -= weight;
    return [value, share];
  });
}
