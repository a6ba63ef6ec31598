import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  type EffectTrace,
  isEffectsError,
  parseTrace,
  replayTrace,
  TimeTravel,
  toTrace,
} from '../src/index.js';
import {
  type OrderInput,
  orderHandlers,
  placeOrder,
  placeOrderEdited,
  placeOrderShort,
} from './order-program.js';

const input: OrderInput = { sku: 'MUG', quantity: 2, placedAt: new Date('2026-01-02T03:00:00Z') };

/** Records one execution and returns its trace as another process would read it: from JSON text. */
async function record(
  state: { stock: number; unitCents: number; declineCharges?: boolean },
  orderInput = input,
) {
  const { handlers, calls } = orderHandlers(state);
  const execution = await createRuntime({ handlers, tracer: false }).run(placeOrder, orderInput);
  const trace = parseTrace(JSON.stringify(toTrace(execution)));
  return { execution, trace, calls };
}

describe('replay', () => {
  it('reproduces a successful execution exactly, without calling any handler', async () => {
    const { execution, trace, calls } = await record({ stock: 5, unitCents: 1250 });
    const callsWhileRecording = calls.length;

    const report = replayTrace(placeOrder, trace);

    expect(report.status).toBe('reproduced');
    expect(report.divergence).toBeUndefined();
    expect(calls).toHaveLength(callsWhileRecording);
    // Dates, bigints, bytes and undefined come back as what the logic saw in production.
    expect(report.outcome).toEqual(execution.outcome);
    const value = report.outcome?.ok ? (report.outcome.value as Record<string, unknown>) : {};
    expect(value.chargedAt).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    expect(value.stockLeft).toBe(3n);
    expect(Buffer.from(value.receipt as Uint8Array).toString()).toBe('receipt for 2500');
    expect('note' in value && value.note === undefined).toBe(true);
    expect(report.frames.map((f) => [f.seq, f.kind])).toEqual(
      execution.steps.map((s) => [s.seq, s.command.kind]),
    );
  });

  it('reproduces a failure in the middle of the pipeline with the same error', async () => {
    const { execution, trace } = await record({ stock: 5, unitCents: 1250, declineCharges: true });
    expect(execution.outcome.ok).toBe(false);

    const report = replayTrace(placeOrder, trace);

    expect(report.status).toBe('reproduced');
    expect(report.frames).toHaveLength(3);
    expect(report.outcome).toMatchObject({
      ok: false,
      error: { message: 'card declined', code: 'card_declined' },
    });
    expect(report.frames[2]?.result).toMatchObject({ ok: false, error: { code: 'card_declined' } });
  });

  it('reproduces a failure raised by the logic (a guard), not by a command', async () => {
    const { trace } = await record({ stock: 5, unitCents: 0 });
    const report = replayTrace(placeOrder, trace);
    expect(report.status).toBe('reproduced');
    expect(report.outcome).toMatchObject({
      ok: false,
      error: { type: 'EmptyOrder', message: 'nothing to charge: total 0' },
    });
  });

  it('stops at the first command the changed code asks differently, with both commands', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const report = replayTrace(placeOrderEdited, trace);

    expect(report.status).toBe('diverged');
    expect(report.divergence).toMatchObject({
      kind: 'command-differs',
      seq: 2,
      expected: { kind: 'payments.charge', input: { amountCents: 2500 } },
      actual: { kind: 'payments.charge', input: { amountCents: 1250 } },
    });
    expect(report.divergence?.message).toContain('step 2');
    expect(report.frames).toHaveLength(2);
  });

  it('reports code that finishes before the recording does', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const report = replayTrace(placeOrderShort, trace);
    expect(report.divergence).toMatchObject({
      kind: 'missing-command',
      seq: 2,
      expected: { kind: 'payments.charge' },
    });
  });

  it('reports a recording that ran out while the code asks for more', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const truncated: EffectTrace = { ...trace, steps: trace.steps.slice(0, 3) };
    const report = replayTrace(placeOrder, truncated);
    expect(report.divergence).toMatchObject({ kind: 'extra-command', seq: 3, actual: { kind: 'clock.now' } });
  });

  it('reports the same commands ending differently', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const tampered: EffectTrace = { ...trace, outcome: { status: 'success', value: 'something else' } };
    expect(replayTrace(placeOrder, tampered).divergence).toMatchObject({ kind: 'outcome-differs', seq: 5 });
  });

  it('refuses a trace of another program', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const other = { ...trace, program: { name: 'refund' } };
    expect(() => replayTrace(placeOrder, other)).toThrow(/recorded program "refund"/);
  });

  it('travels forward and back through the steps, showing scope and result at each', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250, declineCharges: true });
    const travel = new TimeTravel(replayTrace(placeOrder, trace));

    expect(travel.total).toBe(4);
    expect(travel.view).toMatchObject({ at: 'step', index: 0, frame: { kind: 'stock.reserve' } });
    expect(travel.forward()).toBe(true);
    expect(travel.forward()).toBe(true);
    const charge = travel.view;
    expect(charge).toMatchObject({
      at: 'step',
      index: 2,
      frame: { kind: 'payments.charge', input: { amountCents: 2500 } },
    });
    if (charge.at === 'step') expect(charge.frame.scope).toMatchObject({ totalCents: 2500 });
    expect(travel.forward()).toBe(true);
    expect(travel.view).toMatchObject({ at: 'end', outcome: { ok: false } });
    expect(travel.forward()).toBe(false);
    expect(travel.back()).toBe(true);
    expect(travel.view).toMatchObject({ at: 'step', index: 2 });
  });
});

describe('parseTrace', () => {
  it('names the path of what is wrong', async () => {
    const { trace } = await record({ stock: 5, unitCents: 1250 });
    const broken = JSON.parse(JSON.stringify(trace));
    broken.steps[1].kind = 42;
    expect(() => parseTrace(broken)).toThrow(/at steps\[1\]\.kind: expected a string/);
    expect(() => parseTrace({ ...trace, format: 'flashback.effects-trace/0' })).toThrow(/at format/);
    let thrown: unknown;
    try {
      parseTrace('{not json');
    } catch (error) {
      thrown = error;
    }
    expect(isEffectsError(thrown, 'FB_EFFECTS_INVALID_TRACE')).toBe(true);
  });
});
