import { spreadBalance } from './installment-schedule.js';

const NEW_PLAN_MONTHS = 3;

/**
 * "Pay later": the order joins the customer's open installment plan (or opens
 * one) and the balance is re-spread over the months left. Nothing is charged
 * now; the monthly billing run charges each installment.
 *
 * @param {ReturnType<typeof import('./installments-repo.js').createInstallmentsRepo>} plans
 * @param {{ fixed: boolean }} options
 */
export function createInstallmentPayment(plans, options) {
  return {
    /**
     * @param {{ customerId: number, amountCents: number }} request
     * @returns {{ planId: number, schedule: { dueDate: string, amountCents: number }[] }}
     */
    addToPlan({ customerId, amountCents }) {
      const today = new Date();
      let plan = plans.findOpenPlan(customerId);
      if (plan) {
        const monthsLeft = plan.months - plans.countPaidMonths(plan.id);
        if (options.fixed && monthsLeft < 1) {
          // Paid off but not yet closed by the nightly job: close it, start afresh.
          plans.closePlan(plan.id);
          plan = undefined;
        } else {
          const balance = plan.balance_cents + amountCents;
          const schedule = spreadBalance(balance, monthsLeft, today);
          plans.updateBalance(plan.id, balance);
          return { planId: plan.id, schedule };
        }
      }
      const planId = plans.createPlan(customerId, NEW_PLAN_MONTHS, amountCents);
      return { planId, schedule: spreadBalance(amountCents, NEW_PLAN_MONTHS, today) };
    },
  };
}
