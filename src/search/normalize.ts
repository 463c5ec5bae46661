/**
 * Text normalisation shared by the query parser and both backends: case and diacritics folded
 * away, words split the way the full-text indexes split them (runs of letters and digits), and
 * the English stop words PostgreSQL's `english` configuration drops (so that a query means the
 * same on SQLite, which keeps them, and on PostgreSQL, which never indexes them).
 */

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, without diacritics: `Évian` -> `evian`. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The index tokens of a text: folded runs of letters and digits. */
export function tokens(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** PostgreSQL's English stop list (`tsearch_data/english.stop`): never indexed there. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her ' +
    'hers herself it its itself they them their theirs themselves what which who whom this that these ' +
    'those am is are was were be been being have has had having do does did doing a an the and but if ' +
    'or because as until while of at by for with about against between into through during before after ' +
    'above below to from up down in out on off over under again further then once here there when where ' +
    'why how all any both each few more most other some such no nor not only own same so than too very s ' +
    't can will just don should now'
  ).split(' '),
);
