// Alertmanager API v2 silence matchers ({name, value, isRegex, isEqual}) as request input: the same shape the
// alert-management app sends to Alertmanager, validated here with the field path of the first bad one.
import type { AmMatcher } from '../clients/alertmanager.js';
import { badRequest } from './errors.js';
import { LABEL_NAME } from './validate.js';
export const MAX_MATCHERS = 64;
const MAX_VALUE = 1024;

export function parseSilenceMatchers(value: unknown, field = 'matchers'): AmMatcher[] {
  if (!Array.isArray(value)) throw badRequest(field, 'expected an array of {name, value, isRegex, isEqual}');
  if (value.length === 0) throw badRequest(field, 'must not be empty: no matcher would match every alert');
  if (value.length > MAX_MATCHERS) throw badRequest(field, `at most ${MAX_MATCHERS} matchers`);
  return value.map((m, i) => {
    const at = `${field}[${i}]`;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) throw badRequest(at, 'expected an object {name, value, isRegex, isEqual}');
    const o = m as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!['name', 'value', 'isRegex', 'isEqual'].includes(key)) throw badRequest(`${at}.${key}`, 'unknown field; allowed: name, value, isRegex, isEqual');
    }
    if (typeof o.name !== 'string' || !LABEL_NAME.test(o.name)) throw badRequest(`${at}.name`, 'expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)');
    if (typeof o.value !== 'string') throw badRequest(`${at}.value`, 'expected a string');
    if (o.value.length > MAX_VALUE) throw badRequest(`${at}.value`, `must be at most ${MAX_VALUE} characters`);
    if (typeof o.isRegex !== 'boolean') throw badRequest(`${at}.isRegex`, 'expected true or false');
    if (o.isEqual !== undefined && typeof o.isEqual !== 'boolean') throw badRequest(`${at}.isEqual`, 'expected true or false');
    if (o.isRegex) {
      try {
        new RegExp(`^(?:${o.value})$`);
      } catch (err) {
        throw badRequest(`${at}.value`, `not a valid regular expression: ${(err as Error).message}`);
      }
    }
    return { name: o.name, value: o.value, isRegex: o.isRegex, isEqual: o.isEqual !== false };
  });
}
