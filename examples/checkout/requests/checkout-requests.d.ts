/** Types for `checkout-requests.js`. */

export interface CheckoutRequest {
  method: 'GET' | 'POST';
  path: string;
  body: unknown;
}

export interface BugRequest extends CheckoutRequest {
  /** The bug's number in BUGS.md (8 is the extra one). */
  bug: number;
  id: string;
  title: string;
  /** `name` of the error the buggy variant throws. */
  errorType: string;
  /** Part of its message, as it appears in the 500 response and the log. */
  errorMessage: string;
  /** What the fixed variant (CHECKOUT_FIXED=1) answers instead. */
  fixedStatus: number;
}

export const happyPathRequest: CheckoutRequest;
export const bugRequests: BugRequest[];
export const checkoutEnvAllowlist: string;
