/**
 * The fetcher against real servers on loopback, one rule per test: loopback refused without the
 * allow list and let through with it (CABLEDESK_FETCH_ALLOW or the option); other schemes, IPv4
 * forms and IPv4-mapped IPv6 literals refused; any non-public address of a name refused; redirects
 * re-checked (to a private address, to a port not allowed, to another scheme) and limited; body
 * size limited (declared, streamed, compressed); total time limited (a server that never answers);
 * the connection goes to the address checked (a name only our resolver knows; one resolution per
 * hop; the Host header and TLS server name stay the name); statuses like 410 are answers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import {
  FetchError,
  FetchNetworkError,
  FetchRefused,
  FetchTimeout,
  FetchTooLarge,
  FetchTooManyRedirects,
  safeFetch,
} from './fetch.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  port: number;
  /** Requests seen: method, path, Host header, the server-side address the client reached. */
  seen: { method: string; path: string; host: string; localAddress: string; userAgent: string }[];
  close(): Promise<void>;
}

function record(server: http.Server, seen: TestServer['seen'], handler: Handler): void {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      host: req.headers.host ?? '',
      localAddress: req.socket.localAddress ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    });
    handler(req, res);
  });
}

async function listen(server: http.Server, seen: TestServer['seen']): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(handler: Handler): Promise<TestServer> {
  const server = http.createServer();
  const seen: TestServer['seen'] = [];
  record(server, seen, handler);
  return listen(server, seen);
}

function html(res: http.ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}

