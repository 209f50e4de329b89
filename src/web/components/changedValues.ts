/**
 * The fields of a form's body that differ from what the record holds (compared as JSON, so arrays and
 * nulls compare by value): what a PATCH sends, leaving the rest of the record as it is.
 */
export function changedValues<T extends object>(next: T, before: Partial<T>): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changed[key] = next[key];
  }
  return changed;
}
