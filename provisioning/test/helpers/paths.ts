// Paths the tests share: the workspace, the repo root and the peers' reference data beside the checkout.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(workspaceDir, '..');
export const referenceDir = resolve(repoRoot, '..', 'shared', 'reference');
export const prometheusDir = resolve(workspaceDir, 'prometheus');
export const sloDir = resolve(workspaceDir, 'slo');
export const alertmanagerDir = resolve(workspaceDir, 'alertmanager');

/** Binaries: Debian's by default, overridable like the rest of the repo (PROMTOOL_BIN, ...). */
export const bins = {
  promtool: process.env.PROMTOOL_BIN ?? 'promtool',
  prometheus: process.env.PROMETHEUS_BIN ?? 'prometheus',
  alertmanager: process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager',
  amtool: process.env.AMTOOL_BIN ?? 'amtool',
};
