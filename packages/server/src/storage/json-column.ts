/** Reads a JSON text column written by this server; null stays null. */
export function parseJsonColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
