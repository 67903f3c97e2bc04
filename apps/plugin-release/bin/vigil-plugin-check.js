#!/usr/bin/env node
// The vigil-plugin-check command: the plugin validator's offline rules over a release zip.
import { checkMain, run } from '../dist/cli.js';

run(checkMain, 'check');
