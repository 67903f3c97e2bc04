import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import path from 'path';

import { schemaFile } from '@vigil/test-support/schemas';

// The vendored, pinned plugin.json schema: ../shared/schemas on CI, .reference/schemas after reference:fetch.
const schemaPath = schemaFile('plugin.schema.json', path.resolve(__dirname, '..', '..', '..'));

function validator() {
  const ajv = new Ajv({ unicodeRegExp: false, strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('plugin.json', () => {
  const pluginJson = JSON.parse(readFileSync(path.resolve(__dirname, 'plugin.json'), 'utf8'));

  it('validates against Grafana plugin.json schema', () => {
    const validate = validator();
    const ok = validate(pluginJson);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is the vigil-alerts-app app: pages gated by actions, every route by a declared action', () => {
    expect(pluginJson.id).toBe('vigil-alerts-app');
    const actions = pluginJson.roles.flatMap((r: { role: { permissions: Array<{ action: string }> } }) => r.role.permissions.map((p) => p.action));
    for (const r of pluginJson.routes) {
      expect(actions).toContain(r.reqAction);
      expect(['GET', 'POST', 'DELETE']).toContain(r.method);
    }
    for (const i of pluginJson.includes) {
      expect(actions).toContain(i.action);
    }
    expect(pluginJson.type).toBe('app');
    expect(pluginJson.backend).toBeUndefined();
    expect(pluginJson.dependencies.grafanaDependency).toBe('>=11.6.0'); // Combobox sets the floor (the version matrix of @vigil/plugin-release)
  });

  it('the schema does reject a broken plugin.json', () => {
    const validate = validator();
    expect(validate({ ...pluginJson, type: 'widget' })).toBe(false);
    expect(validate({ ...pluginJson, id: undefined })).toBe(false);
  });
});
