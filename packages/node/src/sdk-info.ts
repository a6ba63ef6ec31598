export const SDK_NAME = '@flashback/node';
export const SDK_VERSION = '0.1.0';
