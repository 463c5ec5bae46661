/**
 * What a TAGS code stands for: a subject code (`PREL`), a country or region (`RS`, FIPS 10-4),
 * an organisation (`IAEA`), or a name or word written as a tag (programmes, people), which has no
 * glossary entry.
 */
import { COUNTRY_CODES } from './data/country-codes.ts';
import { ORGANISATION_TAGS } from './data/organisation-tags.ts';
import { SUBJECT_TAGS } from './data/subject-tags.ts';

export type TagKind = 'subject' | 'country' | 'organisation' | 'other';

export interface ExplainedTag {
  tag: string;
  kind: TagKind;
  meaning: string | null;
}

export function explainTag(tag: string): ExplainedTag {
  const subject = SUBJECT_TAGS.get(tag);
  if (subject) return { tag, kind: 'subject', meaning: subject };
  const country = COUNTRY_CODES.get(tag);
  if (country) return { tag, kind: 'country', meaning: country };
  const organisation = ORGANISATION_TAGS.get(tag);
  if (organisation) return { tag, kind: 'organisation', meaning: organisation };
  return { tag, kind: 'other', meaning: null };
}

export const TAG_KIND_NAMES: Record<TagKind, string> = {
  subject: 'subject',
  country: 'country or region',
  organisation: 'organisation',
  other: 'name or keyword',
};
