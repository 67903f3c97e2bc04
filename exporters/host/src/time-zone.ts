// The local time zone's abbreviation as Go's time.Now().Zone() gives it (CET, CEST, JST, IST, +04), so
// node_time_zone_offset_seconds{time_zone} matches node_exporter's. Go reads the zone from $TZ or
// /etc/localtime; the abbreviations for the present are in the TZif file's footer, a POSIX TZ string such as
// "CET-1CEST,M3.5.0,M10.5.0/3". Intl's short name ("GMT+1") is only the fallback.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface ZoneRule {
  std: { name: string; offsetSeconds: number };
  dst?: { name: string; offsetSeconds: number };
}

const NAME = /^(?:<([^>]+)>|([A-Za-z]{3,}))/;
const OFFSET = /^([+-]?)(\d{1,3})(?::(\d{2}))?(?::(\d{2}))?/;

/** Parses the names and offsets of a POSIX TZ string (offsets there are west-positive). */
export function parsePosixTz(tz: string): ZoneRule | undefined {
  let rest = tz.trim();
  const name = () => {
    const m = NAME.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length);
    return m[1] ?? m[2];
  };
  const offset = () => {
    const m = OFFSET.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length);
    const west = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? west : -west;
  };
  const stdName = name();
  const stdOffset = stdName === undefined ? undefined : offset();
  if (stdName === undefined || stdOffset === undefined) return undefined;
  const rule: ZoneRule = { std: { name: stdName, offsetSeconds: stdOffset } };
  const dstName = name();
  if (dstName !== undefined) rule.dst = { name: dstName, offsetSeconds: offset() ?? stdOffset + 3600 };
  return rule;
}

/** The footer of a TZif (version 2+) file: the text between its last two newlines. */
export function tzifFooter(data: Buffer): string | undefined {
  if (data.subarray(0, 4).toString('latin1') !== 'TZif' || data.length < 2 || data[data.length - 1] !== 0x0a)
    return undefined;
  const start = data.lastIndexOf(0x0a, data.length - 2);
  return start < 0 ? undefined : data.subarray(start + 1, data.length - 1).toString('latin1');
}

/** Where Go's time package loads the local zone from. */
export function localZoneFile(env: NodeJS.ProcessEnv): string | 'UTC' {
  const tz = env.TZ;
  if (tz === undefined) return '/etc/localtime';
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name === '' || name === 'UTC') return 'UTC';
  return isAbsolute(name) ? name : join('/usr/share/zoneinfo', name);
}

let cached: { rule?: ZoneRule; utc: boolean } | undefined;

function localRule(): { rule?: ZoneRule; utc: boolean } {
  if (cached) return cached;
  const file = localZoneFile(process.env);
  if (file === 'UTC') return (cached = { utc: true });
  try {
    const footer = tzifFooter(readFileSync(file));
    cached = { rule: footer ? parsePosixTz(footer) : undefined, utc: false };
  } catch {
    // No zone file: Go falls back to UTC.
    cached = { utc: true };
  }
  return cached;
}

let intl: Intl.DateTimeFormat | undefined;

export function zoneAbbreviation(date: Date): string {
  const offsetSeconds = -date.getTimezoneOffset() * 60;
  const { rule, utc } = localRule();
  if (utc && offsetSeconds === 0) return 'UTC';
  if (rule?.dst && rule.dst.offsetSeconds === offsetSeconds) return rule.dst.name;
  if (rule && rule.std.offsetSeconds === offsetSeconds) return rule.std.name;
  intl ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
  return intl.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
}
