// The one mock of @grafana/runtime (see jest-setup.js): the location service records partial updates, the
// template service serves whatever variables a test declares for its dashboard.
export interface MockVariable {
  name: string;
  includeAll?: boolean;
}

let variables: MockVariable[] = [];

export function setDashboardVariables(list: MockVariable[]) {
  variables = list;
}

export const locationService = {
  partial: jest.fn(),
  getSearchObject: jest.fn(() => ({})),
};

export function getTemplateSrv() {
  return {
    getVariables: () => variables,
    replace: (s: string) => s,
  };
}
