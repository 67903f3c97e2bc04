// node_exporter's scrape filters: `/metrics?collect[]=cpu&collect[]=meminfo` runs only those collectors,
// `?exclude[]=netdev` every enabled one but those (node_exporter 1.9); both at once, or a collector that is not
// there or not enabled, is refused with node_exporter's 400 and message. The exporter's own metrics (process,
// build info, health) are in every answer, filtered or not, as node_exporter's are.

/** A scrape's filter refused: the message is the body of the 400 answer. */
export class ScrapeFilterError extends Error {}

/**
 * The collectors a scrape asked for, or undefined when it did not filter (no query string: the common case reads
 * nothing more). `enabled` are the collectors the exporter runs; `known` also holds those it has but does not run.
 */
export function scrapeFilter(url: string | undefined, enabled: readonly string[], known: ReadonlySet<string>): ReadonlySet<string> | undefined {
  const q = url?.indexOf('?') ?? -1;
  if (q < 0) return undefined;
  const params = new URLSearchParams(url!.slice(q + 1));
  const collect = params.getAll('collect[]');
  const exclude = params.getAll('exclude[]');
  if (collect.length === 0 && exclude.length === 0) return undefined;
  if (collect.length > 0 && exclude.length > 0) throw new ScrapeFilterError('Combined collect and exclude queries are not allowed.');
  if (exclude.length > 0) return new Set(enabled.filter((name) => !exclude.includes(name)));
  for (const name of collect) {
    if (enabled.includes(name)) continue;
    const why = known.has(name) ? 'disabled collector' : 'missing collector';
    throw new ScrapeFilterError(`Couldn't create filtered metrics handler: couldn't create collector: ${why}: ${name}`);
  }
  return new Set(collect);
}
