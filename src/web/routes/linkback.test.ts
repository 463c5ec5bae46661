/**
 * Linkbacks end to end, on both databases, with real HTTP servers on loopback: our site (the
 * app with its job runner, as `cabledesk serve` runs it) and small sites on 127.0.0.x playing
 * the blogs (allowed through CABLEDESK_FETCH_ALLOW). Covers every Webmention validation rule,
 * the asynchronous verification (202 -> runner verifies -> pending -> moderator approves -> shown
 * on the page and in the API), paragraph and old-address targets, the host trust rule, update on
 * repeat, removal on 410 and on a removed link, every Pingback fault code, TrackBack (answers,
 * autodiscovery, verification), rate limits, the blocklist (setting and moderators' form), the
 * moderation page, escaping, and sending linkbacks for a published comment (discovery of
 * webmention and pingback endpoints).
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseCable } from '../../cable/parse.ts';
import { Discussion } from '../../discuss/discussion.ts';
import { type LinkbackJobs, startLinkbackJobs } from '../../linkback/jobs.ts';
import { type Page, startTestSite, type TestSite, waitFor } from '../../linkback/test-sites.ts';
import { parseMethodResponse } from '../../linkback/xmlrpc.ts';
import { openStore } from '../../store/open.ts';
import { prepareCable } from '../../store/prepared-cable.ts';
import type { Store } from '../../store/store.ts';
import { dialects, type TestDatabase } from '../../store/test-dialects.ts';
import { type RunningServer, startServer } from '../server.ts';

const REF = '10TESTLINK1';
const CABLE = {
  publishedRefId: REF,
  header: '',
  body:
    'UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL, XX\nSUBJECT: A CABLE TO LINK TO\n\n' +
    '1. (U) First paragraph.\n\n2. (U) Second paragraph.\n\n3. (U) Third paragraph.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy Test',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** A blog post with an h-entry linking to `href`. */
function post(href: string, title = 'A post about the cable', extra = ''): Page {
  return {
    body:
      `<!doctype html><title>Blog</title><article class="h-entry"><h1 class="p-name">${title}</h1>` +
      `<a class="p-author h-card" href="/">Ann Blogger</a>` +
      `<div class="e-content"><p>Read <a href="${href}">this cable</a>, it says a lot.</p>${extra}</div></article>`,
  };
}

const PAGE_WITHOUT_LINK: Page = { body: '<!doctype html><title>Blog</title><p>Nothing to see.</p>' };

