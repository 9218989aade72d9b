/**
 * Foreign currencies (reference §a.7, §h19). The account currency is USD; an amount in another currency is
 * converted with a fixed table of rates, one per currency, at the service-start date of the line item (or the
 * effective date of an event). The table has one rate per currency, so every date converts alike: a renewal at
 * the same foreign price keeps the same USD MRR, and rate changes never create movements — the invariant
 * "movements between two dates add up to the MRR difference" holds in every currency. A currency missing from
 * the table cannot be converted: the import answers ChartMogul's 422 (docs/decisions.md, "Sandbox analytics").
 *
 * ChartMogul reports every currency in hundredths ("cents"), JPY included (a JPY account shows 523387 for
 * 43.48 USD, reference §a.2), so `amount_in_cents` is hundredths of the unit in every currency here too.
 */
import { ACCOUNT } from '../../lib/account';

export const ACCOUNT_CURRENCY: string = ACCOUNT.currency;

/** When the rates were taken (mid-market, rounded): documentation only, every date uses them. */
export const RATES_AS_OF = '2024-01-02';

/** US dollars per one unit of the currency. Covers the recordings (USD, EUR, JPY, PLN) and the demo seed. */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.0945,
  GBP: 1.2697,
  JPY: 0.007059,
  CHF: 1.1829,
  CAD: 0.7536,
  AUD: 0.6793,
  NZD: 0.6282,
  SEK: 0.09858,
  NOK: 0.09776,
  DKK: 0.1468,
  PLN: 0.2531,
  CZK: 0.04461,
  HUF: 0.002872,
  RON: 0.2199,
  INR: 0.01202,
  CNY: 0.1405,
  HKD: 0.128,
  SGD: 0.7561,
  KRW: 0.000771,
  BRL: 0.2049,
  MXN: 0.05881,
  ZAR: 0.05433,
  ILS: 0.2761,
  TRY: 0.03367,
};

export function isConvertible(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(USD_PER_UNIT, currency);
}

/** The amount (hundredths of `currency`) in US cents, unrounded; the caller rounds once, at the end. */
export function toAccountCurrency(amount: number, currency: string): number {
  const rate = USD_PER_UNIT[currency];
  if (rate === undefined || !isConvertible(currency)) throw new UnconvertibleCurrencyError(currency);
  return amount * rate;
}

export class UnconvertibleCurrencyError extends Error {
  constructor(readonly currency: string) {
    super(`Currency ${currency} is not supported: the sandbox has no exchange rate for it`);
  }
}

/**
 * Round half away from zero (reference §h7: "round-half-up elsewhere … mirror for negatives"), so a credit and
 * the charge it undoes round to the same magnitude.
 */
export function roundHalfUp(value: number): number {
  const rounded = Math.round(Math.abs(value));
  return value < 0 ? -rounded : rounded;
}
