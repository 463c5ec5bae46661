/**
 * Builds the bundled sample (sample/) from the real corpus: about 50 cables chosen to cover the
 * quirks the parser must handle (partial extracts, sections, both page-break styles, media-partner
 * versions, malformed ids, 1970s cables, every classification, REF lists, ...), their variants,
 * their rows of cables.csv and a handful of their cablegate html pages. Deterministic: the same
 * corpus always gives the same sample. The seed cable sample/cables/06MOSCOW1323.txt is kept as it is
 * (it is not in the corpus) and added to sample/cables.csv.
 *
 * Usage: CABLEDESK_CORPUS=/path/to/corpus node --import tsx scripts/build-sample.ts [--corpus DIR] [--out DIR]
 * (--out writes elsewhere than sample/, e.g. to check that the committed sample is up to date).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCableFile } from '../src/sources/cable-file.ts';
import { sampleDir } from '../src/sources/sample.ts';
import { csvRowSpans, escapeCsvField } from './eval/csv-rows.ts';

const SEED_ID = '06MOSCOW1323';
/** Cables larger than this are only taken when no smaller one covers the quirk. */
const SMALL_CHARS = 9000;
const TARGET_COUNT = 50;
const HTML_PAGES = 5;

interface Candidate {
  id: string;
  meta: Record<string, string>;
  header: string;
  body: string;
  chars: number;
  hash: number;
}

interface Quirk {
  name: string;
  why: string;
  quota: number;
  test: (c: Candidate) => boolean;
  /** Candidates with a different key are preferred, so one quirk is shown in several shapes. */
  key?: (c: Candidate) => string;
}

