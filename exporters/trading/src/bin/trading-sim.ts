#!/usr/bin/env node
import { runSimulator } from '../sim/cli.js';

process.exitCode = await runSimulator(process.argv.slice(2), process.env);
