#!/usr/bin/env node
// Writes provisioning/grafana/dashboards/*.json from the TypeScript sources; `--check` only compares.
// Run from provisioning/: npx tsx grafana/src/bin/generate-dashboards.ts [--check]
import { checkDashboards, DASHBOARDS_DIR, writeDashboards } from '../generate.js';

if (process.argv.includes('--check')) {
  const problems = await checkDashboards();
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error('run: npx tsx grafana/src/bin/generate-dashboards.ts');
    process.exit(1);
  }
  console.log(`dashboards up to date in ${DASHBOARDS_DIR}`);
} else {
  const files = await writeDashboards();
  console.log(`wrote ${files.join(', ')} to ${DASHBOARDS_DIR}`);
}
