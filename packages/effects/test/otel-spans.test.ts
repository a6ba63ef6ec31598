import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTR_KIND, ATTR_OUTCOME, ATTR_PROGRAM, ATTR_SEQ, createRuntime, toTrace } from '../src/index.js';
import { orderHandlers, placeOrder } from './order-program.js';

describe('OpenTelemetry recording through a real SDK', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('effects-test');
  afterAll(() => provider.shutdown());

  it('records a span per execution and a child span per command, with kind and outcome', async () => {
    exporter.reset();
    const { handlers } = orderHandlers({ stock: 5, unitCents: 1250, declineCharges: true });
    const execution = await createRuntime({ handlers, tracer }).run(placeOrder, {
      sku: 'MUG',
      quantity: 2,
      placedAt: new Date(),
    });

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'execute place-order');
    expect(root).toBeDefined();
    if (!root) return;
    expect(root.attributes[ATTR_PROGRAM]).toBe('place-order');
    expect(root.attributes[ATTR_OUTCOME]).toBe('failure');
    expect(root.status.code).toBe(SpanStatusCode.ERROR);
    expect(root.events.map((e) => e.name)).toContain('exception');

    const children = spans.filter((s) => s !== root);
    expect(
      children.map((s) => [
        s.name,
        s.attributes[ATTR_KIND],
        s.attributes[ATTR_SEQ],
        s.attributes[ATTR_OUTCOME],
      ]),
    ).toEqual([
      ['stock.reserve', 'stock.reserve', 0, 'success'],
      ['catalogue.price', 'catalogue.price', 1, 'success'],
      ['payments.charge', 'payments.charge', 2, 'failure'],
    ]);
    for (const child of children) {
      expect(child.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(child.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    }
    expect(children[2]?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'card declined' });
    expect(children[2]?.attributes['error.type']).toBe('Error');

    // The trace document points at the execution's span, to find it among the service's traces.
    expect(toTrace(execution).otel).toEqual({
      traceId: root.spanContext().traceId,
      spanId: root.spanContext().spanId,
    });
  });

  it('records nothing, and no ids in the trace, when no SDK is recording', async () => {
    exporter.reset();
    const { handlers } = orderHandlers({ stock: 5, unitCents: 1250 });
    const execution = await createRuntime({ handlers }).run(placeOrder, {
      sku: 'MUG',
      quantity: 1,
      placedAt: new Date(),
    });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(toTrace(execution).otel).toBeUndefined();
  });
});
