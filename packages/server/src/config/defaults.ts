/** The collector's defaults, importable without loading the collector (`@flashback/server/defaults`). */
export const DEFAULT_DATA_DIR = './.flashback';
export const DEFAULT_PORT = 4700;
export const DEFAULT_HOST = '127.0.0.1';
