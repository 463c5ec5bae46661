/**
 * Route tests of the website and JSON API, in-process (`app.request()`), on both databases, over
 * the bundled sample imported with the project's importer, plus one crafted cable full of
 * characters that must be escaped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCable } from '../cable/parse.ts';
import { sampleCablesDir, sampleVariantsDir } from '../sources/sample.ts';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import { prepareCable } from '../store/prepared-cable.ts';
import type { Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { createApp } from './app.ts';

const SITE = 'https://cables.test';
const NOW = new Date('2026-11-27T12:00:00Z');

/** A cable whose every field tries to break out of HTML, XML and JSON. */
const HOSTILE = {
  publishedRefId: '10TESTPOST1',
  header: '',
  body:
    'UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL, XX\nSUBJECT: <script>alert(1)</script> & "Q" \'A\' ]]>\n\n' +
    '1. (U) Text with <b>tags</b> & </p><img src=x onerror=alert(1)> in it.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy <Test> & "Co"',
};

/** A cable that cites the seed cable, for the "cited by" backlinks. */
const CITING = {
  publishedRefId: '10TESTPOST2',
  header: '',
  body:
    'C O N F I D E N T I A L MOSCOW 000002\n\nE.O. 12958: DECL: 01/05/2020\nTAGS: PREL, RS\n' +
    'SUBJECT: FOLLOW-UP ON HAMAS VISIT\n\nREF: 06 MOSCOW 1323\n\n1. (C) As reported in reftel, more to come.\n',
  created: '2010-01-06T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'CONFIDENTIAL',
  origin: 'Embassy Moscow',
};

