#!/usr/bin/env node
// The vigil-trading-exporter command: runs the built program (@vigil/trading-exporter builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/bin/trading-exporter.js';
