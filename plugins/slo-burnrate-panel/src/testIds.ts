// Test ids shared by Jest and the Playwright tests in e2e/ (which import this file).
export const testIds = {
  panel: 'vigil-slo-panel',
  card: (slo: string) => `vigil-slo-card-${slo}`,
  row: (slo: string) => `vigil-slo-row-${slo}`,
  condition: (slo: string) => `vigil-slo-condition-${slo}`,
  budget: (slo: string) => `vigil-slo-budget-${slo}`,
  budgetEvents: (slo: string) => `vigil-slo-budget-events-${slo}`,
  burn: (slo: string, window: string) => `vigil-slo-burn-${slo}-${window}`,
  exhaustion: (slo: string) => `vigil-slo-exhaustion-${slo}`,
  chart: (slo: string) => `vigil-slo-chart-${slo}`,
  missing: (slo: string) => `vigil-slo-missing-${slo}`,
  problems: 'vigil-slo-problems',
  queries: 'vigil-slo-queries',
} as const;