for (const dialect of dialects) {
  describe(`linkbacks on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let server: RunningServer;
    let jobs: LinkbackJobs;
    let site: string;
    const blogs: TestSite[] = [];
    let blog: TestSite; // 127.0.0.1
    let cookie = '';
    const savedAllow = process.env['CABLEDESK_FETCH_ALLOW'];

    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
      await store.writeBatch([prepareCable(CABLE, parseCable(CABLE))]);
      await new Discussion(store, { scryptLogN: 10 }).addUser({
        email: 'mod@example.org',
        password: 'moderator password',
        role: 'moderator',
        name: 'Mo',
      });
      for (const host of [
        '127.0.0.1',
        '127.0.0.2',
        '127.0.0.3',
        '127.0.0.4',
        '127.0.0.5',
        '127.0.0.6',
        '127.0.0.7',
      ]) {
        blogs.push(await startTestSite(host));
      }
      blog = blogs[0]!;
      process.env['CABLEDESK_FETCH_ALLOW'] = blogs.map((b) => b.hostPort).join(',');
      const port = await freePort();
      site = `http://127.0.0.1:${port}`;
      jobs = startLinkbackJobs(store, {
        publicUrl: site,
        send: true,
        blockedHosts: ['blocked.example'],
        limits: {
          perAddress: { max: 1000, windowMs: 60_000 },
          perSourceHost: { max: 12, windowMs: 60 * 60_000 },
        },
        runner: { pollMs: 50 },
        onError: () => {},
      });
      server = await startServer({
        store,
        port,
        host: '127.0.0.1',
        publicUrl: site,
        cacheCheckMs: 0,
        linkbacks: jobs.linkbacks,
        onClose: [jobs.stop],
        discussion: { scryptLogN: 10 },
      });
      const login = await fetch(`${site}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: site },
        body: JSON.stringify({ email: 'mod@example.org', password: 'moderator password' }),
      });
      assert.equal(login.status, 200);
      cookie = login.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
    });

    after(async () => {
      await server?.close();
      for (const b of blogs) await b.close();
      await database?.drop();
      if (savedAllow === undefined) delete process.env['CABLEDESK_FETCH_ALLOW'];
      else process.env['CABLEDESK_FETCH_ALLOW'] = savedAllow;
    });

    const cableUrl = (suffix = '') => `${site}/cable/${REF}${suffix}`;

    function webmention(source: string, target: string, type = 'application/x-www-form-urlencoded') {
      return fetch(`${site}/webmention`, {
        method: 'POST',
        headers: { 'Content-Type': type, Origin: 'https://elsewhere.example' },
        body: new URLSearchParams({ source, target }).toString(),
        redirect: 'manual',
      });
    }

    /** The status page a 202 names in its text. */
    async function statusPage(res: Response): Promise<string> {
      return /Status: (\S+)/.exec(await res.text())![1]!;
    }

    function pingback(body: string) {
      return fetch(`${site}/xmlrpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml', Origin: 'https://elsewhere.example' },
        body,
      });
    }

    const pingCall = (source: string, target: string) =>
      `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>` +
      `<param><value><string>${source}</string></value></param>` +
      `<param><value><string>${target}</string></value></param></params></methodCall>`;

    async function fault(body: string): Promise<number | 'ok'> {
      const res = await pingback(body);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/xml/);
      const parsed = parseMethodResponse(await res.text());
      return 'fault' in parsed ? parsed.fault.code : 'ok';
    }

    function trackback(refId: string, fields: Record<string, string>) {
      return fetch(`${site}/trackback/${refId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(fields).toString(),
      });
    }

    async function mentionsApi(moderator = false) {
      const res = await fetch(`${site}/api/cables/${REF}/mentions`, {
        headers: moderator ? { Cookie: cookie } : {},
      });
      assert.equal(res.status, 200);
      return (await res.json()) as {
        mentions: {
          id?: number;
          status?: string;
          kind: string;
          source: string;
          title: string | null;
          excerpt: string | null;
          received: string;
        }[];
      };
    }

    async function moderate(id: number, action: string) {
      const res = await fetch(`${site}/api/moderation/mentions/${id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: site, Cookie: cookie },
        body: JSON.stringify({ action }),
      });
      return { status: res.status, body: (await res.json()) as { id: number; status: string } };
    }

    /** Waits until no linkback job is due or running (retries later in the backoff do not count). */
    async function settled() {
      const db = store.runner;
      await waitFor('the due jobs to be done', async () => {
        const rows = await db.all<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM jobs WHERE state = 'running' OR (state = 'queued' AND run_at <= ?)",
          [Date.now()],
        );
        return Number(rows[0]!.n) === 0;
      });
    }

    const bySource = async (source: string) =>
      (await mentionsApi(true)).mentions.find((m) => m.source === source);

    test('Webmention: every validation rule answers 400', async () => {
      blog.pages.set('/valid', post(cableUrl()));
      const source = `${blog.origin}/valid`;
      const cases: [string, string, string?][] = [
        [source, cableUrl(), 'text/plain'],
        ['', cableUrl()],
        [source, ''],
        ['ftp://blog.example/x', cableUrl()],
        ['javascript:alert(1)', cableUrl()],
        ['not a url', cableUrl()],
        [source, `ftp://127.0.0.1/cable/${REF}`],
        [source, `https://elsewhere.example/cable/${REF}`],
        [source, `${site}/search?q=x`],
        [source, `${site}/cable/${REF}/diff`],
        [source, `${site}/cable/99NOSUCH1`],
        [cableUrl(), cableUrl()],
        [cableUrl('#par2'), cableUrl()],
      ];
      for (const [s, t, type] of cases) {
        const res = await webmention(s, t, type);
        assert.equal(res.status, 400, `${s} -> ${t} (${type ?? 'form'})`);
      }
      assert.equal((await mentionsApi(true)).mentions.length, 0);
    });

    test('Webmention: 202, verified in the background, held, approved, shown on the page and in the API', async () => {
      const source = `${blog.origin}/first`;
      blog.pages.set('/first', post(cableUrl(), 'First <b>post</b> &amp; more', '<script>alert(1)</script>'));
      const res = await webmention(source, cableUrl());
      assert.equal(res.status, 202);
      // Webmention: a Location header comes only with 201 Created; 202 names the status page in its text.
      assert.equal(res.headers.get('location'), null);
      const location = await statusPage(res);
      assert.match(location, new RegExp(`^${site}/webmention/[A-Za-z0-9_-]+$`));
      await settled();
      const status = await (await fetch(location)).text();
      assert.match(status, /data-status="pending"/);
      assert.deepEqual((await mentionsApi()).mentions, [], 'nothing public before approval');
      const held = (await bySource(source))!;
      assert.equal(held.status, 'pending');
      assert.equal(held.kind, 'webmention');
      assert.equal(held.title, 'First post & more');
      assert.ok(blog.received.some((r) => r.path === '/first' && r.method === 'GET'));

      assert.deepEqual(await moderate(held.id!, 'approve'), {
        status: 200,
        body: { id: held.id!, status: 'approved' },
      });
      const shown = (await mentionsApi()).mentions;
      assert.equal(shown.length, 1);
      assert.deepEqual(Object.keys(shown[0]!).sort(), ['excerpt', 'kind', 'received', 'source', 'title']);
      assert.equal(shown[0]!.source, source);
      assert.equal(shown[0]!.excerpt, 'Read this cable, it says a lot.');

      const page = await fetch(cableUrl());
      assert.equal(page.headers.get('link'), `<${site}/webmention>; rel="webmention"`);
      assert.equal(page.headers.get('x-pingback'), `${site}/xmlrpc`);
      const html = await page.text();
      const head = await fetch(cableUrl(), { method: 'HEAD' });
      assert.equal(head.headers.get('link'), `<${site}/webmention>; rel="webmention"`);
      assert.equal(head.headers.get('x-pingback'), `${site}/xmlrpc`);
      assert.match(html, new RegExp(`<link rel="webmention" href="${site}/webmention"`));
      assert.match(html, new RegExp(`<link rel="pingback" href="${site}/xmlrpc"`));
      const mentionsPart = html.slice(html.indexOf('id="mentions-heading"'));
      assert.match(mentionsPart, /First post &amp; more/);
      assert.match(mentionsPart, /by <a href="[^"]+" rel="nofollow ugc noopener">Ann Blogger<\/a>/);
      assert.doesNotMatch(html, /<b>post<\/b>|alert\(1\)/);
      // The old cablegate address shows the same mentions.
      assert.match(await (await fetch(`${site}/cable/2010/01/${REF}.html`)).text(), /First post &amp; more/);
    });

    test('an author with an approved mention is trusted: their next mention is approved after verification', async () => {
      const source = `${blog.origin}/second`;
      blog.pages.set('/second', post(cableUrl(), 'Second post'));
      assert.equal((await webmention(source, cableUrl())).status, 202);
      // Another author on the same host (a platform many write on) is not vouched for.
      const stranger = `${blog.origin}/~stranger/post`;
      blog.pages.set('/~stranger/post', {
        body:
          '<article class="h-entry"><h1 class="p-name">A stranger</h1>' +
          '<a class="p-author h-card" href="/~stranger/">Stranger</a>' +
          `<div class="e-content"><a href="${cableUrl()}">the cable</a></div></article>`,
      });
      assert.equal((await webmention(stranger, cableUrl())).status, 202);
      await settled();
      assert.equal((await bySource(source))?.status, 'approved');
      assert.equal((await bySource(stranger))?.status, 'pending');
    });

    test('a paragraph target, and an old address with a paragraph', async () => {
      const other = blogs[1]!;
      other.pages.set('/par', post(cableUrl('#par2'), 'About paragraph two'));
      assert.equal((await webmention(`${other.origin}/par`, cableUrl('#par2'))).status, 202);
      other.pages.set('/old', post(`${site}/cable/2010/01/${REF}.html#par3`, 'About paragraph three'));
      assert.equal(
        (await webmention(`${other.origin}/old`, `${site}/cable/2010/01/${REF}.html#par3`)).status,
        202,
      );
      // A page linking the whole cable is no link to one of its paragraphs.
      other.pages.set('/wrongpar', post(cableUrl(), 'Whole cable only'));
      assert.equal((await webmention(`${other.origin}/wrongpar`, cableUrl('#par1'))).status, 202);
      await settled();
      assert.equal(await bySource(`${other.origin}/wrongpar`), undefined);
      for (const path of ['/par', '/old']) {
        const m = (await bySource(`${other.origin}${path}`))!;
        assert.equal(m.status, 'pending');
        await moderate(m.id!, 'approve');
      }
      const html = await (await fetch(cableUrl())).text();
      const par2 = html.indexOf('<p id="par2">');
      const note = html.indexOf('class="par-mentions"', par2);
      assert.ok(par2 > 0 && note > par2 && note < html.indexOf('<p id="par3">'), 'the note follows ¶2');
      assert.match(html.slice(note, note + 400), /About paragraph two/);
      const par3 = html.indexOf('<p id="par3">');
      assert.match(html.slice(par3, par3 + 1000), /par-mentions[\s\S]*About paragraph three/);
    });

    test('a repeated webmention re-verifies and updates; 410 or a removed link removes it', async () => {
      const third = blogs[2]!;
      const source = `${third.origin}/changing`;
      third.pages.set('/changing', post(cableUrl(), 'Old title'));
      assert.equal((await webmention(source, cableUrl())).status, 202);
      await settled();
      const first = (await bySource(source))!;
      await moderate(first.id!, 'approve');

      third.pages.set('/changing', post(cableUrl(), 'New title'));
      assert.equal((await webmention(source, cableUrl())).status, 202);
      await settled();
      const updated = (await bySource(source))!;
      assert.equal(updated.id, first.id);
      assert.equal(updated.title, 'New title');
      assert.equal(updated.status, 'approved', 'an approved mention stays approved');
      assert.ok((await mentionsApi()).mentions.some((m) => m.title === 'New title'));

      third.pages.set('/changing', { status: 410, body: 'gone' });
      assert.equal((await webmention(source, cableUrl())).status, 202);
      await settled();
      assert.equal(await bySource(source), undefined, '410 removes');
      assert.ok(!(await (await fetch(cableUrl())).text()).includes('New title'));

      const unlinked = `${third.origin}/unlinked`;
      third.pages.set('/unlinked', post(cableUrl(), 'Linked for now'));
      const res = await webmention(unlinked, cableUrl());
      await settled();
      // The host's only approved mention was removed: it is held again.
      const again = (await bySource(unlinked))!;
      assert.equal(again.status, 'pending');
      await moderate(again.id!, 'approve');
      third.pages.set('/unlinked', PAGE_WITHOUT_LINK);
      assert.equal((await webmention(unlinked, cableUrl())).status, 202);
      await settled();
      assert.equal(await bySource(unlinked), undefined, 'a removed link removes');
      const status = await fetch(await statusPage(res));
      assert.equal(status.status, 404);
      // A source that never linked is not recorded at all.
      const never = `${third.origin}/never`;
      third.pages.set('/never', PAGE_WITHOUT_LINK);
      assert.equal((await webmention(never, cableUrl())).status, 202);
      await settled();
      assert.equal(await bySource(never), undefined);
    });

    test('Pingback: success, and every fault code of the specification', async () => {
      const pb = blogs[3]!;
      pb.pages.set('/ok', post(cableUrl()));
      pb.pages.set('/nolink', PAGE_WITHOUT_LINK);
      pb.pages.set('/down', { status: 503, body: 'down' });
      const ok = await pingback(pingCall(`${pb.origin}/ok`, cableUrl()));
      const okXml = await ok.text();
      assert.match(okXml, /<methodResponse><params><param><value><string>[^<]*registered/);
      assert.equal((await bySource(`${pb.origin}/ok`))?.kind, 'pingback');
      assert.equal((await bySource(`${pb.origin}/ok`))?.status, 'pending');

      assert.equal(await fault('<methodCall><methodName>pingback.ping'), -32700);
      assert.equal(
        await fault(
          '<!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>pingback.ping</methodName></methodCall>',
        ),
        -32700,
      );
      assert.equal(await fault('<methodCall><methodName>wp.getUsers</methodName></methodCall>'), -32601);
      assert.equal(
        await fault(
          '<methodCall><methodName>pingback.ping</methodName><params><param><value>x</value></param></params></methodCall>',
        ),
        0,
      );
      assert.equal(await fault(pingCall(cableUrl(), cableUrl())), 0);
      assert.equal(await fault(pingCall(`${pb.origin}/missing`, cableUrl())), 16);
      assert.equal(await fault(pingCall('ftp://x.example/', cableUrl())), 16);
      assert.equal(await fault(pingCall('http://10.1.2.3/private', cableUrl())), 16);
      assert.equal(await fault(pingCall(`${pb.origin}/nolink`, cableUrl())), 17);
      assert.equal(await fault(pingCall(`${pb.origin}/ok`, `${site}/cable/99NOSUCH1`)), 32);
      assert.equal(await fault(pingCall(`${pb.origin}/ok`, `https://elsewhere.example/cable/${REF}`)), 33);
      assert.equal(await fault(pingCall(`${pb.origin}/ok`, `${site}/search?q=x`)), 33);
      assert.equal(await fault(pingCall(`${pb.origin}/ok`, cableUrl())), 48);
      assert.equal(await fault(pingCall('http://spam.blocked.example/x', cableUrl())), 49);
      assert.equal(await fault(pingCall(`${pb.origin}/down`, cableUrl())), 50);
    });

    test('TrackBack: the exact answers, autodiscovery on the page, verification from the queue', async () => {
      const tb = blogs[4]!;
      tb.pages.set('/tb', post(cableUrl(), 'Page title'));
      tb.pages.set('/tb-nolink', PAGE_WITHOUT_LINK);
      const ok = await trackback(REF, {
        url: `${tb.origin}/tb`,
        title: 'Sent title',
        excerpt: 'Sent <em>excerpt</em>',
        blog_name: 'A Blog',
      });
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type') ?? '', /^text\/xml/);
      assert.equal(
        await ok.text(),
        '<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>',
      );
      const noUrl = await (await trackback(REF, { title: 'x' })).text();
      assert.match(
        noUrl,
        /^<\?xml version="1\.0" encoding="utf-8"\?><response><error>1<\/error><message>[^<]+<\/message><\/response>$/,
      );
      assert.match(
        await (await trackback('99NOSUCH1', { url: `${tb.origin}/tb` })).text(),
        /<error>1<\/error>/,
      );
      assert.match(await (await trackback(REF, { url: 'ftp://x/' })).text(), /<error>1<\/error>/);
      assert.equal(
        await (await trackback(REF, { url: `${tb.origin}/tb-nolink` })).text(),
        '<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>',
      );
      // In the charset the Content-Type names (ISO-8859-1: é is one byte, %E9).
      tb.pages.set('/tb-latin', post(cableUrl(), 'Page title'));
      const latin = await fetch(`${site}/trackback/${REF}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' },
        body: `url=${encodeURIComponent(`${tb.origin}/tb-latin`)}&title=Caf%E9+cr%E8me&blog_name=Le+caf%E9`,
      });
      assert.match(await latin.text(), /<error>0<\/error>/);
      // GET is no ping: 405, POST allowed, the answer in TrackBack's format.
      const get = await fetch(`${site}/trackback/${REF}`);
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      assert.match(await get.text(), /<error>1<\/error><message>[^<]+<\/message>/);
      await settled();
      assert.equal((await bySource(`${tb.origin}/tb-latin`))?.title, 'Café crème');
      const m = (await bySource(`${tb.origin}/tb`))!;
      assert.equal(m.kind, 'trackback');
      assert.equal(m.status, 'pending');
      assert.equal(m.title, 'Sent title', "the sender's title comes first");
      assert.equal(m.excerpt, 'Sent <em>excerpt</em>', 'kept as text, escaped when shown');
      assert.equal(await bySource(`${tb.origin}/tb-nolink`), undefined, 'not linking: dropped');

      const html = await (await fetch(cableUrl())).text();
      const ping = `${site}/trackback/${REF}`;
      assert.match(
        html,
        /Post a comment or leave a trackback: <a href="\/trackback\/10TESTLINK1">Trackback URL<\/a>/,
      );
      const rdf = /<!--\s*(<rdf:RDF[\s\S]*?<\/rdf:RDF>)\s*-->/.exec(html);
      assert.ok(rdf, 'the RDF block in a comment');
      assert.match(
        rdf[1]!,
        /xmlns:trackback="http:\/\/madskills\.com\/public\/xml\/rss\/module\/trackback\/"/,
      );
      assert.match(rdf[1]!, new RegExp(`trackback:ping="${ping}"`));
      assert.match(rdf[1]!, new RegExp(`dc:identifier="${cableUrl()}"`));
      assert.match(rdf[1]!, /dc:title="[^"]*A CABLE TO LINK TO"/);
    });

    test('rate limit per source host (and per address), the blocklist, blocking from the moderation page', async () => {
      const flood = blogs[6]!;
      let last = 0;
      for (let i = 0; i < 13; i++) {
        const res = await webmention(`${flood.origin}/flood${i}`, cableUrl());
        last = res.status;
        if (i < 12) assert.equal(res.status, 202, `mention ${i}`);
        else assert.ok(Number(res.headers.get('retry-after')) > 0);
      }
      assert.equal(last, 429);
      assert.equal(
        await fault(pingCall(`${flood.origin}/flood-pb`, cableUrl())),
        49,
        'pingback: access denied',
      );
      assert.match(await (await trackback(REF, { url: `${flood.origin}/tb` })).text(), /<error>1<\/error>/);
      await settled();

      // Per address, on the object itself (every test request comes from 127.0.0.1).
      const few = startLinkbackJobs(store, {
        limits: { perAddress: { max: 2, windowMs: 60_000 } },
        runner: { pollMs: 60_000 },
      });
      try {
        await few.linkbacks.receiveWebmention(`https://a.example/1`, cableUrl(), site, '192.0.2.9');
        await few.linkbacks.receiveWebmention(`https://b.example/1`, cableUrl(), site, '192.0.2.9');
        await assert.rejects(
          few.linkbacks.receiveWebmention(`https://c.example/1`, cableUrl(), site, '192.0.2.9'),
          { reason: 'rate-limited' },
        );
      } finally {
        await few.stop();
      }

      // The setting: the host and its subdomains.
      assert.equal((await webmention('http://blocked.example/a', cableUrl())).status, 403);
      assert.equal((await webmention('http://www.blocked.example/a', cableUrl())).status, 403);

      // A moderator blocks a host from the moderation page.
      const spammer = blogs[5]!;
      spammer.pages.set('/spam', post(cableUrl(), 'Buy things'));
      assert.equal((await webmention(`${spammer.origin}/spam`, cableUrl())).status, 202);
      await settled();
      const page = await (
        await fetch(`${site}/moderation/mentions?status=pending`, { headers: { Cookie: cookie } })
      ).text();
      assert.match(page, /Buy things/);
      const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const victim = await bySource(`${spammer.origin}/spam`);
      assert.ok(victim);
      const block = await fetch(`${site}/moderation/mentions/block/${victim.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site, Cookie: cookie },
        body: new URLSearchParams({ _csrf: token }).toString(),
        redirect: 'manual',
      });
      assert.equal(block.status, 303);
      spammer.pages.set('/spam2', post(cableUrl(), 'More things'));
      assert.equal((await webmention(`${spammer.origin}/spam2`, cableUrl())).status, 403);
      assert.equal(await fault(pingCall(`${spammer.origin}/spam2`, cableUrl())), 49);
      assert.match(
        await (await trackback(REF, { url: `${spammer.origin}/spam2` })).text(),
        /<error>1<\/error>/,
      );
      const listed = await (
        await fetch(`${site}/moderation/mentions?status=spam`, { headers: { Cookie: cookie } })
      ).text();
      assert.match(listed, /Buy things/);
      assert.match(listed, /127\.0\.0\.6 \(since/, 'listed among the blocked hosts');
    });

    test('the moderation page approves with its form; the API refuses guests', async () => {
      const host = blogs[1]!;
      host.pages.set('/formed', post(cableUrl(), 'Approved by form'));
      assert.equal((await webmention(`${host.origin}/formed`, cableUrl())).status, 202);
      await settled();
      const m = (await bySource(`${host.origin}/formed`))!;
      assert.equal(m.status, 'approved', 'host already trusted');
      await moderate(m.id!, 'spam');
      const page = await (
        await fetch(`${site}/moderation/mentions?status=spam`, { headers: { Cookie: cookie } })
      ).text();
      assert.match(page, /Approved by form/);
      // As readers will see it: the author's link from the h-card, the kind.
      assert.match(
        page,
        new RegExp(`by <a href="${host.origin}/" rel="nofollow ugc noopener">Ann Blogger</a>`),
      );
      assert.match(page, /\(Webmention, <time/);
      const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const res = await fetch(`${site}/moderation/mentions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site, Cookie: cookie },
        body: new URLSearchParams({
          _csrf: token,
          one: `approve:${m.id}`,
          back: '/moderation/mentions?status=spam',
        }).toString(),
        redirect: 'manual',
      });
      assert.equal(res.status, 303);
      assert.equal((await bySource(`${host.origin}/formed`))?.status, 'approved');
      const guest = await fetch(`${site}/api/moderation/mentions/${m.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: site },
        body: JSON.stringify({ action: 'trash' }),
      });
      assert.equal(guest.status, 401);
      const crossSite = await fetch(`${site}/api/moderation/mentions/${m.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example', Cookie: cookie },
        body: JSON.stringify({ action: 'trash' }),
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await moderate(m.id!, 'delete')).status, 400);
      assert.equal((await moderate(999_999, 'approve')).status, 404);
    });

    test('sending: a published comment notifies the pages it links to (webmention, pingback, none)', async () => {
      const target = blogs[2]!;
      target.pages.set('/wm-page', {
        headers: { Link: '</endpoints/wm?x=1>; rel="webmention"' },
        body: '<p>a</p>',
      });
      target.pages.set('/endpoints/wm', { status: 202, body: '' });
      target.pages.set('/html-wm', {
        body: '<html><head><link rel="webmention" href="endpoints/wm2"></head></html>',
      });
      target.pages.set('/endpoints/wm2', { status: 201, body: '' });
      target.pages.set('/pb-page', {
        headers: { 'X-Pingback': `${target.origin}/xmlrpc.php` },
        body: '<p>b</p>',
      });
      target.pages.set('/xmlrpc.php', {
        headers: { 'content-type': 'text/xml' },
        body: '<?xml version="1.0"?><methodResponse><params><param><value><string>thanks</string></value></param></params></methodResponse>',
      });
      target.pages.set('/plain', { body: '<p>no endpoint</p>' });
      const links = ['/wm-page', '/html-wm', '/pb-page', '/plain'].map((p) => `${target.origin}${p}`);
      const res = await fetch(`${site}/api/cables/${REF}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: site, Cookie: cookie },
        body: JSON.stringify({ body: links.map((l, i) => `[link ${i}](${l})`).join(' and ') }),
      });
      assert.equal(res.status, 201);
      const { id } = (await res.json()) as { id: number };
      await settled();
      const source = `${site}/cable/${REF}#comment-${id}`;
      const sent = await jobs.linkbacks.sent(source);
      const result = Object.fromEntries(sent.map((s) => [s.target, `${s.kind} ${s.result}`]));
      assert.deepEqual(result, {
        [links[0]!]: 'webmention webmention 202',
        [links[1]!]: 'webmention webmention 201',
        [links[2]!]: 'pingback pingback accepted',
        [links[3]!]: 'none no endpoint',
      });
      const wm = target.received.find((r) => r.path === '/endpoints/wm?x=1' && r.method === 'POST')!;
      assert.deepEqual(Object.fromEntries(new URLSearchParams(wm.body)), { source, target: links[0] });
      assert.match(String(wm.headers['content-type']), /application\/x-www-form-urlencoded/);
      const pb = target.received.find((r) => r.path === '/xmlrpc.php')!;
      assert.match(pb.body, /<methodName>pingback\.ping<\/methodName>/);
      assert.ok(pb.body.includes(source.replace(/&/g, '&amp;')) && pb.body.includes(links[2]!));
    });

    test('a body past the limit is refused while it is still coming (chunked, no Content-Length)', async () => {
      // The sender never finishes: the answer must come from the limit, not from the end of the body.
      const endless = (path: string, type: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(`${site}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': type, 'Transfer-Encoding': 'chunked' },
          });
          req.on('response', async (res) => {
            let body = '';
            for await (const chunk of res) body += chunk;
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
          req.on('error', reject);
          req.setTimeout(5000, () => req.destroy(new Error(`${path}: no answer while the body was coming`)));
          for (let i = 0; i < 20; i++) req.write(Buffer.alloc(8 * 1024, 'a'));
        });
      const rpc = await endless('/xmlrpc', 'text/xml');
      assert.equal(rpc.status, 200);
      assert.match(rpc.body, /<int>-32700<\/int>[\s\S]*too large/);
      const wm = await endless('/webmention', 'application/x-www-form-urlencoded');
      assert.equal(wm.status, 413);
      const tb = await endless(`/trackback/${REF}`, 'application/x-www-form-urlencoded');
      assert.match(tb.body, /<error>1<\/error><message>The request is too large\.<\/message>/);
    });
  });
}
