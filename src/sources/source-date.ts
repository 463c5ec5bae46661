/**
 * Source dates to ISO 8601 UTC at minute precision, as the record wants them. Sources write the
 * same instant in several ways: the cables.csv dump `09/27/2000 14:02`, the cablegate pages and
 * cable files `2000-09-27 14:02`, json that may already hold `2000-09-27T14:02:00Z`.
 */

const ISO_LIKE = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]00:?00)?$/;
const US_DATE = /^(\d\d)\/(\d\d)\/(\d{4})(?: (\d\d):(\d\d))?$/;

function build(year: string, month: string, day: string, hour = '00', minute = '00'): string | null {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31 || Number(hour) > 23 || Number(minute) > 59) return null;
  return `${year}-${month}-${day}T${hour}:${minute}:00Z`;
}

/**
 * `2006-08-31 06:06`, `2006-08-31T06:06:00Z`, `08/31/2006 06:06` (or a date alone) ->
 * `2006-08-31T06:06:00Z`; anything else (`unknown`, empty) -> null.
 */
export function isoMinute(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  let m = ISO_LIKE.exec(text);
  if (m) return build(m[1]!, m[2]!, m[3]!, m[4], m[5]);
  m = US_DATE.exec(text);
  if (m) return build(m[3]!, m[1]!, m[2]!, m[4], m[5]);
  return null;
}
