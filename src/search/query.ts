/**
 * The search query language, parsed into a plan both backends run. Syntax:
 *
 *   nuclear iran            both words (every word must match)
 *   "prime minister"        an exact phrase
 *   iran OR iraq            either (OR binds tighter than the implicit AND: `a b OR c` = a AND (b OR c))
 *   -embassy  -"a phrase"   exclusion
 *   negotiat*               a prefix of an indexed (stemmed) word
 *   ( ... )                 grouping
 *   subject:word subject:"a phrase"   only in the subject
 *   origin:"Embassy Paris" classification:secret tag:PREL ref:09STATE1234   exact filters (any case)
 *   from:2006 to:2008-06-30 dates (YYYY, YYYY-MM or YYYY-MM-DD; both ends inclusive)
 *
 * Case and diacritics are ignored; words are stemmed by the index (English). A query that is only a
 * reference id (`09STATE1234`) also says so, so that a caller can go straight to that cable.
 * A mistake is a `SearchSyntaxError` saying what is wrong and where (the 0-based offset).
 *
 * @example
 * parseQuery('iran -"oil exports" from:2008').root
 * // { kind: 'and', children: [text iran, not(text oil exports), date from 2008] }
 */
import { fold, STOP_WORDS, tokens } from './normalize.ts';

/** Text to find, in any part of a cable or only in its subject: one token is a word, more a phrase. */
export interface TextNode {
  kind: 'text';
  field: 'any' | 'subject';
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
}
export interface FilterNode {
  kind: 'filter';
  field: 'origin' | 'classification' | 'tag' | 'ref';
  value: string;
}
/** `from:` (on or after the start of the period) or `to:` (on or before its end). */
export interface DateNode {
  kind: 'date';
  bound: 'from' | 'to';
  value: string;
}
export type QueryNode =
  | TextNode
  | FilterNode
  | DateNode
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'all' };

export interface QueryPlan {
  root: QueryNode;
  /** The query is nothing but this reference id (upper case): a caller may go to that cable. */
  refId: string | null;
  /** Words to highlight (folded tokens of the positive text parts). */
  highlight: string[];
  /** Words left out because no index keeps them (English stop words outside phrases). */
  ignored: string[];
}

