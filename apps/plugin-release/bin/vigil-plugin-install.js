#!/usr/bin/env node
// The vigil-plugin-install command: installs release zips into a Grafana plugins folder as Grafana's installer does.
import { installMain, run } from '../dist/cli.js';

run(installMain, 'install');
