import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApiDocument } from '../src/index.js';
import { assertValidOpenApi31 } from './helpers/openapi-check.js';

test('the OpenAPI document is valid OpenAPI 3.1 and every $ref resolves', () => {
  const doc = openApiDocument('1.2.3');
  assertValidOpenApi31(doc);
  const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g) ?? [];
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  assert.ok(refs.length > 10);
  for (const r of refs) assert.ok(schemas[r.split('/').pop()!.replace('"', '')], r);
});

test('the validator is not a rubber stamp: a broken document is refused', () => {
  const doc = openApiDocument('1.2.3');
  assert.throws(() => assertValidOpenApi31({ ...doc, info: {} }));
  assert.throws(() => assertValidOpenApi31({ ...doc, paths: { '/x': { get: { parameters: [{ name: 'a', in: 'body' }], responses: {} } } } }));
});
