/**
 * What the classification reasons of a cable mean (section 1.4 of Executive Order 12958 as
 * amended and of E.O. 13526; section 1.5 in E.O. 12958 before its 2003 amendment), and what the
 * classification levels, caveats and portion markings stand for. Text written for this project
 * after spec/cable-record.md.
 */
export const REASON_LETTERS: ReadonlyMap<string, string> = new Map([
  ['a', 'military plans, weapons systems or operations'],
  ['b', 'foreign government information'],
  ['c', 'intelligence activities (including covert action), intelligence sources or methods, or cryptology'],
  ['d', 'foreign relations or foreign activities of the United States, including confidential sources'],
  ['e', 'scientific, technological or economic matters relating to national security'],
  ['f', 'United States Government programs for safeguarding nuclear materials or facilities'],
  [
    'g',
    'vulnerabilities or capabilities of systems, installations, infrastructures, projects, plans or protection services relating to national security',
  ],
  ['h', 'weapons of mass destruction'],
]);

export interface ExplainedReason {
  /** As normalised by the parser: `1.4(b)`. */
  code: string;
  /** `1.4` or `1.5`. */
  section: string;
  letter: string;
  meaning: string | null;
}

const REASON = /^(1\.[45])\(([a-h])\)$/;

/** Explains a normalised reason code; unknown shapes keep their code and no meaning. */
export function explainReason(code: string): ExplainedReason {
  const m = REASON.exec(code);
  if (!m) return { code, section: '', letter: '', meaning: null };
  return { code, section: m[1]!, letter: m[2]!, meaning: REASON_LETTERS.get(m[2]!) ?? null };
}

/** Classification levels and dissemination controls seen in the release. */
export const MARKINGS: ReadonlyMap<string, string> = new Map([
  ['TOP SECRET', 'disclosure could be expected to cause exceptionally grave damage to national security'],
  ['SECRET', 'disclosure could be expected to cause serious damage to national security'],
  ['CONFIDENTIAL', 'disclosure could be expected to cause damage to national security'],
  ['UNCLASSIFIED', 'not classified; may still carry handling restrictions'],
  ['FOR OFFICIAL USE ONLY', 'unclassified, but withheld from the public (FOUO)'],
  ['SBU', 'Sensitive But Unclassified: unclassified information withheld from the public'],
  ['NOFORN', 'not releasable to foreign nationals'],
  ['SIPDIS', 'intended for the SIPRNet distribution (posted to the classified intranet)'],
  ['NODIS', 'no distribution beyond the addressees without the originator’s approval'],
  ['EXDIS', 'exclusive distribution to officers with an essential need to know'],
  ['LIMDIS', 'limited distribution'],
  ['STADIS', 'State Department distribution only'],
  ['EFTO', 'Encrypted For Transmission Only: unclassified but sent encrypted'],
]);

/** Portion markings in parentheses at the start of a paragraph. */
export const PORTION_MARKINGS: ReadonlyMap<string, string> = new Map([
  ['U', 'Unclassified'],
  ['SBU', 'Sensitive But Unclassified'],
  ['FOUO', 'For Official Use Only'],
  ['C', 'Confidential'],
  ['C/NF', 'Confidential, not releasable to foreign nationals'],
  ['S', 'Secret'],
  ['S/NF', 'Secret, not releasable to foreign nationals'],
  ['TS', 'Top Secret'],
]);

/** The meaning of a portion marking, also of composed ones like `C//REL` (first part). */
export function explainPortion(marking: string): string {
  return PORTION_MARKINGS.get(marking) ?? PORTION_MARKINGS.get(marking.split(/\/+/)[0] ?? '') ?? marking;
}
