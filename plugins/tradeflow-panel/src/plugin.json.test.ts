import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'fs';
import path from 'path';

import { schemaFile } from '@vigil/test-support/schemas';

// The vendored, pinned plugin.json schema: ../shared/schemas on CI, .reference/schemas after reference:fetch.
const SCHEMA = schemaFile('plugin.schema.json', path.resolve(__dirname, '..', '..', '..'));
const manifest = JSON.parse(readFileSync(path.join(__dirname, 'plugin.json'), 'utf8'));

function compile() {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

describe('src/plugin.json', () => {
  const validate = compile();

  it('is valid against Grafana plugin.json schema', () => {
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('declares the vigil-tradeflow-panel panel for Grafana 10.4 and later (the version matrix of @vigil/plugin-release), with logos that exist', () => {
    expect(manifest).toMatchObject({ id: 'vigil-tradeflow-panel', type: 'panel' });
    expect(manifest.dependencies.grafanaDependency).toBe('>=10.4.0');
    for (const logo of Object.values<string>(manifest.info.logos)) {
      expect(existsSync(path.join(__dirname, logo))).toBe(true);
    }
  });

  it('would fail a manifest the schema forbids (so the check above can fail)', () => {
    expect(validate({ ...manifest, type: 'chart' })).toBe(false);
    expect(validate({ ...manifest, info: { ...manifest.info, author: 'me' } })).toBe(false);
  });
});
