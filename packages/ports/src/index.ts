export { EPHEMERAL_RANGE_FILE, ephemeralRange } from './ephemeral-range.js';
export { freePort, freePortBelow } from './free-port.js';
