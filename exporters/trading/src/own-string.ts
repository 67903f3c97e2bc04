// A copy of a string that keeps nothing else alive. V8 makes substrings of 13 characters or more (split,
// slice) views into their parent, so a label value or order id kept for hours would pin the whole text it
// was cut from (an ingest worker's string table, tens of KB). Concatenating forces a flat copy.
const MIN_VIEW_LENGTH = 13;

export function ownString(s: string): string {
  return s.length < MIN_VIEW_LENGTH ? s : ` ${s}`.slice(1);
}
