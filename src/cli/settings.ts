/**
 * Settings of a long-running command from four places, in this order of precedence: command-line
 * flags, environment variables, a JSON config file (`--config FILE` or the variable named by
 * `configEnv`), and defaults. Each setting says its flag, variable, file key, how to read a value
 * and its help line; every value is checked, and a mistake is a CliError naming where it came from
 * and why (`CABLEDESK_PORT: must be a whole number from 0 to 65535 (got "80a")`, `config file
 * x.json: unknown key "prot" (did you mean "port"?)`). The help lists every setting.
 */
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { parseCommandArgs } from './args.ts';
import { CliError } from './cli-error.ts';

/** Reads one value. `text` is true for flags and environment variables (always strings). Throws a reason. */
export type Reader<T> = (value: unknown, text: boolean) => T;

export interface Setting<T> {
  /** `--port` without dashes; none for secrets (they would show in `ps`). */
  flag?: string;
  short?: string;
  /** A boolean flag that turns the setting off (`--no-sample`). */
  negated?: boolean;
  /** The placeholder in the help (`N`, `URL`). */
  placeholder?: string;
  env?: string;
  read: Reader<T>;
  default: T;
  help: string;
}

export type SettingsSpec<S> = { [K in keyof S]: Setting<S[K]> };
export type Source = 'flag' | 'env' | 'file' | 'default';

export interface Resolved<S> {
  values: S;
  /** Where each value came from. */
  sources: Record<keyof S, Source>;
  /** The config file read, if any. */
  file: string | null;
}

/** A mistake in a value: the reader's message, without where it came from. */
export class SettingError extends Error {}

const show = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));

// Readers

export function integer(min: number, max: number): Reader<number> {
  return (value, text) => {
    const n = text && typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw new SettingError(`must be a whole number from ${min} to ${max} (got ${show(value)})`);
    }
    return n;
  };
}

export const boolean: Reader<boolean> = (value, text) => {
  if (typeof value === 'boolean') return value;
  if (text && typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
  }
  throw new SettingError(`must be true or false (got ${show(value)})`);
};

export function oneOf<const T extends string>(values: readonly T[]): Reader<T> {
  return (value) => {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    throw new SettingError(`must be one of ${values.join(', ')} (got ${show(value)})`);
  };
}

export function text(check?: (value: string) => string): Reader<string> {
  return (value) => {
    if (typeof value !== 'string') throw new SettingError(`must be a string (got ${show(value)})`);
    return check ? check(value) : value;
  };
}

/** An optional string: empty means unset. */
export function optionalText(check?: (value: string) => string): Reader<string | undefined> {
  const read = text(check);
  return (value, fromText) => (value === '' || value === null ? undefined : read(value, fromText));
}

/** A list: comma-separated in flags and variables, an array of strings (or that text) in the file. */
export const list: Reader<string[]> = (value) => {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((s) => typeof s !== 'string')) {
    throw new SettingError(`must be a list of strings (got ${show(value)})`);
  }
  return items.map((s: string) => s.trim()).filter(Boolean);
};

/** Any JSON value (JSON text in a variable), checked by `check`. */
export function json<T>(check: (value: unknown) => T): Reader<T> {
  return (value, fromText) => {
    let parsed = value;
    if (fromText) {
      try {
        parsed = JSON.parse(String(value));
      } catch {
        throw new SettingError('is not valid JSON');
      }
    }
    return check(parsed);
  };
}

// Resolution

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = kept;
    }
  }
  return row[b.length]!;
}

function didYouMean(key: string, keys: string[]): string {
  const near = keys
    .map((k) => [k, editDistance(key.toLowerCase(), k.toLowerCase())] as const)
    .sort((a, b) => a[1] - b[1])[0];
  return near && near[1] <= 2 ? ` (did you mean "${near[0]}"?)` : ` (known keys: ${keys.join(', ')})`;
}

function readConfigFile(path: string): Record<string, unknown> {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`config file ${path}: cannot read it (${code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new CliError(`config file ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`config file ${path}: must hold one JSON object of settings`);
  }
  return parsed as Record<string, unknown>;
}

export interface ResolveOptions {
  command: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** The variable naming a config file (e.g. CABLEDESK_CONFIG). */
  configEnv: string;
}

/** The settings of `spec` from flags, environment, config file and defaults, all checked. */
export function resolveSettings<S>(spec: SettingsSpec<S>, options: ResolveOptions): Resolved<S> {
  const env = options.env ?? process.env;
  const entries = Object.entries(spec) as [keyof S & string, Setting<unknown>][];
  const flagOptions: NonNullable<ParseArgsConfig['options']> = { config: { type: 'string' } };
  for (const [, s] of entries) {
    if (!s.flag) continue;
    flagOptions[s.flag] = { type: s.negated ? 'boolean' : 'string', ...(s.short ? { short: s.short } : {}) };
  }
  const { values: flags, positionals } = parseCommandArgs(options.command, options.argv, flagOptions);
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);

  const configPath = (flags['config'] as string | undefined) ?? (env[options.configEnv] || undefined);
  const file = configPath ? readConfigFile(configPath) : {};
  const keys = entries.map(([key]) => key);
  for (const key of Object.keys(file)) {
    if (!keys.includes(key as keyof S & string)) {
      throw new CliError(`config file ${configPath}: unknown key "${key}"${didYouMean(key, keys)}`);
    }
  }

  const values = {} as Record<string, unknown>;
  const sources = {} as Record<string, Source>;
  for (const [key, s] of entries) {
    const flag = s.flag ? flags[s.flag] : undefined;
    const fromEnv = s.env ? env[s.env] : undefined;
    let where: string;
    let raw: unknown;
    let source: Source;
    if (flag !== undefined) {
      [where, raw, source] = [`--${s.flag}`, s.negated ? !flag : flag, 'flag'];
    } else if (fromEnv !== undefined && fromEnv !== '') {
      [where, raw, source] = [s.env!, fromEnv, 'env'];
    } else if (key in file) {
      [where, raw, source] = [`config file ${configPath}: key "${key}"`, file[key], 'file'];
    } else {
      values[key] = s.default;
      sources[key] = 'default';
      continue;
    }
    try {
      values[key] = s.negated && source === 'flag' ? raw : s.read(raw, source !== 'file');
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      throw new CliError(`${where}: ${error.message}`);
    }
    sources[key] = source;
  }
  return { values: values as S, sources: sources as Record<keyof S, Source>, file: configPath ?? null };
}

/** The help lines: each setting's flag, variable and file key, then what it does. */
export function settingsHelp<S>(spec: SettingsSpec<S>): string {
  const lines: string[] = [];
  for (const [key, s] of Object.entries(spec) as [string, Setting<unknown>][]) {
    const flag = s.flag
      ? `${s.short ? `-${s.short}, ` : ''}--${s.flag}${s.negated ? '' : ` ${s.placeholder ?? 'VALUE'}`}`
      : '(no flag)';
    const where = [s.env, `"${key}"`].filter(Boolean).join(', ');
    lines.push(`  ${flag}   [${where}]`);
    lines.push(`        ${s.help}`);
  }
  return lines.join('\n');
}
