import { Money } from '@fundline/money';

export interface AroundTheLimit {
  under: string;
  at: string;
  over: string;
}

/** The amounts a money limit is tested with, as USD decimal strings: one cent under it, at it, one cent over it. */
export function aroundTheLimit(limitMinor: number | bigint): AroundTheLimit {
  const at = BigInt(limitMinor);
  const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toDecimalString();
  return { under: usd(at - 1n), at: usd(at), over: usd(at + 1n) };
}

/** A USD decimal string as a title reads it: 'USD 200,000.00'. */
export function inTitle(decimal: string): string {
  const [whole, cents] = decimal.split('.');
  return `USD ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
