// Scans an ingest body (after gunzip) straight into the compact batch of batch-codec.ts, with validate.ts's
// rules, for the common case only: ASCII flat events with known keys. Returns false whenever it is not sure
// the JS path would accept the body and encode it exactly so; the worker then runs the JS path, which gives
// the answer or the exact refusal.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "string-table.h"

namespace vigil {

struct ScanLimits {
  /** Epoch ms the body was received. */
  double now;
  /** Timestamps past now + maxFutureMs are refused. */
  double maxFutureMs;
};

struct ScannedBatch {
  std::vector<uint8_t> types;
  std::vector<double> slots;
  StringTable strings;
};

/** `lineDelimited`: NDJSON, else a JSON array of events or one event object. `out` is reused across calls. */
bool scanBatch(const char* bytes, size_t length, bool lineDelimited, const ScanLimits& limits, ScannedBatch& out);

}  // namespace vigil
