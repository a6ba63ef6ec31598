/** Name and version of this library, as reported in spans and error packages. */
export const LIBRARY_NAME = '@flashback/effects';
export const LIBRARY_VERSION = '0.1.0';