/** A resolver that knows some test names and counts its calls. */
function testResolver(names: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const addresses = names[hostname];
    if (!addresses) throw Object.assign(new Error(`unknown ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, calls };
}

async function refusal(promise: Promise<unknown>): Promise<FetchRefused> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FetchRefused, `expected FetchRefused, got ${String(error)}`);
  return error;
}

describe('safeFetch', () => {
  let site: TestServer;
  let allow: string;
  before(async () => {
    site = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/gone') return html(res, 'gone', 410);
      if (url.pathname === '/to-private') {
        res.writeHead(302, { location: 'http://10.0.0.1/admin' });
        return res.end();
      }
      if (url.pathname === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        return res.end();
      }
      if (url.pathname.startsWith('/hop/')) {
        const n = Number(url.pathname.slice(5));
        if (n === 0) return html(res, 'arrived');
        res.writeHead(301, { location: `/hop/${n - 1}` });
        return res.end();
      }
      if (url.pathname === '/forever') {
        res.writeHead(302, { location: `/forever?${Number(url.searchParams.get('n') ?? 0) + 1}` });
        return res.end();
      }
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const push = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', push);
          }
          res.end();
        };
        return push();
      }
      if (url.pathname === '/big-declared') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5_000_000) });
        return res.end();
      }
      if (url.pathname === '/bomb') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(zlib.gzipSync(Buffer.alloc(5_000_000, ' ')));
      }
      if (url.pathname === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
        return res.end(zlib.gzipSync('<p>compressed é</p>'));
      }
      if (url.pathname === '/latin1') {
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        return res.end(Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]));
      }
      if (url.pathname === '/meta-charset') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(
          Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from([0x93, 0x94])]),
        );
      }
      if (url.pathname === '/image') {
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.alloc(10));
      }
      if (url.pathname === '/post-here' && req.method === 'POST') {
        res.writeHead(303, { location: '/hop/0' });
        return res.end();
      }
      if (url.pathname === '/echo') {
        return html(res, `${req.method} ${req.headers['x-test'] ?? ''} ${req.headers.authorization ?? ''}`);
      }
      html(res, '<a href="https://cabledesk.example/cable/06MOSCOW1323">cable</a>');
    });
    allow = `127.0.0.1:${site.port}`;
  });
  after(async () => {
    await site?.close();
  });

  test('loopback is refused without the allow list, and nothing is sent', async () => {
    const before = site.seen.length;
    const error = await refusal(safeFetch(`http://127.0.0.1:${site.port}/`, { allow: '' }));
    assert.equal(error.reason, 'address 127.0.0.1 is loopback');
    assert.equal(error.code, 'refused');
    assert.equal(site.seen.length, before, 'no request reached the server');
  });

  test('a name that resolves to loopback is refused (localhost)', async () => {
    const error = await refusal(safeFetch(`http://localhost:${site.port}/`, { allow: '' }));
    assert.match(error.reason, /^address (127\.0\.0\.1|::1) is loopback \(localhost resolves to it\)$/);
  });

  test('a name with any non-public address is refused, even with public ones beside it', async () => {
    const { resolve } = testResolver({ 'mixed.test': ['93.184.215.14', '10.1.2.3'] });
    const error = await refusal(safeFetch('http://mixed.test/', { allow: '', resolve }));
    assert.equal(error.reason, 'address 10.1.2.3 is private (mixed.test resolves to it)');
  });

  test('CABLEDESK_FETCH_ALLOW lets a host:port through', async () => {
    const saved = process.env['CABLEDESK_FETCH_ALLOW'];
    process.env['CABLEDESK_FETCH_ALLOW'] = `other.test:1, 127.0.0.1:${site.port}`;
    try {
      const res = await safeFetch(`http://127.0.0.1:${site.port}/`);
      assert.equal(res.status, 200);
      assert.equal(res.contentType, 'text/html');
      assert.match(res.body!, /06MOSCOW1323/);
      assert.equal(res.address, '127.0.0.1');
      assert.equal(res.url, `http://127.0.0.1:${site.port}/`);
      assert.deepEqual(res.redirects, []);
      assert.match(site.seen.at(-1)!.userAgent, /^cabledesk\//, 'the User-Agent names cabledesk');
      process.env['CABLEDESK_FETCH_ALLOW'] = `127.0.0.1:${site.port + 1}`;
      await refusal(safeFetch(`http://127.0.0.1:${site.port}/`));
    } finally {
      if (saved === undefined) delete process.env['CABLEDESK_FETCH_ALLOW'];
      else process.env['CABLEDESK_FETCH_ALLOW'] = saved;
    }
  });

  test('only http and https', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.org/',
      'gopher://127.0.0.1:70/',
      'data:text/html,hi',
    ]) {
      assert.match((await refusal(safeFetch(url, { allow }))).reason, /^scheme \w+ is not allowed/, url);
    }
    await refusal(safeFetch('not a url'));
    await refusal(safeFetch(`http://user:pw@127.0.0.1:${site.port}/`, { allow }));
  });

  test('IPv4-mapped IPv6 literals and odd IPv4 spellings are classified as what they are', async () => {
    const mapped = await refusal(safeFetch(`http://[::ffff:127.0.0.1]:${site.port}/`, { allow: '' }));
    assert.equal(mapped.reason, 'address ::ffff:7f00:1 is loopback (IPv4-mapped 127.0.0.1)');
    assert.match((await refusal(safeFetch('http://[::1]/'))).reason, /^address ::1 is loopback/);
    assert.match((await refusal(safeFetch('http://[fe80::1]/'))).reason, /is link-local/);
    assert.match((await refusal(safeFetch('http://169.254.169.254/latest/'))).reason, /is link-local/);
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/']) {
      assert.equal((await refusal(safeFetch(url))).reason, 'address 127.0.0.1 is loopback', url);
    }
    assert.match((await refusal(safeFetch('http://0.0.0.0:8080/'))).reason, /is this network/);
  });

  test('a redirect to a private address is refused', async () => {
    const error = await refusal(safeFetch(`http://127.0.0.1:${site.port}/to-private`, { allow }));
    assert.equal(error.reason, 'address 10.0.0.1 is private');
  });

  test('a redirect to a port that is not allowed is refused before connecting', async () => {
    const other = await serve((_req, res) => html(res, 'secret'));
    try {
      const redirecting = await serve((_req, res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${other.port}/` });
        res.end();
      });
      try {
        await refusal(
          safeFetch(`http://127.0.0.1:${redirecting.port}/`, { allow: `127.0.0.1:${redirecting.port}` }),
        );
        assert.equal(other.seen.length, 0);
      } finally {
        await redirecting.close();
      }
    } finally {
      await other.close();
    }
  });

  test('a redirect to another scheme is refused', async () => {
    const error = await refusal(safeFetch(`http://127.0.0.1:${site.port}/to-file`, { allow }));
    assert.match(error.reason, /^scheme file is not allowed/);
  });

  test('redirects are followed up to the limit, and no further', async () => {
    const res = await safeFetch(`http://127.0.0.1:${site.port}/hop/5`, { allow });
    assert.equal(res.body, 'arrived');
    assert.equal(res.redirects.length, 5);
    assert.equal(res.url, `http://127.0.0.1:${site.port}/hop/0`);
    const before = site.seen.length;
    const error = await safeFetch(`http://127.0.0.1:${site.port}/forever`, { allow, maxRedirects: 3 }).catch(
      (e) => e,
    );
    assert.ok(error instanceof FetchTooManyRedirects, String(error));
    assert.equal(site.seen.length - before, 4, 'the first request and three redirects');
    assert.ok(
      (await safeFetch(`http://127.0.0.1:${site.port}/hop/6`, { allow }).catch((e) => e)) instanceof
        FetchTooManyRedirects,
      'six redirects are one too many by default',
    );
  });

  test('bodies over the limit are cut off: declared, streamed, and decompressed', async () => {
    for (const path of ['/big', '/big-declared', '/bomb']) {
      const started = Date.now();
      const error = await safeFetch(`http://127.0.0.1:${site.port}${path}`, { allow }).catch((e) => e);
      assert.ok(error instanceof FetchTooLarge, `${path}: ${String(error)}`);
      assert.ok(Date.now() - started < 3000);
    }
    const small = await safeFetch(`http://127.0.0.1:${site.port}/`, { allow, maxBytes: 10 }).catch((e) => e);
    assert.ok(small instanceof FetchTooLarge);
  });

  test('a server that never answers times out', async () => {
    const silent = await serve(() => {});
    try {
      const started = Date.now();
      const error = await safeFetch(`http://127.0.0.1:${silent.port}/`, {
        allow: `127.0.0.1:${silent.port}`,
        timeoutMs: 200,
      }).catch((e) => e);
      assert.ok(error instanceof FetchTimeout, String(error));
      assert.equal(error.code, 'timeout');
      const took = Date.now() - started;
      assert.ok(took >= 190 && took < 1500, `took ${took} ms`);
    } finally {
      await silent.close();
    }
  });

  test('a body that trickles past the deadline times out too', async () => {
    const slow = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const error = await safeFetch(`http://127.0.0.1:${slow.port}/`, {
        allow: `127.0.0.1:${slow.port}`,
        timeoutMs: 200,
      }).catch((e) => e);
      assert.ok(error instanceof FetchTimeout, String(error));
    } finally {
      await slow.close();
    }
  });

  test('the connection goes to the checked address, resolved once per hop', async () => {
    const { resolve, calls } = testResolver({ 'blog.example.test': ['127.0.0.1'] });
    const before = site.seen.length;
    const res = await safeFetch(`http://blog.example.test:${site.port}/hop/2`, {
      allow: `blog.example.test:${site.port}`,
      resolve,
    });
    assert.equal(res.body, 'arrived');
    assert.deepEqual(
      calls,
      ['blog.example.test', 'blog.example.test', 'blog.example.test'],
      'one lookup per hop',
    );
    assert.equal(res.address, '127.0.0.1');
    const seen = site.seen.slice(before);
    assert.equal(seen.length, 3);
    for (const request of seen) {
      assert.equal(request.host, `blog.example.test:${site.port}`, 'Host is the name');
      assert.equal(request.localAddress, '127.0.0.1', 'the socket reached the checked address');
    }
  });

  test('every hop is resolved and checked again: a redirect to a name with a private address', async () => {
    const { resolve, calls } = testResolver({ 'a.test': ['127.0.0.1'], 'b.test': ['192.168.0.10'] });
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: `http://b.test:${site.port}/` });
      res.end();
    });
    try {
      const error = await refusal(
        safeFetch(`http://a.test:${redirecting.port}/`, { allow: `a.test:${redirecting.port}`, resolve }),
      );
      assert.equal(error.reason, 'address 192.168.0.10 is private (b.test resolves to it)');
      assert.deepEqual(calls, ['a.test', 'b.test']);
    } finally {
      await redirecting.close();
    }
  });

  test('HTTP statuses are answers: 410 is returned, not thrown', async () => {
    const res = await safeFetch(`http://127.0.0.1:${site.port}/gone`, { allow });
    assert.equal(res.status, 410);
    assert.equal(res.body, 'gone');
  });

  test('bodies are read for text types only and decoded by their charset', async () => {
    const image = await safeFetch(`http://127.0.0.1:${site.port}/image`, { allow });
    assert.equal(image.contentType, 'image/png');
    assert.equal(image.body, null);
    assert.equal((await safeFetch(`http://127.0.0.1:${site.port}/latin1`, { allow })).body, '<p>é</p>');
    assert.equal(
      (await safeFetch(`http://127.0.0.1:${site.port}/meta-charset`, { allow })).body,
      '<meta charset="windows-1252"><p>\u201c\u201d',
    );
    assert.equal(
      (await safeFetch(`http://127.0.0.1:${site.port}/gzip`, { allow })).body,
      '<p>compressed é</p>',
    );
    const head = await safeFetch(`http://127.0.0.1:${site.port}/`, { allow, method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
  });

  test('POST, 303 to GET; extra headers kept on the same origin', async () => {
    const res = await safeFetch(`http://127.0.0.1:${site.port}/post-here`, {
      allow,
      method: 'POST',
      body: 'source=a&target=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.body, 'arrived');
    assert.deepEqual(
      site.seen.slice(-2).map((r) => r.method),
      ['POST', 'GET'],
    );
    const echo = await safeFetch(`http://127.0.0.1:${site.port}/echo`, {
      allow,
      headers: { 'x-test': 'yes', authorization: 'Bearer t' },
    });
    assert.equal(echo.body, 'GET yes Bearer t');
  });

  test('ports of other services are refused (unless allowed)', async () => {
    const { resolve } = testResolver({ 'mail.test': ['93.184.215.14'] });
    for (const port of [25, 22, 6667, 10080]) {
      assert.equal(
        (await refusal(safeFetch(`http://mail.test:${port}/`, { resolve }))).reason,
        `port ${port} is not fetched from`,
      );
    }
    const closed = await safeFetch('http://127.0.0.1:25/', { allow: '127.0.0.1:25', timeoutMs: 1000 }).catch(
      (e) => e,
    );
    assert.ok(!(closed instanceof FetchRefused), 'an allowed host:port is not refused for its port');
  });

  test('the time limit covers name resolution; a caller abort ends the fetch', async () => {
    const hanging = () => new Promise<LookupAddress[]>(() => {});
    const error = await safeFetch('http://slow-dns.test/', { resolve: hanging, timeoutMs: 100 }).catch(
      (e) => e,
    );
    assert.ok(error instanceof FetchTimeout, String(error));
    const silent = await serve(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('shutting down')), 50);
      const aborted = await safeFetch(`http://127.0.0.1:${silent.port}/`, {
        allow: `127.0.0.1:${silent.port}`,
        signal: controller.signal,
      }).catch((e) => e);
      assert.equal((aborted as Error).message, 'shutting down');
    } finally {
      await silent.close();
    }
  });

  test('the Host header cannot be replaced by the caller', async () => {
    await safeFetch(`http://127.0.0.1:${site.port}/echo`, { allow, headers: { Host: 'internal.example' } });
    assert.equal(site.seen.at(-1)!.host, `127.0.0.1:${site.port}`);
  });

  test('network failures are FetchNetworkError', async () => {
    const closed = await serve(() => {});
    const port = closed.port;
    await closed.close();
    const refused = await safeFetch(`http://127.0.0.1:${port}/`, { allow: `127.0.0.1:${port}` }).catch(
      (e) => e,
    );
    assert.ok(refused instanceof FetchNetworkError, String(refused));
    const unknown = await safeFetch('http://no-such-name.invalid/', {
      resolve: testResolver({}).resolve,
    }).catch((e) => e);
    assert.ok(unknown instanceof FetchNetworkError, String(unknown));
    assert.match(unknown.message, /cannot resolve no-such-name\.invalid \(ENOTFOUND\)/);
    assert.ok(unknown instanceof FetchError);
  });
});

