import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  attempt,
  createRuntime,
  defineCommand,
  defineProgram,
  type Effect,
  handle,
  isEffectsError,
  pipeline,
  type Result,
  succeed,
} from '../src/index.js';
import { type OrderInput, orderHandlers, placeOrder } from './order-program.js';

const input: OrderInput = { sku: 'MUG', quantity: 2, placedAt: new Date('2026-01-02T03:00:00Z') };

describe('the interpreter', () => {
  it('runs a pipeline, each step reading the values of the earlier ones', async () => {
    const { handlers, calls } = orderHandlers({ stock: 5, unitCents: 1250 });
    const execution = await createRuntime({ handlers, tracer: false }).run(placeOrder, input);

    expect(execution.outcome.ok).toBe(true);
    if (!execution.outcome.ok) return;
    expect(execution.outcome.value).toMatchObject({
      orderId: 'order-1',
      totalCents: 2500,
      chargeId: 'ch_2500',
    });
    expect(execution.outcome.value.stockLeft).toBe(3n);
    expect(calls).toEqual(['reserve MUG', 'price', 'charge 2500']);
    expect(execution.steps.map((s) => s.command.kind)).toEqual([
      'stock.reserve',
      'catalogue.price',
      'payments.charge',
      'clock.now',
      'random.uuid',
    ]);
    // The scope at the charge holds everything computed before it, and nothing after.
    expect(execution.steps[2]?.scope).toMatchObject({ totalCents: 2500, price: { unitCents: 1250 } });
    expect(execution.steps[2]?.scope).not.toHaveProperty('payment');
  });

  it('types the result of a command into its continuation', () => {
    const lookup = defineCommand<{ id: number }, { name: string }>('users.lookup');
    const effect = pipeline({ id: 7 })
      .step('user', ({ id }) => lookup({ id }))
      .attempt('again', ({ id }) => lookup({ id }))
      .return(({ user, again }) => {
        expectTypeOf(user).toEqualTypeOf<{ name: string }>();
        expectTypeOf(again).toEqualTypeOf<Result<{ name: string }>>();
        return user.name.length;
      });
    expectTypeOf(effect).toEqualTypeOf<Effect<number>>();
  });

  it('stops a pipeline at a failed command and returns the failure as a value', async () => {
    const { handlers, calls } = orderHandlers({ stock: 1, unitCents: 1250 });
    const execution = await createRuntime({ handlers, tracer: false }).run(placeOrder, input);

    expect(execution.outcome).toMatchObject({
      ok: false,
      error: { type: 'Error', message: 'only 1 left', code: 'OUT_OF_STOCK' },
    });
    expect(calls).toEqual(['reserve MUG']);
    expect(execution.steps).toHaveLength(1);
  });

  it('hands a failure to a continuation that asked for the whole result', async () => {
    const flaky = defineCommand<null, string>('flaky');
    const program = defineProgram({ name: 'recovering' }, () =>
      attempt(flaky(null), (result) =>
        succeed(result.ok ? result.value : `recovered from ${result.error.message}`),
      ),
    );
    const runtime = createRuntime({
      tracer: false,
      handlers: [
        handle(flaky, () => {
          throw new Error('boom');
        }),
      ],
    });
    expect(runtime.runSync(program, undefined).outcome).toEqual({ ok: true, value: 'recovered from boom' });
  });

  it('ends the execution with the exception a bug in the logic throws', () => {
    const read = defineCommand<null, { items?: string[] }>('read');
    const program = defineProgram({ name: 'buggy' }, () =>
      pipeline({})
        .step('doc', () => read(null))
        .return(({ doc }) => (doc.items as string[]).length),
    );
    const execution = createRuntime({ tracer: false, handlers: [handle(read, () => ({}))] }).runSync(
      program,
      undefined,
    );
    expect(execution.outcome).toMatchObject({ ok: false, error: { type: 'TypeError' } });
    expect(execution.outcome.ok || execution.outcome.error.stack).toContain('runtime.test.ts');
  });

  it('runs sync handlers without a promise in runSync, and refuses an async one there', () => {
    const { handlers } = orderHandlers({ stock: 5, unitCents: 1250 });
    const runtime = createRuntime({ handlers, tracer: false });
    let thrown: unknown;
    try {
      runtime.runSync(placeOrder, input);
    } catch (error) {
      thrown = error;
    }
    expect(isEffectsError(thrown, 'FB_EFFECTS_ASYNC_HANDLER')).toBe(true);
    expect((thrown as Error).message).toContain('payments.charge');
  });

  it('refuses a command kind without a handler, naming it', async () => {
    const runtime = createRuntime({ handlers: [], tracer: false });
    await expect(runtime.run(placeOrder, input)).rejects.toThrow(/no handler for command "stock.reserve"/);
  });

  it('hands every finished execution to onExecution', async () => {
    const { handlers } = orderHandlers({ stock: 0, unitCents: 1250 });
    const seen: boolean[] = [];
    const runtime = createRuntime({ handlers, tracer: false, onExecution: (e) => seen.push(e.outcome.ok) });
    await runtime.run(placeOrder, input);
    await runtime.run(placeOrder, { ...input, quantity: 0 });
    expect(seen).toEqual([false, false]);
  });
});
