// README links absolute (the validator's brokenlinks pass reports a relative one as an error), and the images the
// README shows from the plugin's own folder shipped inside the archive, so the page shows them offline as well.
import { archivePathOf, isAbsoluteLink, markdownLinks, repoPathOfUrl } from '../readme.js';
import { text, type Finding, type Rule } from './types.js';

export const readmeLinks: Rule = (archive) => {
  const readme = text(archive, 'README.md');
  if (readme === undefined) return [];
  const findings: Finding[] = [];
  for (const link of markdownLinks(readme)) {
    if (!isAbsoluteLink(link.target)) {
      findings.push({ rule: 'readme', severity: 'error', message: `README.md: relative link ${link.target} (make it absolute)` });
      continue;
    }
    const repoPath = repoPathOfUrl(archive.repo, link.target);
    const inArchive = repoPath === undefined ? undefined : archivePathOf(archive.repo, repoPath);
    if (link.image && inArchive !== undefined && !archive.files.has(inArchive)) {
      findings.push({
        rule: 'readme',
        severity: 'error',
        message: `README.md: image ${link.target} is not in the archive (expected ${archive.id}/${inArchive})`,
      });
    }
  }
  return findings;
};
