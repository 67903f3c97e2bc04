// The plugins' use of @grafana/data, @grafana/ui and @grafana/runtime compared with another Grafana version's
// packages by @grafana/levitate, offline: levitate normally downloads each target version from npm; here the
// target packages are already installed (grafana-versions/*, through the lockfile) and levitate's own compiler
// pieces are called on them. One TypeScript program reads the plugins (and, through their imports, the packages
// they build with); one more reads each target version.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  COMPILER_OPTIONS,
  getPackageUsage,
  getTypeDefinitionFilePath,
  hasChanged,
  type ExportsInfo,
} from '@grafana/levitate';
import type ts from 'typescript';

export const CHECKED_PACKAGES = ['@grafana/data', '@grafana/ui', '@grafana/runtime'] as const;

export interface ApiIncompatibility {
  package: string;
  /** export name; class members as Class.member */
  name: string;
  kind: 'missing' | 'changed';
  /** where the plugin uses it: file:line */
  usedAt: string;
  /** the declaration the plugin builds against, and the target's (changed only) */
  built?: string;
  target?: string;
}

type Levitate = {
  ts: typeof ts;
  getExportedSymbolsForProgram(program: ts.Program): ExportsInfo['exports'];
};

let levitate: Promise<Levitate> | undefined;

/** levitate's TypeScript and its exports reader (not in its package exports), from levitate's own folder. */
function levitateInternals(): Promise<Levitate> {
  levitate ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@grafana/levitate');
    const req = createRequire(entry);
    const { getExportedSymbolsForProgram } = (await import(
      pathToFileURL(join(dirname(entry), 'compiler', 'exports.js')).href
    )) as Pick<Levitate, 'getExportedSymbolsForProgram'>;
    return { ts: req('@tsd/typescript') as typeof ts, getExportedSymbolsForProgram };
  })();
  return levitate;
}

function typesFile(nodeModules: string, pkg: string): string {
  return getTypeDefinitionFilePath(join(nodeModules, pkg));
}

/** The exports of one root file of a program, flattened the way levitate flattens them (Class.member). */
function exportsOf(lev: Levitate, program: ts.Program, file: string): ExportsInfo {
  const only = { ...program, getRootFileNames: () => [file] } as ts.Program;
  return { exports: lev.getExportedSymbolsForProgram(only), program } as ExportsInfo;
}

function declarationText(symbol: ts.Symbol | undefined): string | undefined {
  const d = symbol?.declarations?.[0];
  return d?.getText().replace(/\s+/g, ' ').slice(0, 400);
}

export interface PluginProgram {
  program: ts.Program;
  /** node_modules the plugins resolve @grafana/* from */
  nodeModules: string;
}

/** One program over every plugin entry (and fixtures), so the packages' declarations are read once. */
export async function pluginProgram(entries: string[], nodeModules: string): Promise<PluginProgram> {
  const lev = await levitateInternals();
  const program = lev.ts.createProgram(entries, {
    ...(COMPILER_OPTIONS as ts.CompilerOptions),
    jsx: lev.ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    noEmit: true,
  });
  program.getTypeChecker();
  return { program, nodeModules };
}

/** A target version's declarations, one program for the three packages. */
export async function targetProgram(nodeModules: string): Promise<ts.Program> {
  const lev = await levitateInternals();
  const program = lev.ts.createProgram(
    CHECKED_PACKAGES.map((p) => typesFile(nodeModules, p)),
    { ...(COMPILER_OPTIONS as ts.CompilerOptions), skipLibCheck: true, noEmit: true },
  );
  program.getTypeChecker();
  return program;
}

/**
 * Every export of @grafana/data|ui|runtime that a source file under `under` uses and that the target version lacks
 * (missing) or declares differently (changed, as levitate judges a change: parameters, members, types).
 */
export async function apiIncompatibilities(
  plugins: PluginProgram,
  target: ts.Program,
  targetNodeModules: string,
  under: string,
): Promise<ApiIncompatibility[]> {
  const lev = await levitateInternals();
  const out: ApiIncompatibility[] = [];
  for (const pkg of CHECKED_PACKAGES) {
    const built = exportsOf(lev, plugins.program, typesFile(plugins.nodeModules, pkg));
    const theirs = exportsOf(lev, target, typesFile(targetNodeModules, pkg));
    for (const [sourceFile, usages] of getPackageUsage(plugins.program, built, pkg)) {
      if (!sourceFile.fileName.startsWith(under)) continue;
      for (const [name, identifier] of Object.entries(usages)) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(identifier.getStart());
        const usedAt = `${sourceFile.fileName.slice(under.length).replace(/^\//, '')}:${line + 1}`;
        const mine = built.exports[name];
        const other = theirs.exports[name];
        // levitate also counts property reads through an index signature (labels.slo on Labels): not an export.
        if (!mine) continue;
        if (!other) {
          out.push({ package: pkg, name, kind: 'missing', usedAt });
        } else if (
          hasChanged(
            { key: name, symbol: mine, program: built.program } as never,
            { key: name, symbol: other, program: theirs.program } as never,
          )
        ) {
          out.push({
            package: pkg,
            name,
            kind: 'changed',
            usedAt,
            built: declarationText(mine),
            target: declarationText(other),
          });
        }
      }
    }
  }
  return out;
}
