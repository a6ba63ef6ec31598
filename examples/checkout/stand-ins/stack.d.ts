/** Types for `stack.js`, for the TypeScript tests and tools that start the stand-ins. */

export interface GatewayCharge {
  id: string;
  amount: number;
  currency: string;
  merchantId: string;
  source: string;
}

export interface PaymentGatewayStandIn {
  url: string;
  port: number;
  charges: GatewayCharge[];
  requests: { method: string; path: string; status: number }[];
  stop(): Promise<void>;
}

export interface S3StandIn {
  url: string;
  port: number;
  createBucket(name: string): void;
  putObject(
    bucket: string,
    key: string,
    body: Buffer | string,
    contentType?: string,
    metadata?: Record<string, string>,
  ): string;
  stop(): Promise<void>;
}

export interface StackEnv {
  PAYMENT_GATEWAY_URL: string;
  PAYMENT_GATEWAY_CLIENT_ID: string;
  PAYMENT_GATEWAY_CLIENT_SECRET: string;
  S3_ENDPOINT: string;
  S3_BUCKET: string;
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
}

export interface Stack {
  gateway: PaymentGatewayStandIn;
  s3: S3StandIn;
  env: StackEnv;
  stop(): Promise<void>;
}

export interface StackOptions {
  gatewayPort?: number;
  s3Port?: number;
  /** The gateway's clock, in ms since the epoch; token expiry is checked against it. */
  gatewayNow?: () => number;
  /** How long the gateway withholds its answer for the slow magic source. Default 30 000. */
  gatewayHangMs?: number;
}

export function startStack(options?: StackOptions): Promise<Stack>;
