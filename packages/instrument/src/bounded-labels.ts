// Label values a service does not control in advance (error types, queue names, symbols) kept bounded: the
// first `max` distinct values are used as they are, later ones fold into "other", and the fold is counted so a
// dashboard can show that series were merged.
import { Counter, type Registry } from 'prom-client';

export const OTHER = 'other';

const dropCounters = new WeakMap<Registry, Counter<'service' | 'label'>>();

/** The registry's `instrument_label_values_folded_total{service,label}`, created once per registry. */
function foldCounter(registry: Registry): Counter<'service' | 'label'> {
  let c = dropCounters.get(registry);
  if (!c) {
    c = new Counter({
      name: 'instrument_label_values_folded_total',
      help: 'Label values folded into "other" because the label reached its cap of distinct values, by label.',
      labelNames: ['service', 'label'],
      registers: [registry],
    });
    dropCounters.set(registry, c);
  }
  return c;
}

export class BoundedLabel {
  private readonly seen = new Set<string>();
  private readonly folded: Counter<'service' | 'label'>;

  constructor(
    registry: Registry,
    private readonly service: string,
    private readonly label: string,
    private readonly max: number,
  ) {
    this.folded = foldCounter(registry);
  }

  /** The value itself while fewer than `max` distinct values were seen (or it is one of them), else "other". */
  value(v: string): string {
    if (this.seen.has(v)) return v;
    if (this.seen.size < this.max) {
      this.seen.add(v);
      return v;
    }
    this.folded.inc({ service: this.service, label: this.label });
    return OTHER;
  }
}
