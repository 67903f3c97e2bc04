#!/usr/bin/env node
// The vigil-host-exporter command: runs the built program (@vigil/host-exporter builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/bin/host-exporter.js';
