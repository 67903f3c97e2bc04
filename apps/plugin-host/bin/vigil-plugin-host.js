#!/usr/bin/env node
// The vigil-plugin-host command: runs the built program (@vigil/plugin-host builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/main.js';
