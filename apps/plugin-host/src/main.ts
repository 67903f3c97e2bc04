#!/usr/bin/env node
import { runExporter } from '@vigil/exporter-kit';

import { hostOptions } from './app.js';

await runExporter(hostOptions);