for (const dialect of dialects) {
  describe(`website on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let closed = false;
    const get = (path: string, headers?: Record<string, string>) =>
      app.request(path, headers ? { headers } : undefined);
    const html = async (path: string) => {
      const res = await get(path);
      assert.equal(res.status, 200, `${path} answered ${res.status}`);
      return res.text();
    };

    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
      await runImport({ store, paths: [sampleCablesDir, sampleVariantsDir], format: 'auto', worker: false });
      await store.writeBatch([HOSTILE, CITING].map((raw) => prepareCable(raw, parseCable(raw))));
      app = createApp({ store, publicUrl: SITE, now: () => NOW, cacheCheckMs: 0 });
    });
    after(async () => {
      if (!closed) await store?.close();
      await database?.drop();
    });

    test('the seed cable page: header table, paragraphs with ¶ anchors, badges, panels', async () => {
      const res = await get('/cable/06MOSCOW1323');
      assert.equal(res.status, 200);
      const page = await res.text();
      const record = (await store.getCable('06MOSCOW1323'))!;
      for (const p of record.paragraphs) {
        if (p.number === null) continue;
        assert.match(
          page,
          new RegExp(`<p id="par${p.number}"><a class="pilcrow" href="#par${p.number}"[^>]*>¶</a>`),
        );
      }
      const anchors = [...page.matchAll(/<p id="(par\d+)"><a class="pilcrow" href="#\1"/g)];
      assert.equal(anchors.length, record.paragraphs.length, 'every paragraph has an anchor and a ¶ link');
      assert.match(
        page,
        /<a href="\/years\/2006\/02"><time datetime="2006-02-10T15:26:00Z">2006-02-10 15:26<\/time>/,
      );
      assert.match(page, /<a href="\/released\/2011-08-30">/);
      assert.match(page, /<a href="\/classifications\/confidential">CONFIDENTIAL<\/a>/);
      assert.match(page, /<a href="\/origins\/embassy-moscow">Embassy Moscow<\/a>/);
      assert.match(page, /<abbr class="badge" title="Confidential">C<\/abbr>/);
      assert.match(page, /1\.4\(b\)<\/strong>: foreign government information/);
      assert.match(page, /1\.4\(d\)<\/strong>: foreign relations/);
      assert.match(page, /<time datetime="2016-02-10">10 February 2016<\/time>: this date has passed/);
      assert.match(page, /<summary>Routing header, decoded<\/summary>/);
      assert.match(page, /IMMEDIATE/);
      assert.match(page, /#cablegate #06MOSCOW1323/);
      for (const share of [
        'x.com/intent',
        'mastodon.social/share',
        'bsky.app/intent',
        'reddit.com/submit',
        'mailto:',
      ]) {
        assert.ok(page.includes(share), share);
      }
      assert.match(page, /<meta name="citation_title" content="[^"]+"\/>/);
      assert.match(page, /<meta name="citation_publication_date" content="2006\/02\/10"\/>/);
      assert.match(page, /<meta property="og:url" content="https:\/\/cables\.test\/cable\/06MOSCOW1323"\/>/);
      assert.match(page, /<meta name="twitter:card" content="summary"\/>/);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
      assert.equal(JSON.parse(ld![1]!).identifier, '06MOSCOW1323');
      assert.match(page, /@misc\{06MOSCOW1323,/);
      assert.match(page, /TY {2}- GOVDOC/);
      assert.match(page, /href="\/cable\/06MOSCOW1323\.txt"/);
      assert.match(page, /href="\/cable\/06MOSCOW1323\.json"/);
      assert.ok(page.includes('C O N F I D E N T I A L SECTION 01 OF 02'), 'raw text is on the page');
    });

    test('security: CSP without third parties, no inline script, headers on every answer', async () => {
      for (const path of ['/cable/06MOSCOW1323', '/', '/nothing-here', '/api/cables/06MOSCOW1323']) {
        const res = await get(path);
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'self'/);
        assert.ok(!/https?:/.test(csp), 'no outside source in the CSP');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      }
      const page = await html('/cable/06MOSCOW1323');
      for (const m of page.matchAll(/<script([^>]*)>/g)) {
        assert.ok(/src="\/static\//.test(m[1]!) || /application\/ld\+json/.test(m[1]!), m[0]);
      }
      assert.ok(!/(src|href)="(https?:)?\/\/[^"]*\.(js|css)/.test(page), 'nothing loaded from elsewhere');
      const css = /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!;
      const asset = await get(css);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    });

    test('everything from the data is escaped (HTML, JSON-LD, Atom)', async () => {
      const res = await get('/cable/10TESTPOST1');
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.ok(!page.includes('<script>alert'), 'no raw script from the data');
      assert.ok(!page.includes('<img src=x'), 'no raw img from the data');
      assert.ok(!page.includes('<b>tags</b>'));
      assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!;
      assert.ok(!ld.includes('<'), 'JSON-LD has no raw <');
      assert.match(JSON.parse(ld).name, /<script>/);
      const feed = await (await get('/feeds/new.atom')).text();
      assert.ok(!feed.includes('<script>'));
      assert.match(feed, /&lt;script&gt;/);
      assert.match(feed, /Embassy &lt;Test&gt; &amp; &quot;Co&quot;/);
    });

    test('other addresses of a cable: any case, leading zeros, malformed published id, old cablegate path', async () => {
      const lower = await get('/cable/06moscow001323');
      assert.equal(lower.status, 301);
      assert.equal(lower.headers.get('location'), '/cable/06MOSCOW1323');
      const malformed = await get('/cable/08ECTION01OF02MANAMA492');
      assert.equal(malformed.status, 301);
      assert.equal(malformed.headers.get('location'), '/cable/08MANAMA492');
      const old = await get('/cable/2006/02/06MOSCOW1323.html');
      assert.equal(old.status, 200);
      assert.equal(await old.text(), await html('/cable/06MOSCOW1323'));
      const oldMalformed = await get('/cable/2008/07/08ECTION01OF02MANAMA492.html');
      assert.equal(oldMalformed.status, 200);
      assert.match(
        await oldMalformed.text(),
        /<link rel="canonical" href="https:\/\/cables\.test\/cable\/08MANAMA492"/,
      );
    });

    test('references link to cables; a cited cable not in the archive gets a placeholder listing who cites it', async () => {
      const page = await html('/cable/09BERN279');
      assert.match(page, /<a href="\/cable\/09STATE68231">09STATE68231<\/a> \(not in the archive\)/);
      const placeholder = await get('/cable/09STATE68231');
      assert.equal(placeholder.status, 200);
      const text = await placeholder.text();
      assert.match(text, /not in the archive/);
      assert.match(text, /<a href="\/cable\/09BERN279">09BERN279<\/a>/);
      assert.match(text, /<meta name="robots" content="noindex"\/>/);
      assert.equal((await get('/cable/99NOWHERE12')).status, 404);
    });

    test('cited by: backlinks from the citing cables', async () => {
      const citing = await html('/cable/10TESTPOST2');
      assert.match(citing, /<a href="\/cable\/06MOSCOW1323">06MOSCOW1323<\/a>/);
      const page = await html('/cable/06MOSCOW1323');
      const citedBy = page.slice(page.indexOf('<h3>Cited by</h3>'));
      assert.match(citedBy, /<a href="\/cable\/10TESTPOST2">10TESTPOST2<\/a>/);
    });

    test('versions: listed with a word-level diff between two', async () => {
      const versions = await store.listVersions('04RANGOON1100');
      assert.equal(versions.length, 2);
      const page = await html('/cable/04RANGOON1100');
      assert.match(page, /Other versions/);
      const link = /href="(\/cable\/04RANGOON1100\/diff\?a=[0-9a-f]+&amp;b=[0-9a-f]+)"/.exec(page);
      assert.ok(link, 'a diff link');
      const diff = await html(link[1]!.replace(/&amp;/g, '&'));
      assert.match(diff, /<(ins|del)>/);
      assert.match(diff, /words? removed, \d+ words? added/);
      assert.equal((await get('/cable/04RANGOON1100/diff?a=zz&b=12')).status, 400);
      assert.equal((await get('/cable/04RANGOON1100/diff?a=000000&b=111111')).status, 400);
      assert.equal((await get('/cable/04RANGOON1100/diff')).status, 400);
    });

    test('downloads and citation exports', async () => {
      const txt = await get('/cable/06MOSCOW1323.txt');
      assert.equal(txt.status, 200);
      assert.match(txt.headers.get('content-type')!, /text\/plain/);
      const record = (await store.getCable('06MOSCOW1323'))!;
      assert.ok((await txt.text()).endsWith(record.raw.body));
      const json = (await (await get('/cable/06MOSCOW1323.json')).json()) as { refId: string };
      assert.equal(json.refId, '06MOSCOW1323');
      assert.match(await (await get('/cable/06MOSCOW1323/cite.bib')).text(), /^@misc\{06MOSCOW1323,/);
      assert.match(await (await get('/cable/06MOSCOW1323/cite.ris')).text(), /^TY {2}- GOVDOC\r\n/);
      const csl = (await (await get('/cable/06MOSCOW1323/cite.csl.json')).json()) as { number: string }[];
      assert.equal(csl[0]?.number, '06MOSCOW1323');
    });

    test('JSON API: the record plus url; 404 JSON for an unknown id', async () => {
      const res = await get('/api/cables/06MOSCOW1323');
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        refId: string;
        url: string;
        classification: string;
        paragraphs: unknown[];
        raw: { body: string };
      };
      assert.equal(body.refId, '06MOSCOW1323');
      assert.equal(body.url, `${SITE}/cable/06MOSCOW1323`);
      assert.equal(body.classification, 'CONFIDENTIAL');
      assert.ok(Array.isArray(body.paragraphs) && body.raw.body.length > 0);
      const missing = await get('/api/cables/99NOWHERE12');
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { error: string }).error, 'not_found');
      assert.equal((await get('/api/cables/bad%20id')).status, 404);
    });

    test('ETag: a second request with If-None-Match gets 304', async () => {
      const first = await get('/cable/06MOSCOW1323');
      const etag = first.headers.get('etag')!;
      assert.ok(etag);
      const second = await get('/cable/06MOSCOW1323', { 'If-None-Match': etag });
      assert.equal(second.status, 304);
    });

    test('browse pages: home, origins A-Z, years and months, releases, classifications, tags', async () => {
      const home = await html('/');
      assert.match(home, /53 cables/);
      assert.match(home, /Latest releases/);
      const origins = await html('/origins');
      assert.match(origins, /<a href="\/origins\/embassy-moscow">Embassy Moscow<\/a> \(3\)/);
      assert.match(await html('/origins/embassy-moscow'), /06MOSCOW1323/);
      assert.match(await html('/years'), /<a href="\/years\/2009">2009<\/a>/);
      const year = await html('/years/2006');
      assert.match(year, /<a href="\/years\/2006\/02">February<\/a>/);
      assert.match(await html('/years/2006/02'), /06MOSCOW1323/);
      assert.match(await html('/released'), /\/released\/2011-08-30/);
      assert.match(await html('/released/2011-08-30'), /06MOSCOW1323/);
      assert.match(await html('/classifications'), /\/classifications\/secret-noforn/);
      assert.match(await html('/classifications/secret-noforn'), /SECRET\/\/NOFORN/);
      assert.match(await html('/tags'), /<a href="\/tags\/PREL">PREL<\/a>/);
      const tag = await html('/tags/PREL');
      assert.match(tag, /Political: external political relations/);
      assert.equal((await get('/tags/prel')).headers.get('location'), '/tags/PREL');
      assert.match(await html('/about/classification'), /1\.5\(b\)/);
    });

    test('listings: sortable and paginated; bad parameters are 400, pages past the end 404', async () => {
      const page1 = await html('/cables?limit=10');
      const ids1 = [...page1.matchAll(/<td><a href="\/cable\/([^"]+)">/g)].map((m) => m[1]);
      assert.equal(ids1.length, 10);
      const page2 = await html('/cables?limit=10&page=2');
      const ids2 = [...page2.matchAll(/<td><a href="\/cable\/([^"]+)">/g)].map((m) => m[1]);
      assert.ok(!ids2.some((id) => ids1.includes(id)));
      assert.match(page1, /rel="next"/);
      const byId = await html('/cables?sort=refid&limit=200');
      const ids = [...byId.matchAll(/<td><a href="\/cable\/([^"]+)">/g)].map((m) => m[1]!);
      assert.deepEqual(ids, [...ids].sort());
      assert.match(byId, /aria-sort="ascending"/);
      for (const bad of ['/cables?page=0', '/cables?page=x', '/cables?limit=100000', '/cables?sort=evil']) {
        assert.equal((await get(bad)).status, 400, bad);
      }
      assert.equal((await get('/cables?page=999')).status, 404);
    });

    test('old cablegate browse addresses redirect to ours', async () => {
      const cases: [string, string][] = [
        ['/origin/67_0.html', '/origins/embassy-moscow'],
        ['/origin/57_2.html', '/origins/embassy-paris?page=3'],
        ['/tag/PREL_0.html', '/tags/PREL'],
        ['/reldate/2010-11-30_0.html', '/released/2010-11-30'],
        ['/date/2006-02_0.html', '/years/2006/02'],
        ['/classification/3_0.html', '/classifications/secret'],
        ['/classification/6_0.html', '/classifications/unclassified-for-official-use-only'],
      ];
      for (const [from, to] of cases) {
        const res = await get(from);
        assert.equal(res.status, 301, from);
        assert.equal(res.headers.get('location'), to, from);
      }
      assert.equal((await get('/origin/nonsense')).status, 404);
      const slash = await get('/origins/?x=1');
      assert.equal(slash.status, 301);
      assert.equal(slash.headers.get('location'), '/origins?x=1');
      assert.equal((await get('//evil.example/')).headers.get('location'), '/evil.example');
      assert.equal((await get('/%5Cevil.example/')).headers.get('location'), '/%5Cevil.example');
    });

    test('Atom feeds: new cables, per origin, per tag', async () => {
      for (const path of ['/feeds/new.atom', '/feeds/origins/embassy-moscow.atom', '/feeds/tags/PREL.atom']) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type')!, /application\/atom\+xml/);
        const xml = await res.text();
        assert.match(
          xml,
          /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
        );
        assert.match(xml, /<entry>/);
        assert.match(xml, /<link rel="alternate" type="text\/html" href="https:\/\/cables\.test\/cable\//);
      }
      const moscow = await (await get('/feeds/origins/embassy-moscow.atom')).text();
      assert.equal([...moscow.matchAll(/<entry>/g)].length, 3);
      assert.equal((await get('/feeds/origins/nowhere.atom')).status, 404);
    });

    test('bad requests are 400 or 404 pages, never 500', async () => {
      const paths = [
        '/cable/%E0%A4%A',
        '/cable/%00',
        '/cable/a',
        '/cable/06MOSCOW1323/diff?a=%FF&b=1',
        '/years/abcd',
        '/years/2006/13',
        '/released/2011-02-30',
        '/tags/%3Cscript%3E',
        '/origins/%E0%A4%A',
        '/feeds/tags/%3C.atom',
        '/reldate/x_0.html',
        '/cable/2006/02/x',
        '/static/nothing.css',
        '/api/cables/%E0%A4%A',
      ];
      for (const path of paths) {
        const res = await get(path);
        assert.ok(res.status === 400 || res.status === 404, `${path} answered ${res.status}`);
      }
      const notFound = await get('/no/such/page');
      assert.equal(notFound.status, 404);
      assert.match(await notFound.text(), /<h1>Not found<\/h1>/);
    });

    test('healthz: 200 while the database answers, 503 once it does not', async () => {
      const ok = await get('/healthz');
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { status: string }).status, 'ok');
      await store.close();
      closed = true;
      const down = await get('/healthz');
      assert.equal(down.status, 503);
    });
  });
}
