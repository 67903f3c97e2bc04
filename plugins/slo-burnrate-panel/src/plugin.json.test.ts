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

  it('is the vigil-sloburnrate-panel panel, for Grafana 10.4 and later (the version matrix of @vigil/plugin-release)', () => {
    expect(pluginJson.id).toBe('vigil-sloburnrate-panel');
    expect(pluginJson.type).toBe('panel');
    expect(pluginJson.dependencies.grafanaDependency).toBe('>=10.4.0');
  });

  it('the schema does reject a broken plugin.json', () => {
    const validate = validator();
    expect(validate({ ...pluginJson, type: 'widget' })).toBe(false);
    expect(validate({ ...pluginJson, id: undefined })).toBe(false);
  });
});
