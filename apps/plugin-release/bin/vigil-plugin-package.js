#!/usr/bin/env node
// The vigil-plugin-package command (`npm run package`): runs the built program (npm run build -w @vigil/plugin-release).
import { packageMain, run } from '../dist/cli.js';

run(packageMain, 'package');
