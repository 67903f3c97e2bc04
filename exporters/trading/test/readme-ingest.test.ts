// The README's ingest example, run as written: its token path is the one the local stack writes, and its batch
// is accepted with the answer the README shows.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { post, scrape, startExporter, type Running } from './helpers.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(here, 'README.md'), 'utf8');
const snippet = /```sh\n(TOKEN=\$\(cat [^\n]+\)\ncurl [^\n]+\/v1\/events -d '[\s\S]*?'\n# [^\n]+)\n```/.exec(readme)?.[1];

describe('README ingest example', () => {
  let ex: Running;
  const token = 'readme-example-token';
  before(async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, token);
    ex = await startExporter([`--ingest.token-file=${file}`]);
  });
  after(async () => ex?.stop());

  it('is in the README, reading the token file the local stack writes', () => {
    assert.ok(snippet, 'a ```sh block with TOKEN=$(cat ...) and curl ... /v1/events -d \'[...]\'');
    const tokenPath = /TOKEN=\$\(cat ([^)]+)\)/.exec(snippet)![1];
    const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { vigilStack: Array<{ command: string[] }> };
    const secret = /\{secret:([a-z0-9-]+)\}/.exec(manifest.vigilStack.flatMap((c) => c.command).join(' '))![1];
    assert.equal(tokenPath, `.vigil/secrets/${secret}`);
    assert.match(snippet, /http:\/\/127\.0\.0\.1:9300\/v1\/events/);
  });

  it('is accepted as written, with the answer it shows, and the order is counted', async () => {
    const body = /-d '([\s\S]*?)'\n/.exec(snippet!)![1];
    const shown = JSON.parse(/\n# (\{[^\n]+\})$/.exec(snippet!)![1]) as Record<string, unknown>;
    const r = await post(ex.url, body, { token });
    assert.equal(r.status, 202, JSON.stringify(r.json));
    assert.deepEqual(r.json, shown);
    assert.match(await scrape(ex.url), /^trading_orders_submitted_total\{[^}]*venue="binance"[^}]*\} 1$/m);
  });
});
