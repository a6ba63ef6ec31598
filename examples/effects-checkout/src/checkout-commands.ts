/** The checkout's own command: reading a setting. Everything else uses the library's commands. */
import { defineCommand, handle } from '@flashback/effects';

/** Reads a setting (the gateway's URL); replay answers with the value production saw. */
export const readSetting = defineCommand<{ name: string }, string>('config.read');

export function settingsHandler(settings: Record<string, string>) {
  return handle(readSetting, ({ name }) => {
    const value = settings[name];
    if (value === undefined) throw new Error(`setting ${name} is not set`);
    return value;
  });
}
