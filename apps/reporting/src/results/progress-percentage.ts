import { divideRoundHalfUp } from '@fundline/money';

/** Decimal strings of the results framework: at most 4 decimals (ResultsFrameworkV1). */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;
const SCALE = 10_000n;

/** A decimal string as an exact integer of ten-thousandths. */
function tenThousandths(decimal: string): bigint {
  const match = DECIMAL.exec(decimal);
  if (!match) throw new RangeError(`not a decimal string: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0'));
  return sign ? -value : value;
}

/**
 * RF5: how far an indicator has come from its baseline towards its target, in percent with two decimals, rounded half
 * away from zero: (achieved − baseline) / (target − baseline) × 100. Exact: decimal strings in, a decimal string out,
 * no floating point. A decreasing target (fewer incidents) works the same way; below 0 the indicator went backwards,
 * above 100 it passed its target. Null when nothing was reported, or when target and baseline are equal (no way to go).
 */
export function progressPercent(baseline: string, target: string, achieved: string | null): string | null {
  if (achieved === null) return null;
  const distance = tenThousandths(target) - tenThousandths(baseline);
  if (distance === 0n) return null;
  const travelled = tenThousandths(achieved) - tenThousandths(baseline);
  // Hundredths of a percent: × 100 for percent, × 100 for two decimals; the divisor made positive for the rounding.
  const hundredths = divideRoundHalfUp(
    (distance < 0n ? -travelled : travelled) * 10_000n,
    distance < 0n ? -distance : distance,
  );
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  return `${hundredths < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
