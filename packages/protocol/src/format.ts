/** The format tag every error package carries; bumped only for incompatible changes. */
export const PACKAGE_FORMAT = 'flashback.error-package/1';