/** A query that cannot be read: `message` says what, `position` where (0-based offset). */
export class SearchSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at character ${position + 1})`);
    this.name = 'SearchSyntaxError';
  }
}

const FIELDS = new Set(['subject', 'origin', 'classification', 'tag', 'ref', 'from', 'to']);
const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
/** A cable reference id as published: 2-digit year, station, number (`09STATE1234`, `06BAGHDAD123`). */
export const REF_ID = /^\d{2}[A-Z][A-Z-]*\d+$/i;
const MAX_LENGTH = 1000;

type Lexeme =
  | { type: '(' | ')' | 'OR' | '-'; at: number }
  | { type: 'word'; text: string; at: number; field: string | null; quoted: boolean };

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = input.length;
  const readQuoted = (start: number): { text: string; end: number } => {
    const close = input.indexOf('"', start + 1);
    if (close < 0) throw new SearchSyntaxError('a quote (") is not closed', start);
    return { text: input.slice(start + 1, close), end: close + 1 };
  };
  while (i < n) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch, at: i });
      i++;
    } else if (
      ch === '-' &&
      i + 1 < n &&
      !/\s/.test(input[i + 1]!) &&
      (i === 0 || /[\s(]/.test(input[i - 1]!))
    ) {
      out.push({ type: '-', at: i });
      i++;
    } else if (ch === '"') {
      const q = readQuoted(i);
      out.push({ type: 'word', text: q.text, at: i, field: null, quoted: true });
      i = q.end;
    } else {
      const start = i;
      while (i < n && !/[\s()"]/.test(input[i]!)) i++;
      const word = input.slice(start, i);
      const colon = word.indexOf(':');
      const field = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
      if (word === 'OR') {
        out.push({ type: 'OR', at: start });
      } else if (FIELDS.has(field)) {
        if (colon === word.length - 1 && input[i] === '"') {
          const q = readQuoted(i);
          out.push({ type: 'word', text: q.text, at: start, field, quoted: true });
          i = q.end;
        } else {
          const value = word.slice(colon + 1);
          if (!value)
            throw new SearchSyntaxError(`${field}: needs a value, like ${field}:${example(field)}`, start);
          out.push({ type: 'word', text: value, at: start, field, quoted: false });
        }
      } else {
        out.push({ type: 'word', text: word, at: start, field: null, quoted: false });
      }
    }
  }
  return out;
}

function example(field: string): string {
  switch (field) {
    case 'from':
    case 'to':
      return '2008-06';
    case 'origin':
      return '"Embassy Paris"';
    case 'classification':
      return 'secret';
    case 'tag':
      return 'PREL';
    case 'ref':
      return '09STATE1234';
    default:
      return 'nuclear';
  }
}

class Parser {
  private i = 0;
  readonly highlight: string[] = [];
  readonly ignored: string[] = [];
  constructor(private readonly lexemes: Lexeme[]) {}

  parse(): QueryNode {
    const node = this.sequence();
    const next = this.lexemes[this.i];
    if (next) throw new SearchSyntaxError('a closing parenthesis ")" has no opening one', next.at);
    return node;
  }

  /** clause* up to ')' or the end: all must match. */
  private sequence(): QueryNode {
    const children: QueryNode[] = [];
    for (let next = this.lexemes[this.i]; next && next.type !== ')'; next = this.lexemes[this.i]) {
      children.push(this.orChain());
    }
    return and(children);
  }

  private orChain(): QueryNode {
    const children = [this.unary()];
    while (this.lexemes[this.i]?.type === 'OR') {
      const or = this.lexemes[this.i]!;
      this.i++;
      const next = this.lexemes[this.i];
      if (!next || next.type === ')' || next.type === 'OR') {
        throw new SearchSyntaxError('OR needs something to search on both sides', or.at);
      }
      children.push(this.unary());
    }
    if (children.length === 1) return children[0]!;
    // Either side matching everything (an ignored stop word) makes the whole OR match everything.
    if (children.some((c) => c.kind === 'all')) return { kind: 'all' };
    return { kind: 'or', children };
  }

  private unary(): QueryNode {
    const lexeme = this.lexemes[this.i]!;
    if (lexeme.type === '-') {
      this.i++;
      const next = this.lexemes[this.i];
      if (!next || next.type === ')' || next.type === 'OR') {
        throw new SearchSyntaxError('"-" must be followed by what to exclude', lexeme.at);
      }
      const child = this.negatable();
      return child.kind === 'all' ? { kind: 'all' } : { kind: 'not', child };
    }
    return this.atom(true);
  }

  private negatable(): QueryNode {
    return this.atom(false);
  }

  private atom(positive: boolean): QueryNode {
    const lexeme = this.lexemes[this.i]!;
    this.i++;
    switch (lexeme.type) {
      case '(': {
        const inner = this.sequence();
        if (this.lexemes[this.i]?.type !== ')') {
          throw new SearchSyntaxError('a parenthesis "(" is not closed', lexeme.at);
        }
        this.i++;
        return inner;
      }
      case ')':
        throw new SearchSyntaxError('a closing parenthesis ")" has no opening one', lexeme.at);
      case 'OR':
        throw new SearchSyntaxError('OR needs something to search on both sides', lexeme.at);
      case '-':
        throw new SearchSyntaxError('"-" must be followed by what to exclude', lexeme.at);
      case 'word':
        return this.word(lexeme, positive);
    }
  }

  private word(w: Extract<Lexeme, { type: 'word' }>, positive: boolean): QueryNode {
    switch (w.field) {
      case null:
      case 'subject':
        return this.text(w, w.field === 'subject' ? 'subject' : 'any', positive);
      case 'from':
      case 'to': {
        if (!DATE.test(w.text)) {
          throw new SearchSyntaxError(
            `${w.field}: takes a date like 2008, 2008-06 or 2008-06-30, not "${w.text}"`,
            w.at,
          );
        }
        return { kind: 'date', bound: w.field, value: w.text };
      }
      case 'ref':
        return { kind: 'filter', field: 'ref', value: w.text.trim().toUpperCase() };
      default: {
        const value = w.text.trim();
        if (!value) throw new SearchSyntaxError(`${w.field}: needs a value`, w.at);
        return { kind: 'filter', field: w.field as 'origin' | 'classification' | 'tag', value };
      }
    }
  }

  private text(w: Extract<Lexeme, { type: 'word' }>, field: 'any' | 'subject', positive: boolean): QueryNode {
    let raw = w.text;
    let prefix = false;
    if (!w.quoted && raw.endsWith('*')) {
      raw = raw.replace(/\*+$/, '');
      prefix = true;
    }
    if (!w.quoted && raw.includes('*')) {
      throw new SearchSyntaxError(
        '"*" may only end a word (a prefix, like negotiat*)',
        w.at + raw.indexOf('*'),
      );
    }
    const found = tokens(raw);
    if (found.length === 0) {
      if (prefix) throw new SearchSyntaxError('"*" must follow the start of a word, like negotiat*', w.at);
      if (w.quoted) throw new SearchSyntaxError('an empty phrase ""', w.at);
      return { kind: 'all' };
    }
    if (prefix && found[found.length - 1]!.length < 2) {
      throw new SearchSyntaxError('a prefix needs at least 2 letters before "*"', w.at);
    }
    if (found.length === 1 && !prefix && STOP_WORDS.has(found[0]!)) {
      this.ignored.push(found[0]!);
      return { kind: 'all' };
    }
    if (positive) this.highlight.push(...found.filter((t) => !STOP_WORDS.has(t)));
    return { kind: 'text', field, tokens: found, prefix };
  }
}

function and(children: QueryNode[]): QueryNode {
  const kept = children.filter((c) => c.kind !== 'all');
  if (kept.length === 0) return { kind: 'all' };
  if (kept.length === 1) return kept[0]!;
  return { kind: 'and', children: kept };
}

/** Parses a query; throws SearchSyntaxError on a mistake. */
export function parseQuery(input: string): QueryPlan {
  if (input.length > MAX_LENGTH) {
    throw new SearchSyntaxError(`a query is at most ${MAX_LENGTH} characters`, MAX_LENGTH);
  }
  const trimmed = input.trim();
  const parser = new Parser(lex(input));
  const root = parser.parse();
  return {
    root,
    refId: REF_ID.test(trimmed) ? trimmed.toUpperCase() : null,
    highlight: [...new Set(parser.highlight)],
    ignored: [...new Set(parser.ignored)],
  };
}

/** True when the query has text to find (else it only filters). */
export function hasText(node: QueryNode): boolean {
  switch (node.kind) {
    case 'text':
      return true;
    case 'and':
    case 'or':
      return node.children.some(hasText);
    default:
      return false;
  }
}

/** The words of a highlight parameter (`?hl=`), folded, for marking on a cable page. */
export function highlightWords(hl: string): string[] {
  return [...new Set(tokens(fold(hl)).filter((t) => !STOP_WORDS.has(t)))].slice(0, 20);
}
