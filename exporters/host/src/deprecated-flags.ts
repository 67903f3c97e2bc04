// node_exporter 1.5 still accepts the names its flags had before (ignored-mount-points, device-blacklist, ...),
// so command lines copied from an old /etc/default/prometheus-node-exporter keep working. The same here.
import { FlagError, type FlagSpec, type FlagValues } from '@vigil/exporter-kit';
import type { Logger } from 'pino';

export interface DeprecatedAlias {
  old: string;
  current: string;
}

/** Hidden flag specs for the old names. */
export function aliasFlags(aliases: DeprecatedAlias[]): FlagSpec[] {
  return aliases.map((a) => ({
    name: a.old,
    type: 'string',
    hidden: true,
    help: `Deprecated: use --${a.current}.`,
  }));
}

/**
 * The value to use for `current`: the old flag's when only it was changed (with a warning, as node_exporter
 * logs), an error when both were.
 */
export function resolveAlias(
  flags: FlagValues,
  alias: DeprecatedAlias,
  currentDefault: string,
  logger: Logger,
): string {
  const old = String(flags[alias.old] ?? '');
  const current = String(flags[alias.current] ?? '');
  if (old === '') return current;
  if (current !== currentDefault && current !== '') {
    throw new FlagError(`--${alias.old} and --${alias.current} are mutually exclusive`, alias.old);
  }
  logger.warn(`--${alias.old} is DEPRECATED and will be removed in 2.0.0, use --${alias.current}`);
  return old;
}
