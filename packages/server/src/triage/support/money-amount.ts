/**
 * The amount a payment request asked for, formatted the way a person says it ("$0.00").
 *
 * Unit convention: payment APIs (Stripe, Adyen, the checkout example's gateway, which refuses
 * anything but "an integer number of cents") take integer amounts in the currency's minor unit.
 * So an integer amount next to a currency, or any amount whose field name says cents/minor, is read
 * as minor units and divided by the currency's exponent (2 for USD, 0 for JPY); a fractional amount
 * is already in major units. Without a currency the value is shown as a bare number, never with a
 * guessed symbol.
 */
import { isRecord } from './body-text.js';

const AMOUNT_FIELDS = [
  'amount',
  'amount_cents',
  'amountCents',
  'amount_in_cents',
  'total_cents',
  'totalCents',
];
const MINOR_UNIT_NAME = /cents|minor/i;
interface CurrencyStyle {
  prefix: string;
  suffix: string;
  digits: number;
}

const styles = new Map<string, CurrencyStyle | null>();

/** The formatted amount of a request body such as `{"amount":0,"currency":"usd"}`, or undefined. */
export function describeAmount(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const field of AMOUNT_FIELDS) {
    const raw = body[field];
    // Adyen-style { amount: { value, currency } }.
    if (isRecord(raw)) return format(numberOf(raw.value), currencyOf(raw.currency), field, true);
    const value = numberOf(raw);
    if (value !== undefined) return format(value, currencyOf(body.currency), field, false);
  }
  return undefined;
}

function format(
  value: number | undefined,
  currency: string | undefined,
  field: string,
  nested: boolean,
): string | undefined {
  if (value === undefined) return undefined;
  const minor =
    MINOR_UNIT_NAME.test(field) || (Number.isInteger(value) && (currency !== undefined || nested));
  const style = currency ? styleFor(currency) : undefined;
  if (!style) return MINOR_UNIT_NAME.test(field) ? (value / 100).toFixed(2) : String(value);
  const major = minor ? value / 10 ** style.digits : value;
  const [whole = '0', fraction] = Math.abs(major).toFixed(style.digits).split('.');
  const number = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
  return `${major < 0 ? '-' : ''}${style.prefix}${number}${style.suffix}`;
}

/**
 * How en-US writes amounts in `currency` ("$", "€", "CHF ", 2 digits; "¥", 0 digits), read once from
 * Intl: formatting every amount through Intl.NumberFormat costs more than all the rules together.
 */
function styleFor(currency: string): CurrencyStyle | undefined {
  let style = styles.get(currency);
  if (style === undefined) {
    try {
      const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      const parts = formatter.formatToParts(1);
      const first = parts.findIndex((part) => part.type === 'integer');
      const last = parts.findLastIndex((part) => part.type === 'integer' || part.type === 'fraction');
      style = {
        prefix: parts
          .slice(0, first)
          .map((part) => part.value)
          .join(''),
        suffix: parts
          .slice(last + 1)
          .map((part) => part.value)
          .join(''),
        digits: formatter.resolvedOptions().maximumFractionDigits ?? 2,
      };
    } catch {
      // Not an ISO 4217 code: fall back to a bare number rather than fail the rule.
      style = null;
    }
    styles.set(currency, style);
  }
  return style ?? undefined;
}

function numberOf(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  // Form-encoded bodies (Stripe's own API) carry numbers as strings.
  if (typeof raw === 'string' && /^-?\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  return undefined;
}

function currencyOf(raw: unknown): string | undefined {
  return typeof raw === 'string' && /^[a-z]{3}$/i.test(raw) ? raw.toUpperCase() : undefined;
}
