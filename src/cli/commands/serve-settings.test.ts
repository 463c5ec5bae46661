/**
 * Tests of the serve settings: flags win over the environment, the environment over the config
 * file, the file over the defaults; every mistake names its source and says why (unknown key,
 * wrong type, bad port, bad JSON); the existing variables keep working; --help lists them all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CliError } from '../cli-error.ts';
import { cabledeskBin } from '../serve-process.ts';
import { resolveServeSettings, serveSettings } from './serve-settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'cabledesk-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function configFile(content: unknown): string {
  const path = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function refused(argv: string[], env: NodeJS.ProcessEnv, message: RegExp): void {
  assert.throws(
    () => resolveServeSettings(argv, env),
    (error: unknown) => error instanceof CliError && error.exitCode === 2 && message.test(error.message),
  );
}

test('defaults when nothing is given', () => {
  const { values, sources } = resolveServeSettings([], {});
  assert.equal(values.port, 3000);
  assert.equal(values.host, '127.0.0.1');
  assert.equal(values.db, 'sqlite:./data/cabledesk.db');
  assert.equal(values.workers, 1);
  assert.equal(values.sample, true);
  assert.equal(values.logFormat, 'json');
  assert.deepEqual(values.trustedProxies, []);
  assert.equal(values.publicUrl, undefined);
  assert.ok(Object.values(sources).every((s) => s === 'default'));
});

test('precedence: flags > environment > config file > defaults', () => {
  const file = configFile({ port: 1111, host: '0.0.0.0', workers: 3, logLevel: 'warn', sample: false });
  const env = { CABLEDESK_CONFIG: file, CABLEDESK_PORT: '2222', CABLEDESK_WORKERS: '2' };
  const { values, sources, file: used } = resolveServeSettings(['--port', '3333'], env);
  assert.equal(used, file);
  assert.equal(values.port, 3333);
  assert.equal(sources.port, 'flag');
  assert.equal(values.workers, 2);
  assert.equal(sources.workers, 'env');
  assert.equal(values.host, '0.0.0.0');
  assert.equal(values.logLevel, 'warn');
  assert.equal(values.sample, false);
  assert.equal(sources.host, 'file');
  assert.equal(values.db, 'sqlite:./data/cabledesk.db');
  // --config wins over CABLEDESK_CONFIG.
  const other = configFile({ port: 4444 });
  assert.equal(resolveServeSettings(['--config', other], { CABLEDESK_CONFIG: file }).values.port, 4444);
});

test('the existing variables keep working', () => {
  const providers = [
    { id: 'ex', name: 'Example', issuer: 'https://id.example.org', clientId: 'c', clientSecret: 's' },
  ];
  const { values } = resolveServeSettings([], {
    CABLEDESK_DB: 'postgres://u@h/db',
    CABLEDESK_TRUSTED_PROXIES: '127.0.0.1, ::1',
    CABLEDESK_OIDC_PROVIDERS: JSON.stringify(providers),
    CABLEDESK_SEND_LINKBACKS: '1',
    CABLEDESK_LINKBACK_BLOCKLIST: 'spam.example, ads.example',
  });
  assert.equal(values.sendLinkbacks, true);
  assert.deepEqual(values.linkbackBlocklist, ['spam.example', 'ads.example']);
  assert.equal(values.db, 'postgres://u@h/db');
  assert.deepEqual(values.trustedProxies, ['127.0.0.1', '::1']);
  assert.deepEqual(values.oidcProviders, providers);
  // The same in a file, as JSON values.
  const file = configFile({ trustedProxies: ['10.0.0.1'], oidcProviders: providers, sample: true });
  const fromFile = resolveServeSettings(['--config', file], {}).values;
  assert.deepEqual(fromFile.trustedProxies, ['10.0.0.1']);
  assert.deepEqual(fromFile.oidcProviders, providers);
});

test('--no-sample, --workers auto, --public-url trimmed', () => {
  const { values } = resolveServeSettings(
    ['--no-sample', '--workers', 'auto', '--public-url', 'https://cables.example.org/'],
    { CABLEDESK_SAMPLE: 'true' },
  );
  assert.equal(values.sample, false);
  assert.ok(values.workers >= 1);
  assert.equal(values.publicUrl, 'https://cables.example.org');
  assert.equal(resolveServeSettings([], { CABLEDESK_SAMPLE: 'no' }).values.sample, false);
});

test('mistakes say where and why', () => {
  refused(['--port', '70000'], {}, /^--port: must be a whole number from 0 to 65535 \(got "70000"\)$/);
  refused([], { CABLEDESK_PORT: '80a' }, /^CABLEDESK_PORT: must be a whole number from 0 to 65535/);
  refused(['--config', configFile({ prot: 80 })], {}, /unknown key "prot" \(did you mean "port"\?\)/);
  refused(['--config', configFile({ zzz: 1 })], {}, /unknown key "zzz" \(known keys: port, host, /);
  refused(['--config', configFile({ port: '80' })], {}, /key "port": must be a whole number .*\(got "80"\)/);
  refused(['--config', configFile({ sample: 'yes' })], {}, /key "sample": must be true or false/);
  refused(['--config', configFile({ logFormat: 'xml' })], {}, /key "logFormat": must be one of json, pretty/);
  refused(
    ['--config', configFile({ trustedProxies: [1] })],
    {},
    /key "trustedProxies": must be a list of strings/,
  );
  refused(['--config', configFile('{ "port": ')], {}, /config file .*: not valid JSON/);
  refused(['--config', configFile([1])], {}, /must hold one JSON object/);
  refused(['--config', join(dir, 'missing.json')], {}, /cannot read it \(ENOENT\)/);
  refused([], { CABLEDESK_DB: 'mysql://x' }, /^CABLEDESK_DB: must be sqlite:PATH or a postgres:\/\/ URL/);
  refused([], { CABLEDESK_OIDC_PROVIDERS: '[{' }, /^CABLEDESK_OIDC_PROVIDERS: is not valid JSON/);
  refused([], { CABLEDESK_OIDC_PROVIDERS: '[{"id":"x"}]' }, /^CABLEDESK_OIDC_PROVIDERS: provider 1: /);
  refused([], { CABLEDESK_METRICS_TOKEN: 'short' }, /at least 16 characters/);
  refused([], { CABLEDESK_SEND_LINKBACKS: 'maybe' }, /^CABLEDESK_SEND_LINKBACKS: must be true or false/);
  refused(['--public-url', 'ftp://x'], {}, /^--public-url: must be an http\(s\) address/);
  refused(['--workers', '0'], {}, /^--workers: must be a whole number from 1 to 256/);
  refused(['--nope'], {}, /Unknown option '--nope'.*cabledesk serve --help/);
  refused(['extra'], {}, /unexpected argument 'extra'/);
});

test('serve --help lists every setting with its flag, variable and key', () => {
  const result = spawnSync(process.execPath, [cabledeskBin, 'serve', '--help'], { encoding: 'utf8' });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /--config FILE/);
  for (const [key, s] of Object.entries(serveSettings)) {
    assert.ok(result.stdout.includes(`"${key}"`), key);
    if (s.env) assert.ok(result.stdout.includes(s.env), s.env);
    if (s.flag) assert.ok(result.stdout.includes(`--${s.flag}`), s.flag);
  }
});

test('a bad config file stops serve with a usage error naming the key', () => {
  const result = spawnSync(process.execPath, [cabledeskBin, 'serve', '--config', configFile({ port: -1 })], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^cabledesk serve: config file .*: key "port": must be a whole number/);
});
