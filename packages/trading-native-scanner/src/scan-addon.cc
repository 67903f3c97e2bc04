// The N-API face of the ingest scanner: `schemaFingerprint` names the event schema it was generated from, and
// scanBatch(bytes, format, nowMs, maxFutureMs) returns
// { types: Uint8Array, slots: Float64Array, strings: string } exactly as encodeBatch(validateBatch(parseItems(...)))
// would, or undefined when the scanner is not sure (the trading exporter then runs its JS path). Both
// arrays live in fresh ArrayBuffers owned by V8, so the worker can transfer them to the main thread.
#include <node_api.h>

#include <cstring>

#include "batch-scanner.h"
#include "event-schema.generated.h"

namespace {

#define CHECK_NAPI(call)                              \
  do {                                                \
    if ((call) != napi_ok) return nullptr;            \
  } while (0)

/** A typed array of `count` elements of `size` bytes, filled from `data`. */
napi_value typedArray(napi_env env, napi_typedarray_type type, const void* data, size_t count, size_t size) {
  void* raw = nullptr;
  napi_value buffer;
  napi_value array;
  CHECK_NAPI(napi_create_arraybuffer(env, count * size, &raw, &buffer));
  if (count > 0) std::memcpy(raw, data, count * size);
  CHECK_NAPI(napi_create_typedarray(env, type, count, buffer, 0, &array));
  return array;
}

napi_value ScanBatch(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4];
  napi_value undefined;
  CHECK_NAPI(napi_get_undefined(env, &undefined));
  CHECK_NAPI(napi_get_cb_info(env, info, &argc, args, nullptr, nullptr));
  if (argc < 4) {
    napi_throw_type_error(env, nullptr, "scanBatch(bytes, format, nowMs, maxFutureMs)");
    return nullptr;
  }
  bool isTyped = false;
  CHECK_NAPI(napi_is_typedarray(env, args[0], &isTyped));
  if (!isTyped) {
    napi_throw_type_error(env, nullptr, "scanBatch: bytes must be a Uint8Array");
    return nullptr;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  CHECK_NAPI(napi_get_typedarray_info(env, args[0], &type, &length, &data, nullptr, nullptr));
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, nullptr, "scanBatch: bytes must be a Uint8Array");
    return nullptr;
  }
  char format[8] = {0};
  size_t formatLength = 0;
  CHECK_NAPI(napi_get_value_string_utf8(env, args[1], format, sizeof(format), &formatLength));
  vigil::ScanLimits limits{};
  CHECK_NAPI(napi_get_value_double(env, args[2], &limits.now));
  CHECK_NAPI(napi_get_value_double(env, args[3], &limits.maxFutureMs));
  bool lineDelimited = std::strcmp(format, "ndjson") == 0;
  if (!lineDelimited && std::strcmp(format, "json") != 0) {
    napi_throw_type_error(env, nullptr, "scanBatch: format must be 'json' or 'ndjson'");
    return nullptr;
  }

  // Reused across calls on this thread (each ingest worker is one thread): no allocation once warm.
  thread_local vigil::ScannedBatch batch;
  if (!vigil::scanBatch(static_cast<const char*>(data), length, lineDelimited, limits, batch)) return undefined;

  napi_value result;
  napi_value strings;
  CHECK_NAPI(napi_create_object(env, &result));
  napi_value types = typedArray(env, napi_uint8_array, batch.types.data(), batch.types.size(), 1);
  napi_value slots = typedArray(env, napi_float64_array, batch.slots.data(), batch.slots.size(), sizeof(double));
  if (types == nullptr || slots == nullptr) return nullptr;
  // The table is ASCII, so Latin-1 makes a one-byte V8 string without a UTF-8 decode.
  const std::string& joined = batch.strings.joined();
  CHECK_NAPI(napi_create_string_latin1(env, joined.data(), joined.size(), &strings));
  CHECK_NAPI(napi_set_named_property(env, result, "types", types));
  CHECK_NAPI(napi_set_named_property(env, result, "slots", slots));
  CHECK_NAPI(napi_set_named_property(env, result, "strings", strings));
  return result;
}

}  // namespace

// Context-aware (NAPI_MODULE_INIT), so every ingest worker thread can load it.
NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "scanBatch", NAPI_AUTO_LENGTH, ScanBatch, nullptr, &fn) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "scanBatch", fn) != napi_ok) return nullptr;
  napi_value fingerprint;
  if (napi_create_string_utf8(env, vigil::kSchemaFingerprint, NAPI_AUTO_LENGTH, &fingerprint) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "schemaFingerprint", fingerprint) != napi_ok) return nullptr;
  return exports;
}
