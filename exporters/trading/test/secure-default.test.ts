// Secure by default: without --ingest.token-file (or basic auth) the exporter starts only on a loopback address,
// or with --ingest.allow-unauthenticated; the log says what is open either way.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { startExporter } from './helpers.js';

const NETWORK = '--web.listen-address=0.0.0.0:0';

describe('ingest secure by default', () => {
  it('refuses to start with ingest open on a network address, naming the ways out', async () => {
    await assert.rejects(
      startExporter([NETWORK]),
      /POST \/v1\/events would accept writes from anyone who can reach 0\.0\.0\.0:0: set --ingest\.token-file \(or basic auth in --web\.config\.file\), listen on 127\.0\.0\.1, or pass --ingest\.allow-unauthenticated/,
    );
  });

  it('starts open on purpose with --ingest.allow-unauthenticated and logs it as open', async () => {
    const ex = await startExporter([NETWORK, '--ingest.allow-unauthenticated']);
    try {
      assert.match(ex.logs.text, /POST \/v1\/events is OPEN: anyone who can reach 0\.0\.0\.0:0 can write to it/);
    } finally {
      await ex.stop();
    }
  });

  it('starts on a network address with a token, and on loopback without one (logged)', async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, 'secret\n');
    const withToken = await startExporter([NETWORK, `--ingest.token-file=${file}`]);
    await withToken.stop();
    assert.doesNotMatch(withToken.logs.text, /without a credential|OPEN/);
    const local = await startExporter();
    await local.stop();
    assert.match(local.logs.text, /POST \/v1\/events accepts writes without a credential from any process on this machine/);
  });
});
