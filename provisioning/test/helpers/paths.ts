// Paths the tests share: the workspace, the repo root and the provisioning folders. (Binaries and the peers'
// reference data are found by @vigil/test-support.)
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(workspaceDir, '..');
export const prometheusDir = resolve(workspaceDir, 'prometheus');
export const sloDir = resolve(workspaceDir, 'slo');
export const alertmanagerDir = resolve(workspaceDir, 'alertmanager');
