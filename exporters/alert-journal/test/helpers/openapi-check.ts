// Validates real responses against the component schemas of the journal's OpenAPI 3.1 document (ajv, JSON Schema 2020-12).
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../src/index.js';

const doc = openApiDocument('test') as { components: { schemas: Record<string, object> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && Number.isFinite(Date.parse(s)));
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addSchema({ $id: 'https://vigil.example/alert-journal/openapi.json', components: doc.components });

export function assertMatchesSchema(name: string, value: unknown): void {
  const validate = ajv.getSchema(`https://vigil.example/alert-journal/openapi.json#/components/schemas/${name}`);
  assert.ok(validate, `no schema ${name}`);
  const ok = validate(value);
  assert.ok(ok, `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
}
