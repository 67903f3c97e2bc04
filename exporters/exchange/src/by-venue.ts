// The exchange figures change per venue, when its poll lands (or its stream delivers): each family's series are
// grouped by venue, and a venue's lines are rendered once and reused by the scrapes until one of them changes.
import type { VecOptions } from '@vigil/exporter-kit';

export const BY_VENUE: VecOptions = { partitionBy: 'venue' };
