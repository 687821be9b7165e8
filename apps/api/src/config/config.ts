/**
 * The api's configuration: one class, validated at boot. Secrets are required in production;
 * in development they are generated once and kept under .data/ so restarts keep sessions valid.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseOidcPrivateKey } from '../auth/oidc-private-key';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Absent: an embedded PostgreSQL under DATA_DIR is started and stopped by the app. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Connections in this node's PostgreSQL pool. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(500)
  DATABASE_POOL_MAX = 20;

  /**
   * How long an unused pooled connection is kept before it is closed. Long on purpose: closing
   * and reopening connections as the load breathes cost whole-node stalls of 100–200 ms every
   * 10 s in the bench (pg's default of 10 s; BENCHMARKS.md).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATABASE_POOL_IDLE_SECONDS = 600;

  @IsString()
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsString()
  @MinLength(32)
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 60 * 60 * 24 * 30;

  /**
   * Which proxies to trust for the client address (Express `trust proxy`): `loopback`, a number
   * of hops, or comma-separated addresses/subnets (e.g. the load balancer's network).
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsString()
  CORS_ORIGINS = '';

  @IsString()
  BODY_LIMIT = '256kb';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`; empty means unset. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Seed the fictional demo municipality on first start. Defaults to on without DATABASE_URL. */
  @IsOptional()
  @IsIn(['true', 'false'])
  SEED_DEMO?: 'true' | 'false';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Public URL of the app, used in links in e-mails and as OIDC redirect base. */
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Fellesplan <ikke-svar@fellesplan.local>';

  /** smpp://system_id:password@host:port (ssmpp:// for TLS); absent: SMS are written to the log. */
  @IsOptional()
  @Matches(/^s?smpp:\/\/[^:@/\s]+:[^@/\s]*@[^:/\s]+(:\d{1,5})?\/?$/, {
    message: 'SMS_SMPP_URL must look like smpp://system_id:password@host:port',
  })
  SMS_SMPP_URL?: string;

  /** The sender shown on the phone: up to 11 letters/digits, or a number of up to 15 digits. */
  @Matches(/^([A-Za-z0-9 ]{1,11}|\+?[0-9]{1,15})$/, { message: 'SMS_SENDER_ID must be up to 11 letters/digits or a number' })
  SMS_SENDER_ID = 'Fellesplan';

  /** Messages per second this node submits to the gateway (token bucket). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SMS_RATE_PER_SECOND = 5;

  /**
   * Tests only (refused in production): the app's clock runs this many milliseconds ahead of (or,
   * negative, behind) the machine's, for quiet hours and the reminder job's "today".
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  TEST_CLOCK_OFFSET_MS?: number;

  @IsOptional()
  @IsString()
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @IsString()
  OIDC_SCOPES = 'openid profile email';

  /** The claim that links an OIDC identity to an account; it must be verified by the provider. */
  @IsIn(['email', 'pid'])
  OIDC_LINK_CLAIM: 'email' | 'pid' = 'email';

  /** The claim holding the national identity number: `pid` (ID-porten), `helseid://claims/identity/pid` (HelseID). */
  @IsString()
  @Matches(/^\S+$/)
  OIDC_PID_CLAIM = 'pid';

  /** Client authentication at the token endpoint; absent: client_secret_post with a secret, else none (PKCE only). */
  @IsOptional()
  @IsIn(['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'none'])
  OIDC_TOKEN_AUTH_METHOD?: 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt' | 'none';

  /** For private_key_jwt: the client's private JWK as JSON (RSA or EC, with kid). */
  @IsOptional()
  @IsString()
  OIDC_PRIVATE_KEY?: string;

  @IsString()
  OIDC_BUTTON_LABEL = 'ID-porten';

  /** Which kind of provider OIDC_ISSUER is: the session's method in audit entries and "my sessions". */
  @IsIn(['idporten', 'helseid', 'oidc'])
  OIDC_PROVIDER: 'idporten' | 'helseid' | 'oidc' = 'idporten';

  /** acr_values to ask the provider for, e.g. `idporten-loa-high`; empty: the provider's default. */
  @IsOptional()
  @IsString()
  @Matches(/^[\w:./-]+( [\w:./-]+)*$/)
  OIDC_ACR_VALUES?: string;

  /** Allow plain http issuers (only for a provider started inside a test). */
  @IsOptional()
  @IsIn(['true', 'false'])
  OIDC_ALLOW_INSECURE?: 'true' | 'false';

  @IsIn(['memory', 'redis', 'postgres'])
  REALTIME_ADAPTER: 'memory' | 'redis' | 'postgres' = 'memory';

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Name of the Redis stream and channels (or PostgreSQL notify channel) the api nodes of one deployment share. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,60}$/)
  REALTIME_CHANNEL = 'fellesplan';

  /** A device's presence is forgotten this long after its last heartbeat. */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  PRESENCE_TIMEOUT_MS = 30_000;

  /**
   * How many goals and tasks each node keeps, in all, of its most recently loaded large plans (40
   * goals and tasks or more), by revision, so that loading one of them again reads no list while
   * it has not changed (plans/plan-lists-cache.ts); about 1 KB of memory each. 0: none.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PLAN_LISTS_CACHE_ROWS = 20_000;

  /**
   * With several nodes, each tells the others it is alive this often; a node not heard from for
   * three intervals has lapsed, and the presence of its devices is dropped on the others.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REALTIME_NODE_HEARTBEAT_MS = 2000;

  /**
   * How often a node compares the revision it has delivered for each plan with sockets on it
   * against the database (one query for all of them), so a revision whose node died before
   * publishing it still arrives on a quiet plan.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REALTIME_REVISION_CHECK_MS = 5000;

  /**
   * How often each node sweeps shared texts (issue 15): writes to the field a settle that a dead
   * node left undone, and compacts stored updates into snapshots. 0 turns the sweep off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHARED_TEXT_SWEEP_MS = 5000;

  /** A shared text's stored updates are compacted into its snapshot once this many of them are in its field. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHARED_TEXT_COMPACT_ROWS = 50;

  /** How often the outbox is swept for work a node left undone (a crash after commit). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_POLL_MS = 10_000;

  /**
   * Tests only (refused in production): the process kills itself with SIGKILL right after
   * committing a plan change whose `<entityType>.<action>` matches (e.g. `task.created`), before
   * anything that follows the commit runs.
   */
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/)
  TEST_KILL_AFTER_COMMIT?: string;

  /** Per-socket rate limit: events per second (token bucket refill) and burst (bucket size). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_RATE_PER_SECOND = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_RATE_BURST = 60;

  /** Directory of the built web app to serve at /. */
  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get dataDir(): string {
    return resolve(this.DATA_DIR);
  }

  get shouldSeedDemo(): boolean {
    return this.SEED_DEMO ? this.SEED_DEMO === 'true' : !this.DATABASE_URL;
  }

  get trustProxy(): string | number {
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  get publicUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  /** Now, by the app's clock (TEST_CLOCK_OFFSET_MS moves it in tests). */
  now(): Date {
    return new Date(Date.now() + (this.TEST_CLOCK_OFFSET_MS ?? 0));
  }

  get oidcEnabled(): boolean {
    return Boolean(this.OIDC_ISSUER && this.OIDC_CLIENT_ID);
  }

  get oidcTokenAuthMethod(): NonNullable<AppConfig['OIDC_TOKEN_AUTH_METHOD']> {
    return this.OIDC_TOKEN_AUTH_METHOD ?? (this.OIDC_CLIENT_SECRET ? 'client_secret_post' : 'none');
  }
}

