/**
 * Spreads a balance over the months left of a plan, the last month taking the
 * rounding remainder.
 *
 * @param {number} balanceCents
 * @param {number} monthsLeft
 * @param {Date} from the first payment is due one month after this date
 * @returns {{ dueDate: string, amountCents: number }[]}
 */
export function spreadBalance(balanceCents, monthsLeft, from) {
  const monthly = Math.floor(balanceCents / monthsLeft);
  const amounts = new Array(monthsLeft).fill(monthly);
  amounts[amounts.length - 1] += balanceCents - monthly * monthsLeft;
  return amounts.map((amountCents, index) => ({ dueDate: addMonths(from, index + 1), amountCents }));
}

/** @param {Date} date @param {number} months */
function addMonths(date, months) {
  const due = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  return due.toISOString().slice(0, 10);
}
