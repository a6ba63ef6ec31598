/** Stubs from the recorded responses: HTTP(S), S3 and Redis replayed from an error package. */
export { isStubError, StubError, type StubErrorCode } from './errors.js';
export { CA_FILE_NAME, startStubs } from './start-stubs.js';
export { planStubs } from './stub-plan.js';
export type * from './stub-types.js';
export { DIVERGENCE_HEADER, UNEXPECTED_CALL_STATUS } from './unexpected-response.js';
