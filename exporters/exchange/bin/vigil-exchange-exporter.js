#!/usr/bin/env node
// The vigil-exchange-exporter command: runs the built program (@vigil/exchange-exporter builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/bin/exchange-exporter.js';
