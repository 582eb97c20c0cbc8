// Small, exact-enough statistics for tournament summaries: Student's t distribution through
// the regularised incomplete beta function (Numerical Recipes' continued fraction), Welch's
// t-test and t confidence intervals. Deterministic: plain arithmetic in a fixed order.

/** Mean, standard deviation (n − 1) and a two-sided confidence interval for the mean. */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Bounds of the confidence interval `mean ± t(1 − α/2, n − 1)·sd/√n` (the mean itself when n < 2). */
  readonly low: number;
  readonly high: number;
}

/**
 * The mean of `values` with its Student-t confidence interval at `level` (default 0.95).
 *
 * @example
 * ```ts
 * meanInterval([0.5, 0.7, 0.6]); // { n: 3, mean: 0.6, sd: 0.1, low: ≈ 0.352, high: ≈ 0.848 }
 * ```
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, low: Number.NaN, high: Number.NaN };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: 0, low: mean, high: mean };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = studentQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}

/** Welch's unequal-variances t-test of two samples: the statistic, its degrees of freedom and the two-sided p-value. */
export interface WelchTest {
  readonly t: number;
  readonly df: number;
  readonly p: number;
}

/**
 * Welch's t-test (two-sided) of the difference between two samples' means, with the
 * Welch–Satterthwaite degrees of freedom. p = 1 when neither sample varies and their means
 * are equal, 0 when neither varies and the means differ.
 *
 * @example
 * ```ts
 * welchTest([0.5, 0.6, 0.7], [0.1, 0.2, 0.3]).p; // ≈ 0.00805 (R's t.test gives 0.008051)
 * ```
 */
export function welchTest(a: readonly number[], b: readonly number[]): WelchTest {
  const x = meanInterval(a);
  const y = meanInterval(b);
  if (x.n < 2 || y.n < 2) return { t: Number.NaN, df: Number.NaN, p: Number.NaN };
  const va = (x.sd * x.sd) / x.n;
  const vb = (y.sd * y.sd) / y.n;
  const se = Math.sqrt(va + vb);
  const diff = x.mean - y.mean;
  if (se === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: x.n + y.n - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / se;
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1));
  return { t, df, p: studentTwoSided(t, df) };
}

/**
 * P(|T| ≥ |t|) for Student's t with `df` degrees of freedom, through the regularised
 * incomplete beta function.
 *
 * @example
 * ```ts
 * studentTwoSided(2.228, 10); // ≈ 0.05
 * ```
 */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / 2, 0.5, df / (df + t * t));
}

/**
 * The `q`-quantile of Student's t with `df` degrees of freedom (q in (0, 1)), by bisection on
 * the distribution (to the last bits of a double).
 *
 * @example
 * ```ts
 * studentQuantile(0.975, 10); // ≈ 2.228
 * ```
 */
export function studentQuantile(q: number, df: number): number {
  if (q === 0.5) return 0;
  if (q < 0.5) return -studentQuantile(1 - q, df);
  const target = 2 * (1 - q); // two-sided tail at the quantile
  let low = 0;
  let high = 1;
  while (studentTwoSided(high, df) > target) high *= 2;
  for (let k = 0; k < 100; k++) {
    const mid = (low + high) / 2;
    if (studentTwoSided(mid, df) > target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms). */
function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0]!;
  for (let k = 1; k < 9; k++) sum += g[k]! / (z + k);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
