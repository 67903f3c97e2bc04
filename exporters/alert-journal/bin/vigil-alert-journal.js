#!/usr/bin/env node
// The vigil-alert-journal command: runs the built program (@vigil/alert-journal builds it with `npm run build`). Committed, so that npm links the
// command when it installs the package, before anything is built.
import '../dist/src/bin/vigil-alert-journal.js';
