export { packagePlugin, repositoryLinks, zipName, type PackagedPlugin, type PackageOptions } from './packagePlugin.js';
export { readPluginSource, type PluginJson, type PluginSource } from './pluginSource.js';
export { absoluteReadme, markdownLinks } from './readme.js';
export { GRAFANA_SHARED_PACKAGES } from './rules/sharedModules.js';
export { TEMPLATE_LOGO_SHA256 } from './rules/logos.js';
export { checkArchive, checkZipFile, openArchive, RULES, type ArchiveUnderCheck, type Finding } from './validate.js';
export { readZip, writeZip, type ZipEntry } from './zip.js';
export { installZip, verifyChecksum, type InstalledPlugin } from './installZip.js';
