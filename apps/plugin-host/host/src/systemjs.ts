// SystemJS with the AMD extra, as Grafana loads plugins: create-plugin builds dist/module.js as an AMD module
// whose dependencies (react, @grafana/ui, ...) are resolved through an import map to shared modules.
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

interface SystemJSLike {
  import(id: string): Promise<Record<string, unknown>>;
  set(id: string, module: Record<string, unknown>): void;
  addImportMap(map: { imports: Record<string, string> }): void;
}

export const SystemJS = (window as unknown as { System: SystemJSLike }).System;

// Grafana prefixes shared dependencies so they act as URLs rather than bare specifiers.
export const SHARED_DEPENDENCY_PREFIX = 'package';
