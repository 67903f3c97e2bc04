// The alertmanager.yml snippet in the README is what operators copy: amtool must accept it as it is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from './helpers/journal.js';

test("the README's webhook_configs snippet passes amtool check-config, in both auth variants", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Alertmanager configuration'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(yaml, 'snippet found');
  const dir = mkdtempSync(join(tmpdir(), 'journal-readme-'));
  try {
    // The credential files the snippet names, placed in the temp dir.
    const bearer = yaml.replaceAll('/etc/alertmanager/', `${dir}/`);
    writeFileSync(join(dir, 'journal-token'), 'secret');
    writeFileSync(join(dir, 'journal-password'), 'secret');
    // The basic-auth variant: the commented block instead of the bearer one.
    const basic = bearer
      .split('\n')
      .filter((line, i, all) => !/^\s+authorization:$/.test(line) && !/^\s+authorization:$/.test(all[i - 1] ?? '') && !/^\s+authorization:$/.test(all[i - 2] ?? ''))
      .map((line) => line.replace(/^(\s+)# (basic_auth:)/, '$1$2').replace(/^(\s+)# {3}(\w)/, '$1  $2'))
      .join('\n');
    assert.match(basic, /basic_auth:\n\s+username: alertmanager\n\s+password_file:/);
    assert.doesNotMatch(basic, /authorization:/);
    for (const [name, text] of [['bearer.yml', bearer], ['basic.yml', basic]]) {
      writeFileSync(join(dir, name), text);
      const r = spawnSync('amtool', ['check-config', join(dir, name)], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /SUCCESS/);
    }
  } finally {
    removeDir(dir);
  }
});
