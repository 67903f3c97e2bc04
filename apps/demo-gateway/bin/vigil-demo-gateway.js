#!/usr/bin/env node
// The vigil-demo-gateway command: runs the built program (@vigil/demo-gateway builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/main.js';