/** FNV-1a: a stable pseudo-random order that does not depend on file-system listing order. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const WEEKDAY_LINE = /^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} \w+ \d{4}, \d\d:\d\d/;
const WELL_FORMED_ID = /^\d\d[A-Z]+\d+$/;
const CLASSIFICATIONS = [
  'UNCLASSIFIED',
  'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
  'CONFIDENTIAL',
  'CONFIDENTIAL//NOFORN',
  'SECRET',
  'SECRET//NOFORN',
];

const QUIRKS: Quirk[] = [
  { name: 'partial', why: 'partial extract', quota: 3, test: (c) => c.meta['partial'] === 'yes' },
  {
    name: 'page-corrupted',
    why: 'raw dump rows in the page body',
    quota: 2,
    test: (c) => c.meta['page_corrupted'] === 'yes',
  },
  {
    name: 'malformed-id',
    why: 'malformed published id',
    quota: 5,
    test: (c) => !WELL_FORMED_ID.test(c.id) || /^\d\d(?:S?EC?TION|SCTION|EFTO)/.test(c.id),
    key: (c) => c.id.replace(/^\d\d/, '').replace(/\d.*$/, ''),
  },
  {
    name: 'page-break-old',
    why: 'old `PAGE 02 STATION 01234 01 OF 03 271458Z` page breaks',
    quota: 3,
    test: (c) => /^\s*PAGE \d\d +[A-Z]/m.test(c.body),
  },
  {
    name: 'page-break-new',
    why: '`STATION 00000881  002 OF 002` page-break lines',
    quota: 3,
    test: (c) => /^[A-Z][A-Z ]+ \d{8} {1,2}\d{3} OF \d{3}/m.test(c.body),
  },
  {
    name: 'sections',
    why: '`SECTION 01 OF 0N` with repeated section headers',
    quota: 3,
    test: (c) => /SECTION 0?[2-9] OF 0?\d/.test(c.body),
  },
  {
    name: 'media-partner',
    why: 'media-partner version (weekday date line, reflowed paragraphs)',
    quota: 4,
    test: (c) => WEEKDAY_LINE.test(c.body),
  },
  { name: '1970s', why: 'a 1970s cable', quota: 3, test: (c) => (c.meta['created'] ?? '').startsWith('197') },
  {
    name: '1980s-1990s',
    why: 'a 1980s/1990s cable',
    quota: 2,
    test: (c) => /^19[89]/.test(c.meta['created'] ?? ''),
  },
  ...CLASSIFICATIONS.map(
    (cls): Quirk => ({
      name: `classification ${cls}`,
      why: `classification ${cls}`,
      quota: 1,
      test: (c) => c.meta['classification'] === cls,
    }),
  ),
  {
    name: 'ref-list',
    why: 'lettered REF list',
    quota: 3,
    test: (c) => /^REFS?:?\s+A[.)]/m.test(c.body),
  },
  {
    name: 'ref-pilcrow',
    why: '`¶` inside a REF list',
    quota: 2,
    test: (c) => /^REFS?\b[^\n]*(?:\n[^\n]*)?¶/m.test(c.body),
  },
  { name: 'reftel', why: '`REFTEL:` reference line', quota: 1, test: (c) => /^REFTEL:/m.test(c.body) },
  {
    name: 'spaced-classification',
    why: 'spaced `C O N F I D E N T I A L` line',
    quota: 2,
    test: (c) => /C O N F I D E N T I A L|S E C R E T|U N C L A S S/.test(c.body.slice(0, 800)),
  },
  { name: 'summay', why: '`Summay` misspelling', quota: 2, test: (c) => /\bSumm?ay\b/i.test(c.body) },
  { name: 'end-summary', why: '`END SUMMARY` marker', quota: 1, test: (c) => c.body.includes('END SUMMARY') },
  {
    name: 'tags-no-colon',
    why: '`TAGS` without a colon',
    quota: 2,
    test: (c) => /^TAGS +[A-Z]/m.test(c.body),
  },
  {
    name: 'decl-slashes',
    why: '`DECL: 2020/02/24` date style',
    quota: 1,
    test: (c) => /DECL: ?\d{4}\/\d\d\/\d\d/.test(c.body),
  },
  { name: 'decl-na', why: '`E.O. 12958: N/A`', quota: 1, test: (c) => /12958: ?N\/A/.test(c.body) },
  { name: 'ngds', why: '`E.O. 11652: NGDS`', quota: 1, test: (c) => /NGDS/.test(c.body) },
  { name: 'backslash', why: 'backslash line continuations', quota: 2, test: (c) => /\\\n/.test(c.body) },
  {
    name: 'q-apostrophe',
    why: 'apostrophes damaged into `Q`',
    quota: 2,
    test: (c) => /[a-z]Qs\b/.test(c.body),
  },
  {
    name: 'redacted',
    why: 'redactions `XXXXXXXXXXXX`',
    quota: 1,
    test: (c) => c.body.includes('XXXXXXXXXXXX'),
  },
];

function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function walkHtml(dir: string, out: Map<string, string>): Map<string, string> {
  for (const name of listFiles(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walkHtml(path, out);
    else if (name.endsWith('.html')) out.set(name.slice(0, -5), path);
  }
  return out;
}

function loadCandidates(corpus: string): Candidate[] {
  const dir = join(corpus, 'cables');
  return listFiles(dir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const { meta, cable } = readCableFile(text, name);
      const id = name.slice(0, -4);
      return { id, meta, header: cable.header, body: cable.body, chars: text.length, hash: fnv1a(id) };
    });
}

function main(): void {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(
      'Usage: node --import tsx scripts/build-sample.ts [--corpus DIR] [--out DIR]  (or CABLEDESK_CORPUS=DIR)',
    );
    return;
  }
  const corpus = values.corpus ?? process.env['CABLEDESK_CORPUS'];
  if (!corpus) {
    console.error('build-sample: set CABLEDESK_CORPUS (or --corpus) to the real corpus folder');
    process.exitCode = 2;
    return;
  }

  const candidates = loadCandidates(corpus);
  const variantFiles = listFiles(join(corpus, 'variants')).filter((n) => n.endsWith('.txt'));
  const variantsOf = new Map<string, string[]>();
  for (const name of variantFiles) {
    const id = name.replace(/__v\d+\.txt$/, '');
    variantsOf.set(id, [...(variantsOf.get(id) ?? []), name]);
  }
  const htmlPages = walkHtml(join(corpus, 'html'), new Map());

  const extraQuirks: Quirk[] = [
    {
      name: 'has-variant',
      why: 'has other versions in variants/',
      quota: 4,
      test: (c) => variantsOf.has(c.id),
    },
    {
      name: 'has-html',
      why: 'has its cablegate html page',
      quota: HTML_PAGES,
      test: (c) => htmlPages.has(c.id),
    },
  ];

  const chosen = new Map<string, Set<string>>();
  const origins = new Set<string>();
  const years = new Set<string>();
  const take = (c: Candidate, why: string): void => {
    const whys = chosen.get(c.id) ?? new Set<string>();
    whys.add(why);
    chosen.set(c.id, whys);
    origins.add(c.meta['origin'] ?? '');
    years.add((c.meta['created'] ?? '').slice(0, 4));
  };
  const rank = (c: Candidate, keysTaken: Set<string>, key?: (c: Candidate) => string): number[] => [
    c.chars > SMALL_CHARS ? 1 : 0,
    key && keysTaken.has(key(c)) ? 1 : 0,
    origins.has(c.meta['origin'] ?? '') ? 1 : 0,
    c.hash,
  ];
  const byRank = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  };

  const covered: Record<string, number> = {};
  for (const quirk of [...QUIRKS, ...extraQuirks]) {
    const matching = candidates.filter(quirk.test);
    const keysTaken = new Set<string>();
    let have = 0;
    for (const c of matching) {
      if (chosen.has(c.id)) {
        chosen.get(c.id)!.add(quirk.why);
        if (quirk.key) keysTaken.add(quirk.key(c));
        have++;
      }
    }
    while (have < quirk.quota) {
      const next = matching
        .filter((c) => !chosen.has(c.id))
        .map((c) => ({ c, r: rank(c, keysTaken, quirk.key) }))
        .sort((a, b) => byRank(a.r, b.r))[0];
      if (!next) break;
      take(next.c, quirk.why);
      if (quirk.key) keysTaken.add(quirk.key(next.c));
      have++;
    }
    covered[quirk.name] = have;
  }
  // Fill up with cables from origins and years not yet in the sample.
  while (chosen.size < TARGET_COUNT) {
    const next = candidates
      .filter((c) => !chosen.has(c.id) && c.chars <= SMALL_CHARS)
      .map((c) => ({
        c,
        r: [
          origins.has(c.meta['origin'] ?? '') ? 1 : 0,
          years.has((c.meta['created'] ?? '').slice(0, 4)) ? 1 : 0,
          c.hash,
        ],
      }))
      .sort((a, b) => byRank(a.r, b.r))[0];
    if (!next) break;
    take(next.c, 'another origin/year');
  }

  const sample = values.out ?? sampleDir;
  const cablesOut = join(sample, 'cables');
  mkdirSync(cablesOut, { recursive: true });
  const seedFile = join(sampleDir, 'cables', `${SEED_ID}.txt`);
  if (sample !== sampleDir) copyFileSync(seedFile, join(cablesOut, `${SEED_ID}.txt`));
  for (const name of listFiles(cablesOut)) if (name !== `${SEED_ID}.txt`) rmSync(join(cablesOut, name));
  rmSync(join(sample, 'variants'), { recursive: true, force: true });
  rmSync(join(sample, 'html'), { recursive: true, force: true });

  const ids = [...chosen.keys()].sort();
  for (const id of ids) copyFileSync(join(corpus, 'cables', `${id}.txt`), join(cablesOut, `${id}.txt`));

  const variantsCopied: string[] = [];
  for (const id of ids) {
    for (const name of variantsOf.get(id) ?? []) {
      mkdirSync(join(sample, 'variants'), { recursive: true });
      copyFileSync(join(corpus, 'variants', name), join(sample, 'variants', name));
      variantsCopied.push(name);
    }
  }

  const htmlCopied: string[] = [];
  for (const id of ids.filter((i) => htmlPages.has(i)).slice(0, HTML_PAGES)) {
    const from = htmlPages.get(id)!;
    const rel = from.slice(join(corpus, 'html').length + 1);
    const to = join(sample, 'html', rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    htmlCopied.push(rel);
  }

  writeFileSync(join(sample, 'cables.csv'), buildCsv(corpus, new Set(ids), cablesOut));
  writeFileSync(
    join(sample, 'README.md'),
    readme(ids, chosen, candidates, variantsCopied, htmlCopied, covered, [...QUIRKS, ...extraQuirks]),
  );

  const bytes = sizeOf(sample);
  console.log(
    `sample: ${ids.length} corpus cables + the seed, ${variantsCopied.length} variants, ` +
      `${htmlCopied.length} html pages, ${(bytes / 1024).toFixed(0)} KiB in ${sample}`,
  );
  for (const [name, n] of Object.entries(covered))
    if (n === 0) console.log(`  no cable in the corpus shows: ${name}`);
  if (bytes > 1.5 * 1024 * 1024) console.log('  WARNING: the sample is larger than 1.5 MB');
}

/** cables.csv of the sample: the corpus's own rows for the chosen cables, then a row made for the seed. */
function buildCsv(corpus: string, ids: Set<string>, cablesOut: string): string {
  const text = readFileSync(join(corpus, 'cables.csv'), 'utf8');
  const rows: string[] = [];
  for (const span of csvRowSpans(text)) {
    if (ids.has(span.fields[2] ?? '')) rows.push(text.slice(span.start, span.end));
  }
  const { cable } = readCableFile(readFileSync(join(cablesOut, `${SEED_ID}.txt`), 'utf8'));
  const created = cable.created ?? '';
  const csvDate = `${created.slice(5, 7)}/${created.slice(8, 10)}/${created.slice(0, 4)} ${created.slice(11, 16)}`;
  const seedFields = [
    '0',
    csvDate,
    SEED_ID,
    cable.origin ?? '',
    cable.classification ?? '',
    '',
    cable.header,
    cable.body,
  ];
  rows.push(seedFields.map(escapeCsvField).join(','));
  return `${rows.join('\n')}\n`;
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const name of listFiles(dir)) {
    const path = join(dir, name);
    total += statSync(path).isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

function readme(
  ids: string[],
  chosen: Map<string, Set<string>>,
  candidates: Candidate[],
  variants: string[],
  html: string[],
  covered: Record<string, number>,
  quirks: Quirk[],
): string {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const table = ids.map((id) => {
    const c = byId.get(id)!;
    const whys = [...chosen.get(id)!].join('; ');
    return `| ${id} | ${c.meta['created']} | ${c.meta['classification']} | ${c.meta['origin']} | ${whys} |`;
  });
  const missing = quirks.filter((q) => (covered[q.name] ?? 0) === 0).map((q) => q.why);
  return `# Bundled sample

A small set of real cables shipped with cabledesk, for tests, demos and \`cabledesk generate\`.
Generated by \`scripts/build-sample.ts\` from the development corpus (3,272 real cables of the
2010-2011 release, gathered from public mirrors of the release's website); do not edit by hand,
re-run \`CABLEDESK_CORPUS=/path/to/corpus node --import tsx scripts/build-sample.ts\` instead.
The choice is deterministic: each quirk the parser has to handle gets a few cables (small ones and
new origins first), then cables from origins and years not yet present fill it up to ${TARGET_COUNT}.

| path | what |
|---|---|
| \`cables/*.txt\` | ${ids.length + 1} cables in the cable-file layout (metadata lines, \`<<<HEADER>>>\`, \`<<<BODY>>>\`; see \`src/sources/cable-file.ts\`) |
| \`cables/${SEED_ID}.txt\` | the project's seed cable, taken from the blog page the project started from: header \`DE\` and precedence lines, body from \`C O N F I D E N T I A L SECTION 01 OF 02\` to the end of the cable text (trailing spaces kept), metadata from the page's header table. Not in the corpus; kept by the script as it is |
| \`variants/*.txt\` | ${variants.length} other versions of sampled cables that the site served at other times (media-partner reflows, re-redactions) |
| \`cables.csv\` | the same ${ids.length + 1} cables in the layout of the 2011 \`cables.csv\` dump (8 quoted columns, \`\\\\\` escapes): the corpus's own rows, plus a row made for the seed cable (id \`0\`) |
| \`html/cable/YYYY/MM/*.html\` | ${html.length} original cablegate pages of sampled cables, copied unchanged |

${missing.length ? `Quirks named in the corpus README but not found in the corpus half this was built from: ${missing.join(', ')}.\n` : ''}
## Cables

| ref id | created | classification | origin | chosen for |
|---|---|---|---|---|
| ${SEED_ID} | 2006-02-10 15:26 | CONFIDENTIAL | Embassy Moscow | the seed cable |
${table.join('\n')}

## Variants

${variants.map((v) => `- \`${v}\``).join('\n')}

## HTML pages

${html.map((h) => `- \`${h}\``).join('\n')}
`;
}

main();
