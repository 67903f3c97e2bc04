#!/usr/bin/env node
// The vigil-slo command: runs the built program (@vigil/provisioning builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/bin/vigil-slo.js';
