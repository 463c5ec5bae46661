import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCableFile } from './cable-file.ts';
import { readHtmlPage } from './html.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

// A cablegate page cut down to the parts the reader uses (real text of 06PARIS2069).
const PAGE = `<?xml version='1.0' encoding='utf-8' ?>
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<body><div class='main'><div class='pane big'>
<h3>Viewing cable 06PARIS2069, UPDATE/FAREWELL FROM TERRORISM INVESTIGATING JUDGE</h3>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/2006/03/06PARIS2069.html'>06PARIS2069</a>
</td>
<td>
<a href='/date/2006-03_0.html'>2006-03-30 13:01</a>
</td>
<td>
<a href='/reldate/2010-11-30_0.html'>2010-11-30 16:04</a>
</td>
<td>
<a href='/classification/3_0.html' title='confidential'>SECRET</a>
</td>
<td>
<a href='/origin/57_0.html'>Embassy Paris</a>
</td>
</tr>
</table>
<code><pre>VZCZCXRO7008&#x000A;DE RUEHFR #2069/01 0891339&#x000A;O 301339Z MAR 06&#x000A;FM AMEMBASSY PARIS</pre></code>
<code><pre>S E C R E T SECTION 01 OF 02 PARIS 002069 &#x000A;&#x000A;TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PREL_0.html'>PREL</a>&#x000A;&#x000A;<a id='par1' href='#par1'>¶</a>1. (S) Summary: Jean-Francois Ricard &#x000A;&#x000A;Stapleton</pre></code>
</div></div></body></html>`;

test('reads the table and the two <pre> blocks of a cablegate page', () => {
  const cable = readHtmlPage(PAGE, 'cable/2006/03/06PARIS2069.html');
  assert.equal(cable.publishedRefId, '06PARIS2069');
  assert.equal(cable.created, '2006-03-30T13:01:00Z');
  assert.equal(cable.released, '2010-11-30T16:04:00Z');
  assert.equal(cable.classification, 'SECRET');
  assert.equal(cable.origin, 'Embassy Paris');
  assert.equal(
    cable.header,
    'VZCZCXRO7008\nDE RUEHFR #2069/01 0891339\nO 301339Z MAR 06\nFM AMEMBASSY PARIS',
  );
  assert.equal(
    cable.body,
    'S E C R E T SECTION 01 OF 02 PARIS 002069 \n\nTAGS: PTER PREL\n\n¶1. (S) Summary: Jean-Francois Ricard \n\nStapleton',
  );
  assert.deepEqual(cable.source, { format: 'html', path: 'cable/2006/03/06PARIS2069.html' });
});

test('the oldest pages have four columns, without Released', () => {
  const page = PAGE.replace('<th>Released</th>\n', '').replace(
    "<td>\n<a href='/reldate/2010-11-30_0.html'>2010-11-30 16:04</a>\n</td>\n",
    '',
  );
  const cable = readHtmlPage(page);
  assert.equal(cable.released, null);
  assert.equal(cable.classification, 'SECRET');
  assert.equal(cable.origin, 'Embassy Paris');
});

test('without a table the id comes from the heading or the file name; no <pre> is an error', () => {
  const noTable = PAGE.replace(/<table[\s\S]*<\/table>/, '');
  assert.equal(readHtmlPage(noTable).publishedRefId, '06PARIS2069');
  const bare = noTable.replace(/<h3>.*<\/h3>/, '');
  assert.equal(readHtmlPage(bare, 'x/06PARIS2069.html').publishedRefId, '06PARIS2069');
  assert.throws(() => readHtmlPage('<html><body>404</body></html>'), /no <pre> block/);
});

function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) htmlFiles(path, out);
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

test('corpus: every page under html/ gives the header, body and metadata of its cables/*.txt, byte for byte', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, (t) => {
  const dir = corpus!;
  const files = htmlFiles(join(dir, 'html'));
  const mismatches: string[] = [];
  for (const file of files) {
    const cable = readHtmlPage(readFileSync(file, 'utf8'), file);
    // From the page's bytes only the part around the cable is decoded: the same cable.
    assert.deepEqual(readHtmlPage(readFileSync(file), file), cable, `${file}: read from bytes`);
    const reference = readCableFile(
      readFileSync(join(dir, 'cables', `${cable.publishedRefId}.txt`), 'utf8'),
    ).cable;
    for (const key of ['header', 'body', 'created', 'released', 'classification', 'origin'] as const) {
      if (reference[key] !== cable[key]) mismatches.push(`${file}: ${key} differs`);
    }
  }
  t.diagnostic(
    `html/: ${files.length} pages, ${files.length - new Set(mismatches.map((m) => m.split(':')[0])).size} identical to cables/*.txt`,
  );
  assert.ok(files.length > 0);
  assert.deepEqual(mismatches, []);
});

test('from the page bytes: the same cable, also without a table, with upper-case tags or multibyte text', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const variants = [
    PAGE,
    PAGE.replace(/<table[\s\S]*<\/table>/, ''),
    PAGE.replace(/<pre>/g, '<PRE>').replace(/<\/pre>/g, '</PRE>'),
    PAGE.replace('Jean-Francois', 'Jean-François Ümlaut ¶ 東京'),
    `<html><body><h3>Viewing cable 06PARIS2069, X</h3><div class="cable">${PAGE.slice(PAGE.indexOf('<code>'))}`,
  ];
  for (const page of variants)
    assert.deepEqual(readHtmlPage(bytes(page), 'p.html'), readHtmlPage(page, 'p.html'));
  assert.throws(() => readHtmlPage(bytes('<html><body>404</body></html>')), /no <pre> block/);
});
