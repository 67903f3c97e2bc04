// The host page's getBackendSrv() reads bodies as Grafana's BackendSrv does: an application/json answer through
// Response.json() (invalid JSON fails, an empty declared-JSON body is {}), other answers as text parsed when they
// parse. Real WHATWG Responses (Node's fetch implementation), as the browser hands them to the host page.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseResponseBody } from '../host/src/responseBody.js';

const res = (body: string, type?: string, length?: string) => {
  const headers = new Headers();
  if (type) headers.set('content-type', type);
  if (length) headers.set('content-length', length);
  return new Response(body, { headers });
};

test('an application/json answer is read with Response.json(): parsed, and invalid JSON fails as in Grafana', async () => {
  assert.deepEqual(await parseResponseBody(res('[{"a":1}]', 'application/json'), undefined), [{ a: 1 }]);
  assert.deepEqual(await parseResponseBody(res('{"a":1}', 'Application/JSON'), undefined), { a: 1 });
  // Grafana's text fallback applies only to answers not declared JSON: a broken JSON answer is an error there.
  await assert.rejects(parseResponseBody(res('pong', 'application/json'), undefined), SyntaxError);
  await assert.rejects(parseResponseBody(res('pong'), 'json'), SyntaxError);
});

test('an empty body declared JSON is {}', async () => {
  assert.deepEqual(await parseResponseBody(res('', 'application/json', '0'), undefined), {});
});

test('other answers are text, parsed as JSON when they parse; text, blob and arraybuffer when asked', async () => {
  assert.equal(await parseResponseBody(res('pong', 'text/plain'), undefined), 'pong');
  assert.deepEqual(await parseResponseBody(res('{"a":1}', 'text/plain'), undefined), { a: 1 });
  // "application/json; charset=utf-8" is not exactly application/json for Grafana: the text path, same result.
  assert.deepEqual(await parseResponseBody(res('{"a":1}', 'application/json; charset=utf-8'), undefined), { a: 1 });
  assert.equal(await parseResponseBody(res('', 'text/plain'), undefined), '');
  assert.equal(await parseResponseBody(res('{"a":1}', 'application/json'), 'text'), '{"a":1}');
  assert.equal(((await parseResponseBody(res('abc'), 'arraybuffer')) as ArrayBuffer).byteLength, 3);
  assert.equal(((await parseResponseBody(res('abcd'), 'blob')) as Blob).size, 4);
});
