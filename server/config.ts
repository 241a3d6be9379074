import { resolve } from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable ORS reads, in one place (documented in README.md, "Configuration"). */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(720),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  PUBLIC_URL: z.url().optional(),
  DEMO_DATA: booleanFlag.optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('ORS <no-reply@ors.local>'),
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  DEADLINE_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, 'must be a comma-separated list of days, like 30,7,1')
    .default('30,7,1')
    .transform((list) => list.split(',').map(Number)),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  ACTOR_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  MAX_QUEUED_QUERIES: z.coerce.number().int().min(0).default(200),
});

type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'ACTOR_CACHE_SECONDS'> {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /**
   * How long the actor behind a token or session is kept: 5 s by default, none under NODE_ENV=test (tests
   * that change the database behind the server's back see it at once; those of the cache set it).
   */
  ACTOR_CACHE_SECONDS: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration once from the environment; a bad value is refused with every problem named.
 * `loadConfig({ PORT: 'x' })` throws `ConfigError: invalid configuration: PORT: Invalid input…`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const actorCacheSeconds = parsed.data.ACTOR_CACHE_SECONDS ?? (parsed.data.NODE_ENV === 'test' ? 0 : 5);
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR), ACTOR_CACHE_SECONDS: actorCacheSeconds };
}

/** `PORT=` in a shell or an .env file means "not set", not "the empty string". */
function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') result[key] = value;
  }
  return result;
}
