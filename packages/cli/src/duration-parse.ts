/** `60s`, `2m`, `500ms`, `1.5s` or a plain number of seconds, in milliseconds; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  const ms = unit === 'ms' ? value : unit === 's' ? value * 1000 : value * 60_000;
  return ms > 0 ? Math.round(ms) : undefined;
}
