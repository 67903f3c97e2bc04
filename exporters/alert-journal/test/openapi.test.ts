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

test('every operation taking a body documents the 415, and the document states the 405 contract', () => {
  const doc = openApiDocument('1.2.3');
  const paths = doc.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
  const withBody = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody).map(([m, op]) => [`${m} ${path}`, op] as const));
  assert.ok(withBody.length >= 6, `${withBody.length} operations take a body`);
  for (const [name, op] of withBody) assert.ok(op.responses['415']?.headers?.['Accept-Post'], `${name} documents the 415 with Accept-Post`);
  assert.match(String((doc.info as { description: string }).description), /405 with an `Allow` header/);
});
