// Setting a dashboard variable from a click, the way Grafana's own panels move the dashboard: a partial
// update of the URL through the location service (var-<name>=<value>), which the dashboard picks up and
// re-runs its queries with. Only done when the dashboard has a variable of that name.
import { getTemplateSrv, locationService } from '@grafana/runtime';

/** Grafana's URL value for a variable's "All" option. */
export const ALL_VALUE = '$__all';

interface VariableLike {
  name: string;
  includeAll?: boolean;
}

function findVariable(name: string): VariableLike | undefined {
  if (!name) {
    return undefined;
  }
  try {
    return (getTemplateSrv().getVariables() as VariableLike[]).find((v) => v.name === name);
  } catch {
    // Outside a dashboard (no template service): there is nothing to set.
    return undefined;
  }
}

/**
 * Sets `var-<name>` to the value (or back to All when the value is cleared and the variable has All).
 * Returns whether the dashboard was told.
 */
export function setDashboardVariable(name: string, value: string | undefined): boolean {
  const variable = findVariable(name);
  if (!variable) {
    return false;
  }
  const next = value ?? (variable.includeAll ? ALL_VALUE : undefined);
  if (next === undefined) {
    return false;
  }
  locationService.partial({ [`var-${variable.name}`]: next }, true);
  return true;
}
