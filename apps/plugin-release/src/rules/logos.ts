// Logos present, and not the placeholder create-plugin scaffolds (the validator's logos and templatereadme-style
// checks): compared by sha256 with the logo.svg of @grafana/create-plugin 7.1.7's templates (common/ and scenes-app/
// hold the same file).
import { createHash } from 'node:crypto';

import type { Finding, Rule } from './types.js';

export const TEMPLATE_LOGO_SHA256 = new Set(['1defc6f7e585c67657bcfd8fddc599ee7dfa82f8674413f49fa274c2cd453ec6']);

export const logos: Rule = (archive) => {
  const findings: Finding[] = [];
  const logoPaths = archive.pluginJson?.info?.logos ?? {};
  for (const size of ['small', 'large'] as const) {
    const path = logoPaths[size];
    if (!path) {
      findings.push({ rule: 'logos', severity: 'error', message: `plugin.json info.logos.${size} is not set` });
      continue;
    }
    const data = archive.files.get(path);
    if (!data) {
      findings.push({ rule: 'logos', severity: 'error', message: `logo ${path} (${size}) is not in the archive` });
      continue;
    }
    if (TEMPLATE_LOGO_SHA256.has(createHash('sha256').update(data).digest('hex'))) {
      findings.push({ rule: 'logos', severity: 'error', message: `logo ${path} is create-plugin's template logo` });
    }
  }
  return findings;
};
