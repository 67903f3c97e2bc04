export { Stack, StackError, type StackOptions, type RunningService } from './stack.js';
export { discoverComponents, workspaceDirs, orderByDependencies, ManifestError, type Component, type ComponentSpec } from './manifest.js';
export { localPrometheusConfig, localAlertmanagerConfig } from './configs.js';
export { findBinaries, INSTALL_HINT } from './binaries.js';
export { substitute } from './placeholders.js';
