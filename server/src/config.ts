import path from 'node:path';
import { z } from 'zod';

// Every setting the server reads from the environment, parsed once.
const bool = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('file:./data/cadence.sqlite'),
  CADENCE_DATA_DIR: z.string().default('./data'),
  CADENCE_ADMIN_EMAIL: z.string().email().optional(),
  CADENCE_ADMIN_PASSWORD: z.string().optional(),
  CADENCE_ORG_NAME: z.string().default('节拍科技'),
  CADENCE_DEMO: bool.optional(),
  CADENCE_COOKIE_SECURE: bool.optional(),
  CADENCE_SESSION_IDLE_HOURS: z.coerce.number().positive().default(24),
  CADENCE_SESSION_MAX_DAYS: z.coerce.number().positive().default(7),
  CADENCE_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  CADENCE_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  CADENCE_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(10),
  CADENCE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  CADENCE_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  CADENCE_INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  CADENCE_WORKER: bool.default(true),
  CADENCE_TRUST_PROXY: bool.default(false),
  CADENCE_TIME_ZONE: z.string().default('Asia/Shanghai'),
  /** Largest file an upload (attachment, import) may have. */
  CADENCE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Where uploaded files live: the data dir's `files/` (local) or an S3-compatible bucket (s3). */
  CADENCE_STORAGE: z.enum(['local', 's3']).default('local'),
  CADENCE_S3_ENDPOINT: z.string().url().optional(),
  CADENCE_S3_BUCKET: z.string().optional(),
  CADENCE_S3_REGION: z.string().optional(),
  CADENCE_S3_ACCESS_KEY_ID: z.string().optional(),
  CADENCE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  CADENCE_S3_FORCE_PATH_STYLE: bool.optional(),
  SMTP_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  adminEmail?: string;
  adminPassword?: string;
  orgName: string;
  demo: boolean;
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginMaxFailures: number;
  loginWindowMs: number;
  passwordMinLength: number;
  rateLimitPerMinute: number;
  /** Sign-in requests per minute per client IP (the benchmark raises it). */
  loginRateLimitPerMinute: number;
  /** Public web-form and inbound-API requests per minute per client IP. */
  intakeRateLimitPerMinute: number;
  worker: boolean;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For. */
  trustProxy: boolean;
  timeZone: string;
  /** Largest file an upload (attachment, import) may have, in bytes. */
  maxUploadBytes: number;
  storage: StorageConfig;
  smtpUrl?: string;
  logLevel: string;
};

export type S3Config = {
  /** e.g. https://s3.cn-north-1.amazonaws.com.cn, https://oss-cn-hangzhou.aliyuncs.com, http://minio:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
};

export type StorageConfig = { kind: 'local' } | ({ kind: 's3' } & S3Config);

/** The storage settings; S3 without its bucket or keys stops the start with a message naming what is missing. */
function storageConfig(e: z.infer<typeof schema>): StorageConfig {
  if (e.CADENCE_STORAGE === 'local') return { kind: 'local' };
  const missing = (
    ['CADENCE_S3_BUCKET', 'CADENCE_S3_ACCESS_KEY_ID', 'CADENCE_S3_SECRET_ACCESS_KEY'] as const
  ).filter((name) => !e[name]?.trim());
  if (missing.length) {
    throw new Error(
      `CADENCE_STORAGE=s3 needs ${missing.join(', ')} (see docs/admin-guide.md, file storage).`,
    );
  }
  const bucket = e.CADENCE_S3_BUCKET!.trim();
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(
      `CADENCE_S3_BUCKET "${bucket}" is not a valid bucket name (3–63 lower-case letters, digits, dots, dashes).`,
    );
  }
  const region = e.CADENCE_S3_REGION?.trim() || 'us-east-1';
  return {
    kind: 's3',
    endpoint: (e.CADENCE_S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, ''),
    bucket,
    region,
    accessKeyId: e.CADENCE_S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: e.CADENCE_S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.CADENCE_S3_FORCE_PATH_STYLE ?? false,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = schema.parse(env);
  const production = e.NODE_ENV === 'production';
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CADENCE_DATA_DIR),
    adminEmail: e.CADENCE_ADMIN_EMAIL,
    adminPassword: e.CADENCE_ADMIN_PASSWORD,
    orgName: e.CADENCE_ORG_NAME,
    demo: e.CADENCE_DEMO ?? !production,
    cookieSecure: e.CADENCE_COOKIE_SECURE ?? production,
    sessionIdleMs: e.CADENCE_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.CADENCE_SESSION_MAX_DAYS * 86_400_000,
    loginMaxFailures: e.CADENCE_LOGIN_MAX_FAILURES,
    loginWindowMs: e.CADENCE_LOGIN_WINDOW_MINUTES * 60_000,
    passwordMinLength: e.CADENCE_PASSWORD_MIN_LENGTH,
    rateLimitPerMinute: e.CADENCE_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.CADENCE_LOGIN_RATE_LIMIT_PER_MINUTE,
    intakeRateLimitPerMinute: e.CADENCE_INTAKE_RATE_LIMIT_PER_MINUTE,
    worker: e.CADENCE_WORKER,
    trustProxy: e.CADENCE_TRUST_PROXY,
    timeZone: e.CADENCE_TIME_ZONE,
    maxUploadBytes: e.CADENCE_MAX_UPLOAD_MB * 1024 * 1024,
    storage: storageConfig(e),
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
  };
}
