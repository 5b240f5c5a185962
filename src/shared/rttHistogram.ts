/**
 * Mergeable round-trip / delivery time histogram shipped with every daily cell, so the
 * browser can recombine any filter and estimate quantiles (labelled approximate).
 *
 * 32 fixed log-spaced buckets over seconds, four per decade:
 *   bucket 0        t < 0.1 s
 *   bucket i (1–30) 10^((i-5)/4) s <= t < 10^((i-4)/4) s
 *   bucket 31       t >= 10^6.5 s (about 36.6 days)
 * The metrics SQL computes the same index: greatest(0, least(31, floor(4*log10(t)) + 5)).
 */
export const RTT_BUCKET_COUNT = 32;

/** Lower edge in seconds of each bucket (bucket 0 starts at 0). */
export const RTT_BUCKET_LOWER: readonly number[] = Array.from({ length: RTT_BUCKET_COUNT }, (_, i) => (i === 0 ? 0 : 10 ** ((i - 5) / 4)));

/** Upper edge in seconds of each bucket (the last one is open: Infinity). */
export const RTT_BUCKET_UPPER: readonly number[] = Array.from({ length: RTT_BUCKET_COUNT }, (_, i) =>
  i === RTT_BUCKET_COUNT - 1 ? Infinity : 10 ** ((i - 4) / 4),
);

export function toRttBucket(seconds: number): number {
  if (!(seconds >= 0.1)) return 0;
  return Math.max(0, Math.min(RTT_BUCKET_COUNT - 1, Math.floor(4 * Math.log10(seconds)) + 5));
}

/**
 * Approximate quantile (0..1) by log-linear interpolation inside the bucket that holds it.
 * Null for an empty histogram.
 */
export function estimateQuantile(histogram: readonly number[], q: number): number | null {
  const n = histogram.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = q * n;
  let seen = 0;
  for (let i = 0; i < RTT_BUCKET_COUNT; i += 1) {
    const count = histogram[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const within = (rank - seen) / count;
      const lo = i === 0 ? 0 : RTT_BUCKET_LOWER[i]!;
      const hi = i === RTT_BUCKET_COUNT - 1 ? RTT_BUCKET_LOWER[i]! : RTT_BUCKET_UPPER[i]!;
      if (lo === 0) return hi * within;
      return lo * (hi / lo) ** within;
    }
    seen += count;
  }
  return RTT_BUCKET_LOWER[RTT_BUCKET_COUNT - 1]!;
}
