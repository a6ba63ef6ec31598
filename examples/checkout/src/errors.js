/**
 * Errors that carry the HTTP answer they deserve. Fastify's error handler uses
 * `statusCode` for the status and puts `code` and `message` in the JSON body.
 */
export class HttpError extends Error {
  /**
   * @param {number} statusCode
   * @param {string} code stable, machine-readable
   * @param {string} message
   * @param {ErrorOptions} [options]
   */
  constructor(statusCode, code, message, options) {
    super(message, options);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

/** The payment gateway refused the credentials the service presented. */
export class GatewayAuthError extends Error {
  /**
   * @param {string} message
   * @param {ErrorOptions} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = 'GatewayAuthError';
    this.code = 'GATEWAY_UNAUTHORIZED';
  }
}
