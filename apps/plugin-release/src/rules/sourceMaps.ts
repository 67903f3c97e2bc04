// Every built script ships its source map (the validator's sourcemap pass reads them to compare the build with
// the source): the .map exists, parses, names its sources and carries their contents.
import { text, type Finding, type Rule } from './types.js';

export const sourceMaps: Rule = (archive) => {
  const findings: Finding[] = [];
  const error = (message: string) => findings.push({ rule: 'source-maps', severity: 'error', message });
  const scripts = [...archive.files.keys()].filter((p) => p.endsWith('.js'));
  if (scripts.length === 0) error('the archive has no built JavaScript');
  for (const script of scripts) {
    const mapText = text(archive, `${script}.map`);
    if (mapText === undefined) {
      error(`${script}.map is missing`);
      continue;
    }
    try {
      const map = JSON.parse(mapText) as { sources?: string[]; sourcesContent?: (string | null)[] };
      if (!map.sources?.length) error(`${script}.map names no sources`);
      else if ((map.sourcesContent ?? []).filter((c) => typeof c === 'string').length !== map.sources.length) {
        error(`${script}.map lacks the content of some of its sources`);
      }
    } catch (err) {
      error(`${script}.map is not JSON: ${(err as Error).message}`);
    }
  }
  return findings;
};
