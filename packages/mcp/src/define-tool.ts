/**
 * One MCP tool per module: `defineTool` takes its name, its description for an agent, its input
 * (a zod shape) and `run`, and returns something `tools/index.ts` can list. Whatever `run` returns
 * is sent as capped JSON; whatever it throws becomes a tool error carrying the message, so bad input
 * never ends the session.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ShapeOutput, ZodRawShapeCompat } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { capJson, resultText } from './output-caps.js';
import type { ToolContext } from './tool-context.js';

export interface ToolSpec<Shape extends ZodRawShapeCompat> {
  /** snake_case; `trace_*` for dynamic tracing. */
  name: string;
  title: string;
  /** For an agent: what it returns, when to use it, what to call next. */
  description: string;
  input: Shape;
  annotations?: ToolAnnotations;
  run(input: ShapeOutput<Shape>, context: ToolContext): Promise<unknown>;
}

export interface FlashbackTool {
  readonly name: string;
  register(server: McpServer, context: ToolContext): void;
}

export function defineTool<Shape extends ZodRawShapeCompat>(spec: ToolSpec<Shape>): FlashbackTool {
  return {
    name: spec.name,
    register(server, context) {
      const config = {
        title: spec.title,
        description: spec.description,
        // The SDK validates the arguments against this shape before the callback runs.
        inputSchema: spec.input as ZodRawShapeCompat,
        ...(spec.annotations ? { annotations: spec.annotations } : {}),
      };
      server.registerTool(spec.name, config, async (input): Promise<CallToolResult> => {
        try {
          const result = await spec.run(input as ShapeOutput<Shape>, context);
          return { content: [{ type: 'text', text: resultText(capJson(result)) }] };
        } catch (error: unknown) {
          return toolError(error);
        }
      });
    },
  };
}

export function toolError(error: unknown): CallToolResult {
  const message = error instanceof Error ? error.message : String(error);
  return { isError: true, content: [{ type: 'text', text: message }] };
}