/** Development secrets live in DATA_DIR/secrets.json, made on first start. */
function developmentSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = { JWT_SECRET: randomBytes(48).toString('base64url') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = { ...env };
  const production = env.NODE_ENV === 'production';
  if (!production && !raw.JWT_SECRET) {
    Object.assign(raw, developmentSecrets(resolve(env.DATA_DIR ?? '.data')));
  }
  const config = plainToInstance(AppConfig, raw, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
  lines.push(...oidcProblems(config));
  if (config.TEST_KILL_AFTER_COMMIT && config.isProduction)
    lines.push('TEST_KILL_AFTER_COMMIT: a test hook; must not be set in production');
  if (config.TEST_CLOCK_OFFSET_MS !== undefined && config.isProduction)
    lines.push('TEST_CLOCK_OFFSET_MS: a test hook; must not be set in production');
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

/** The OpenID Connect settings that only make sense together; each problem is one line of the boot error. */
function oidcProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_PRIVATE_KEY: privateKey } = config;
  const insecure = config.OIDC_ALLOW_INSECURE === 'true';
  if (issuer && !clientId) problems.push('OIDC_CLIENT_ID: must be set when OIDC_ISSUER is (the client registered at the provider)');
  if (clientId && !issuer) problems.push('OIDC_ISSUER: must be set when OIDC_CLIENT_ID is (the provider the client is registered at)');
  if (issuer && !/^https:\/\/[^/]/.test(issuer) && !(insecure && /^http:\/\/[^/]/.test(issuer))) {
    problems.push('OIDC_ISSUER: must be an https:// URL');
  }
  if (insecure && config.isProduction) {
    problems.push('OIDC_ALLOW_INSECURE: must not be true in production; plain-http identity providers are for tests only');
  }
  const method = config.oidcTokenAuthMethod;
  if ((method === 'client_secret_post' || method === 'client_secret_basic') && !config.OIDC_CLIENT_SECRET) {
    problems.push(`OIDC_CLIENT_SECRET: required with OIDC_TOKEN_AUTH_METHOD=${method}`);
  }
  if (method === 'private_key_jwt' && !privateKey) {
    problems.push('OIDC_PRIVATE_KEY: required with OIDC_TOKEN_AUTH_METHOD=private_key_jwt (a private JWK as JSON, with kid)');
  } else if (method === 'private_key_jwt' && privateKey) {
    try {
      parseOidcPrivateKey(privateKey);
    } catch (error) {
      problems.push(`OIDC_PRIVATE_KEY: ${(error as Error).message}`);
    }
  } else if (privateKey) {
    problems.push(`OIDC_PRIVATE_KEY: is set, but OIDC_TOKEN_AUTH_METHOD is ${method}; set it to private_key_jwt or remove the key`);
  }
  return problems;
}
