/**
 * Routing headers as templates: a real header (modern `VZCZC` / `DE` / precedence and date-time
 * group / `FM` / `TO` / `INFO`, or the older `PAGE 01` / `ACTION` / `INFO LOG-00` layout) is cut
 * into lines, and the lines that name the sender, its serial, the date-time group and the
 * classification become slots. Rendering fills the slots with a generated cable's values, so the
 * header agrees with the new id, station, serial and date; every other line (addressees, routing
 * lines, distribution codes) is kept as the real cable had it.
 */
import type { Random } from './random.ts';

export type Slot =
  | { kind: 'text'; text: string }
  | { kind: 'transmission'; letters: string }
  | { kind: 'de' }
  | { kind: 'security'; suffix: string }
  /** `precedence` is the text before the date-time group with its spaces (`O `), maybe empty. */
  | { kind: 'precedence'; precedence: string; suffix: string }
  | { kind: 'from' }
  | { kind: 'to-state'; prefix: string; rest: string }
  | { kind: 'old-classification'; indent: string; code: string }
  | { kind: 'old-page' }
  | { kind: 'old-marker'; before: string; after: string };

export interface HeaderTemplate {
  /** `modern` (has a DE line), `old` (a PAGE 01 head) or `short` (precedence, FM, TO only). */
  layout: 'modern' | 'old' | 'short';
  slots: Slot[];
}

/** What a rendered header says about its cable. */
export interface HeaderValues {
  route: string;
  serial: number;
  sections: number;
  /** The cable's creation time (UTC). */
  time: Date;
  /** The `FM` name: `AMEMBASSY MOSCOW`. */
  from: string;
  /** The sender as written on page lines: `MOSCOW`, `ABU DHABI`. */
  place: string;
  /** Classification word of old headers: `CONFIDENTIAL`, `SECRET`, `UNCLASSIFIED`. */
  word: string;
  /** An addressee for cables the Department sends: `RUEHMO/AMEMBASSY MOSCOW`. */
  addressee: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const TRANSMISSION = /^VZCZC([A-Z]{3})\d{4}\s*$/;
const DE_LINE = /^DE RU[A-Z0-9]+ #\d+/;
const SECURITY = /^ZN[YR] [A-Z]{5}( ZZH.*)?$/;
/** The date-time group line, after a precedence (`O`, `O R`, `NIACT IMMEDIATE` ...) or alone, maybe with a suffix (`ZDK`). */
const PRECEDENCE = /^((?:[A-Z]{1,6}(?: [A-Z]{1,9}){0,2}) +)?\d{6}Z ?[A-Za-z]{3} ?\d{2}\b(.*)$/;
/^((?:NIACT )?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH)|[OPRZ]{1,2})\s+\d{6}Z ?[A-Z]{3} ?\d{2}\b(.*)$/;
const FM_LINE = /^FM /;
const TO_STATE = /^(TO (?:RUEHC\/)?)SECSTATE WASHDC(.*)$/;
const OLD_CLASSIFICATION =
  /^(\s+)(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)\s+([A-Z]{3}\d{3,5})\s*$/;
const OLD_PAGE = /^PAGE 01\s+\S/;
const OLD_MARKER = /^(\s*-{4,}[0-9A-F]{6}\s+)\d{6}Z( .*)$/;
const PARTIAL = /partial extract of the original cable/i;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `101526Z FEB 06` for the time. */
export function dateTimeGroup(time: Date): string {
  return `${pad(time.getUTCDate(), 2)}${pad(time.getUTCHours(), 2)}${pad(time.getUTCMinutes(), 2)}Z ${
    MONTHS[time.getUTCMonth()]
  } ${pad(time.getUTCFullYear() % 100, 2)}`;
}

function dayOfYear(time: Date): number {
  return Math.floor((time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Line recognisers, tried in order; a line no rule takes is kept as text. */
const RULES: [RegExp, (m: RegExpExecArray) => Slot][] = [
  [TRANSMISSION, (m) => ({ kind: 'transmission', letters: m[1]! })],
  [DE_LINE, () => ({ kind: 'de' })],
  [SECURITY, (m) => ({ kind: 'security', suffix: m[1] ?? '' })],
  [PRECEDENCE, (m) => ({ kind: 'precedence', precedence: m[1] ?? '', suffix: m[2]! })],
  [FM_LINE, () => ({ kind: 'from' })],
  [TO_STATE, (m) => ({ kind: 'to-state', prefix: m[1]!, rest: m[2]! })],
  [OLD_CLASSIFICATION, (m) => ({ kind: 'old-classification', indent: m[1]!, code: m[2]! })],
  [OLD_PAGE, () => ({ kind: 'old-page' })],
  [OLD_MARKER, (m) => ({ kind: 'old-marker', before: m[1]!, after: m[2]! })],
];

function slotOf(line: string): Slot {
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(line);
    if (m) return make(m);
  }
  return { kind: 'text', text: line };
}

/** The template of a real header; null when the header is empty or has nothing to fill. */
export function headerTemplate(header: string): HeaderTemplate | null {
  const slots: Slot[] = [];
  for (const line of header.split('\n')) if (!PARTIAL.test(line)) slots.push(slotOf(line));
  while (slots.length && slots[0]!.kind === 'text' && (slots[0] as { text: string }).text.trim() === '')
    slots.shift();
  const kinds = new Set(slots.map((slot) => slot.kind));
  if (!kinds.has('precedence') && !kinds.has('from') && !kinds.has('old-page')) return null;
  return { layout: kinds.has('de') ? 'modern' : kinds.has('old-page') ? 'old' : 'short', slots };
}

/** The header text of a generated cable. */
export function renderHeader(template: HeaderTemplate, values: HeaderValues, rng: Random): string {
  const { time } = values;
  const dtg = dateTimeGroup(time);
  const ddhhmm = dtg.slice(0, 6);
  const fromState = values.from === 'SECSTATE WASHDC';
  const letter = values.word[0]!;
  const lines: string[] = [];
  for (const slot of template.slots) {
    switch (slot.kind) {
      case 'text':
        lines.push(slot.text);
        break;
      case 'transmission':
        lines.push(`VZCZC${slot.letters}${pad(rng.int(10000), 4)}`);
        break;
      case 'de':
        lines.push(
          `DE ${values.route} #${pad(values.serial % 10000, 4)}${values.sections > 1 ? '/01' : ''} ${pad(
            dayOfYear(time),
            3,
          )}${dtg.slice(2, 6)}`,
        );
        break;
      case 'security':
        lines.push(`${letter === 'U' ? 'ZNR' : 'ZNY'} ${letter.repeat(5)}${slot.suffix}`);
        break;
      case 'precedence':
        lines.push(`${slot.precedence}${dtg}${slot.suffix}`);
        break;
      case 'from':
        lines.push(`FM ${values.from}`);
        break;
      case 'to-state':
        lines.push(
          fromState ? `TO ${values.addressee}${slot.rest}` : `${slot.prefix}SECSTATE WASHDC${slot.rest}`,
        );
        break;
      case 'old-classification':
        lines.push(`${slot.indent}${values.word.padEnd(12)}     ${slot.code}`);
        break;
      case 'old-page':
        lines.push(
          `PAGE 01        ${values.place}  ${pad(values.serial % 100000, 5)}  ${
            values.sections > 1 ? `01 OF ${pad(values.sections, 2)}  ` : ''
          }${ddhhmm}Z `,
        );
        break;
      case 'old-marker':
        lines.push(`${slot.before}${ddhhmm}Z${slot.after}`);
        break;
    }
  }
  return lines.join('\n');
}