describe('safeFetch over https', () => {
  let dir: string | undefined;
  let server: https.Server | undefined;
  let port = 0;
  let cert = '';
  const seen: TestServer['seen'] = [];
  const servernames: string[] = [];
  let openssl = true;
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    openssl = false;
  }
  const skip = openssl ? false : 'SKIPPED: openssl is needed to make a test certificate';

  before(async () => {
    if (!openssl) return;
    dir = mkdtempSync(join(tmpdir(), 'cabledesk-fetch-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=blog.example.test',
        '-addext',
        'subjectAltName=DNS:blog.example.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert });
    server.on('secureConnection', (socket) =>
      servernames.push((socket as { servername?: string }).servername ?? ''),
    );
    record(server as unknown as http.Server, seen, (_req, res) => html(res, '<p>secure</p>'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('TLS to the checked address with the name as server name; http -> https redirect', {
    skip,
  }, async () => {
    const { resolve, calls } = testResolver({ 'blog.example.test': ['127.0.0.1'] });
    const res = await safeFetch(`https://blog.example.test:${port}/`, {
      allow: `blog.example.test:${port}`,
      resolve,
      ca: cert,
    });
    assert.equal(res.body, '<p>secure</p>');
    assert.equal(res.address, '127.0.0.1');
    assert.deepEqual(calls, ['blog.example.test']);
    assert.equal(servernames.at(-1), 'blog.example.test', 'SNI is the name');
    assert.equal(seen.at(-1)!.host, `blog.example.test:${port}`);

    const plain = await serve((_req, r) => {
      r.writeHead(301, { location: `https://blog.example.test:${port}/` });
      r.end();
    });
    try {
      const redirected = await safeFetch(`http://blog.example.test:${plain.port}/`, {
        allow: `blog.example.test:${plain.port},blog.example.test:${port}`,
        resolve,
        ca: cert,
      });
      assert.equal(redirected.body, '<p>secure</p>');
      assert.deepEqual(redirected.redirects, [`https://blog.example.test:${port}/`]);
    } finally {
      await plain.close();
    }
  });

  test('a certificate for another name fails as a network error', { skip }, async () => {
    const { resolve } = testResolver({ 'other.example.test': ['127.0.0.1'] });
    const error = await safeFetch(`https://other.example.test:${port}/`, {
      allow: `other.example.test:${port}`,
      resolve,
      ca: cert,
    }).catch((e) => e);
    assert.ok(error instanceof FetchNetworkError, String(error));
  });
});
