// node_exporter's deviceFilter: a device is ignored when it matches the exclude pattern or, with an include
// pattern, when it does not match it. The two are mutually exclusive.
import { FlagError, type FlagValues } from '@vigil/exporter-kit';

export class DeviceFilter {
  private readonly exclude?: RegExp;
  private readonly include?: RegExp;

  constructor(exclude: string | undefined, include: string | undefined) {
    if (exclude) this.exclude = new RegExp(exclude);
    if (include) this.include = new RegExp(include);
  }

  /**
   * From --<prefix>.device-exclude (or the value resolved from its deprecated alias) / --<prefix>.device-include.
   * The default exclusion gives way to an explicit include; two explicit patterns are refused at start-up.
   */
  static fromFlags(
    flags: FlagValues,
    prefix: string,
    defaultExclude: string,
    excludeOverride?: string,
  ): DeviceFilter {
    const include = String(flags[`${prefix}.device-include`] ?? '');
    let exclude = excludeOverride ?? String(flags[`${prefix}.device-exclude`] ?? '');
    if (include && exclude === defaultExclude) exclude = '';
    if (include && exclude) {
      throw new FlagError(
        `--${prefix}.device-exclude and --${prefix}.device-include are mutually exclusive`,
        `${prefix}.device-include`,
      );
    }
    return new DeviceFilter(exclude, include);
  }

  ignored(name: string): boolean {
    if (this.exclude && this.exclude.test(name)) return true;
    if (this.include && !this.include.test(name)) return true;
    return false;
  }
}

/** A flag validator: the value must compile as a regular expression. */
export function validRegex(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    new RegExp(String(value));
    return undefined;
  } catch (err) {
    return `expected a regular expression, got ${JSON.stringify(value)}: ${(err as Error).message}`;
  }
}
