import { fileURLToPath } from 'node:url';
import { MicrovmDriver } from '../../../src/sandbox/index.js';

export const CHECKOUT_DIR = fileURLToPath(new URL('../../../../../examples/checkout', import.meta.url));

let available: Promise<boolean> | undefined;

/** Whether this host can run microVMs at all (QEMU and the guest kernel installed). */
export function microvmAvailable(): Promise<boolean> {
  available ??= new MicrovmDriver().status().then((s) => s.available);
  return available;
}
