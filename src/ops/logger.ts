/**
 * Structured logs: one line per event on standard error, either JSON (`{"time","level","pid",
 * "msg",...fields}`, for machines: journald, Loki, jq) or a short readable line (`pretty`, for a
 * terminal). Levels debug < info < warn < error; `silent` writes nothing (tests). A child logger
 * adds fixed fields (e.g. the request id) to every line it writes.
 */

export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  format?: LogFormat;
  level?: LogLevel;
  /** Where lines go (default: standard error). Each call gets one line ending in `\n`. */
  write?: (line: string) => void;
  /** The clock, for tests. */
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** An Error as plain fields (message, and the stack for debugging); anything else as is. */
function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function jsonLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const out: LogFields = { time: time.toISOString(), level, pid: process.pid, msg };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && !(key in out)) out[key] = plain(value);
  }
  return `${JSON.stringify(out)}\n`;
}

/** `12:00:01.234 INFO  GET /cable/X 200 3.1ms requestId=... pid=...`: fields after the message. */
function prettyLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const parts = [time.toISOString().slice(11, 23), level.toUpperCase().padEnd(5), msg];
  let stack = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value instanceof Error) {
      parts.push(`${key}=${JSON.stringify(value.message)}`);
      stack = `\n${value.stack ?? ''}`;
    } else {
      parts.push(
        `${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`,
      );
    }
  }
  parts.push(`pid=${process.pid}`);
  return `${parts.join(' ')}${stack}\n`;
}

export function createLogger(options: LoggerOptions = {}, fields: LogFields = {}): Logger {
  const level = options.level ?? 'info';
  const format = options.format ?? 'json';
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const min = RANK[level];
  const emit = (at: LogLevel) => (msg: string, extra?: LogFields) => {
    if (RANK[at] < min) return;
    const all = extra ? { ...fields, ...extra } : fields;
    write(format === 'json' ? jsonLine(now(), at, msg, all) : prettyLine(now(), at, msg, all));
  };
  return {
    level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (more) => createLogger(options, { ...fields, ...more }),
  };
}

/** A logger that writes nothing (the default of the app in tests). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
