/** Where `flashback serve` looks for app specs when `--config` is not given. */
export const CONFIG_FILE_NAME = 'flashback.config.json';
