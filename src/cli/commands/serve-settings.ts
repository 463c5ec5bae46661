/**
 * The settings of `cabledesk serve`: each with its flag, environment variable and config file key
 * (see ../settings.ts for the precedence and the checks). The existing variables (CABLEDESK_DB,
 * CABLEDESK_TRUSTED_PROXIES, CABLEDESK_OIDC_PROVIDERS) keep their meaning.
 */
import { availableParallelism } from 'node:os';
import { checkProviders, type OidcProviderConfig } from '../../discuss/oidc.ts';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../../ops/logger.ts';
import { DEFAULT_DB, isDbUrl } from '../db-option.ts';
import {
  boolean,
  integer,
  json,
  list,
  oneOf,
  optionalText,
  type Reader,
  type Resolved,
  resolveSettings,
  SettingError,
  type SettingsSpec,
  settingsHelp,
  text,
} from '../settings.ts';

export interface ServeSettings {
  port: number;
  host: string;
  db: string;
  dbPoolSize: number;
  publicUrl: string | undefined;
  sample: boolean;
  workers: number;
  logFormat: LogFormat;
  logLevel: LogLevel;
  trustedProxies: string[];
  oidcProviders: OidcProviderConfig[];
  metricsToken: string | undefined;
  pageCacheSize: number;
  cacheCheckMs: number;
  shutdownTimeoutMs: number;
  sendLinkbacks: boolean;
  linkbackBlocklist: string[];
}

export const CONFIG_ENV = 'CABLEDESK_CONFIG';

function publicUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return url.origin + url.pathname.replace(/\/+$/, '');
    }
  } catch {
    // reported below
  }
  throw new SettingError(`must be an http(s) address (got ${JSON.stringify(value)})`);
}

/** A number of processes, or `auto`: one per CPU. */
const workers: Reader<number> = (value, fromText) =>
  value === 'auto' ? availableParallelism() : integer(1, 256)(value, fromText);

export const serveSettings: SettingsSpec<ServeSettings> = {
  port: {
    flag: 'port',
    short: 'p',
    placeholder: 'N',
    env: 'CABLEDESK_PORT',
    read: integer(0, 65535),
    default: 3000,
    help: 'port to listen on (default 3000; 0 picks a free port)',
  },
  host: {
    flag: 'host',
    short: 'H',
    placeholder: 'H',
    env: 'CABLEDESK_HOST',
    read: text((v) => {
      if (!/^[A-Za-z0-9.:%-]+$/.test(v))
        throw new SettingError(`must be an address or host name (got ${JSON.stringify(v)})`);
      return v;
    }),
    default: '127.0.0.1',
    help: 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
  },
  db: {
    flag: 'db',
    placeholder: 'URL',
    env: 'CABLEDESK_DB',
    read: text((v) => {
      if (!isDbUrl(v.trim()))
        throw new SettingError(`must be sqlite:PATH or a postgres:// URL (got ${JSON.stringify(v)})`);
      return v.trim();
    }),
    default: DEFAULT_DB,
    help: `the archive: sqlite:PATH (default ${DEFAULT_DB}) or postgres://USER@HOST:PORT/DB`,
  },
  dbPoolSize: {
    flag: 'db-pool-size',
    placeholder: 'N',
    env: 'CABLEDESK_DB_POOL_SIZE',
    read: integer(1, 1000),
    default: 5,
    help: 'PostgreSQL connections per server process at most (default 5)',
  },
  publicUrl: {
    flag: 'public-url',
    placeholder: 'URL',
    env: 'CABLEDESK_PUBLIC_URL',
    read: optionalText(publicUrl),
    default: undefined,
    help: "the site's public address, for permalinks, feeds and citations (default: each request's own)",
  },
  sample: {
    flag: 'no-sample',
    negated: true,
    env: 'CABLEDESK_SAMPLE',
    read: boolean,
    default: true,
    help: 'do not import the bundled sample when the archive is empty (CABLEDESK_SAMPLE=false)',
  },
  workers: {
    flag: 'workers',
    short: 'w',
    placeholder: 'N',
    env: 'CABLEDESK_WORKERS',
    read: workers,
    default: 1,
    help: 'server processes sharing the port (node:cluster; default 1; auto: one per CPU)',
  },
  logFormat: {
    flag: 'log-format',
    placeholder: 'F',
    env: 'CABLEDESK_LOG_FORMAT',
    read: oneOf(LOG_FORMATS),
    default: 'json',
    help: 'json (one object per line, the default) or pretty (for a terminal); logs go to standard error',
  },
  logLevel: {
    flag: 'log-level',
    placeholder: 'L',
    env: 'CABLEDESK_LOG_LEVEL',
    read: oneOf(LOG_LEVELS),
    default: 'info',
    help: 'debug, info (default: one line per request), warn, error or silent',
  },
  trustedProxies: {
    flag: 'trusted-proxies',
    placeholder: 'A,B',
    env: 'CABLEDESK_TRUSTED_PROXIES',
    read: list,
    default: [],
    help: 'reverse proxy addresses whose X-Forwarded-For names the client (comma-separated)',
  },
  oidcProviders: {
    env: 'CABLEDESK_OIDC_PROVIDERS',
    read: json((value) => {
      try {
        return checkProviders(value);
      } catch (error) {
        throw new SettingError((error as Error).message);
      }
    }),
    default: [],
    help: 'OpenID Connect providers for log-in: [{"id","name","issuer","clientId","clientSecret"}]',
  },
  metricsToken: {
    env: 'CABLEDESK_METRICS_TOKEN',
    read: optionalText((v) => {
      if (v.length < 16) throw new SettingError('must be at least 16 characters long');
      return v;
    }),
    default: undefined,
    help: 'opens /metrics to "Authorization: Bearer TOKEN" from any address (else loopback only)',
  },
  pageCacheSize: {
    flag: 'page-cache-size',
    placeholder: 'N',
    env: 'CABLEDESK_PAGE_CACHE_SIZE',
    read: integer(0, 1_000_000),
    default: 1000,
    help: 'rendered pages kept in memory per process (default 1000; 0 renders every request)',
  },
  cacheCheckMs: {
    flag: 'cache-check-ms',
    placeholder: 'MS',
    env: 'CABLEDESK_CACHE_CHECK_MS',
    read: integer(0, 60_000),
    default: 1000,
    help: "how often cached pages are checked against the database's change counters (default 1000 ms)",
  },
  shutdownTimeoutMs: {
    flag: 'shutdown-timeout-ms',
    placeholder: 'MS',
    env: 'CABLEDESK_SHUTDOWN_TIMEOUT_MS',
    read: integer(0, 600_000),
    default: 10_000,
    help: 'on SIGTERM/SIGINT, how long requests in flight may finish (default 10000 ms)',
  },
  sendLinkbacks: {
    env: 'CABLEDESK_SEND_LINKBACKS',
    read: boolean,
    default: false,
    help: 'notify the pages published comments link to (Webmention or Pingback; needs the public URL)',
  },
  linkbackBlocklist: {
    env: 'CABLEDESK_LINKBACK_BLOCKLIST',
    read: list,
    default: [],
    help: 'hosts whose linkbacks are refused, their subdomains too (comma-separated)',
  },
};

export function resolveServeSettings(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Resolved<ServeSettings> {
  return resolveSettings(serveSettings, { command: 'serve', argv, env, configEnv: CONFIG_ENV });
}

export const SERVE_SETTINGS_HELP = settingsHelp(serveSettings);
