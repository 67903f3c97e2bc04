// The ingest fast path (batch-scanner.h): one pass over the bytes, each event's keys read into a fixed array,
// then checked and encoded field by field in LAYOUT order, so the string table comes out in the order
// encodeBatch would build it.
#include "batch-scanner.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "event-layout.h"
#include "json-value.h"

namespace vigil {

namespace {

constexpr double kMinEpochMs = 1e11;  // validate.ts MIN_EPOCH_MS
constexpr size_t kMaxKeyLength = 24;

struct KeyIndex {
  std::vector<uint8_t> byLength[kMaxKeyLength];
  KeyIndex() {
    for (uint8_t k = 0; k < kKeyCount; k++) byLength[std::strlen(kKeyNames[k])].push_back(k);
  }
};

int keyOf(std::string_view name) {
  static const KeyIndex index;
  if (name.size() >= kMaxKeyLength) return -1;
  for (uint8_t k : index.byLength[name.size()]) {
    if (std::memcmp(kKeyNames[k], name.data(), name.size()) == 0) return k;
  }
  return -1;
}

int typeCodeOf(std::string_view type) {
  for (uint8_t i = 0; i < kTypeCount; i++) {
    if (type == kLayouts[i].type) return i;
  }
  return -1;
}

/** One event's values by key; `seen` marks the keys present (a second occurrence makes the scan unsure). */
struct EventValues {
  Value values[kKeyCount];
  uint64_t seen = 0;
  const Value& get(Key k) const {
    static const Value absent;
    return seen & (uint64_t{1} << k) ? values[k] : absent;
  }
};

/** The members of an object after its '{', all scalars with known, distinct keys. */
bool readObject(JsonCursor& c, EventValues& ev, std::string& scratch) {
  ev.seen = 0;
  c.skipSpace();
  for (;;) {
    if (!c.consume('"')) return false;
    Value name;
    if (!c.readString(name, scratch)) return false;
    int key = keyOf(name.text);
    if (key < 0) return false;
    uint64_t bit = uint64_t{1} << key;
    if (ev.seen & bit) return false;
    ev.seen |= bit;
    c.skipSpace();
    if (!c.consume(':')) return false;
    c.skipSpace();
    if (!c.readValue(ev.values[key], scratch)) return false;
    c.skipSpace();
    if (c.consume('}')) return true;
    if (!c.consume(',')) return false;
    c.skipSpace();
  }
}

bool isMissing(const Value& v) { return v.kind == Kind::Absent || v.kind == Kind::Null; }

/** Reader.checkText: the JS string length is the byte length, as the scanner takes printable ASCII only. */
bool validText(const Value& v, size_t maxLength) {
  return v.kind == Kind::String && !v.text.empty() && v.text.size() <= maxLength;
}

/** Reader.checkNumber. */
bool validNumber(const Value& v, double min, bool exclusive) {
  if (v.kind != Kind::Number || !std::isfinite(v.number)) return false;
  return exclusive ? v.number > min : v.number >= min;
}

class EventEncoder {
 public:
  EventEncoder(ScannedBatch& out, const ScanLimits& limits) : out_(out), limits_(limits) {}

  bool encode(const EventValues& ev) {
    const Value& type = ev.get(kType);
    if (type.kind != Kind::String) return false;
    int code = typeCodeOf(type.text);
    if (code < 0) return false;
    const Value& ts = ev.get(kTs);
    // Reader.ts; RFC 3339 strings are left to the JS path (Date.parse).
    if (ts.kind != Kind::Number || !std::isfinite(ts.number) || ts.number < kMinEpochMs) return false;
    if (ts.number > limits_.now + limits_.maxFutureMs) return false;
    const EventLayout& layout = kLayouts[code];
    size_t at = out_.slots.size();
    out_.slots.resize(at + 1 + layout.count);
    double* slots = out_.slots.data() + at;
    slots[0] = ts.number;
    succeeded_ = false;
    for (uint8_t j = 0; j < layout.count; j++) {
      if (!field(layout.fields[j], ev.get(layout.fields[j].key), slots[j + 1])) return false;
    }
    out_.types.push_back(static_cast<uint8_t>(code));
    return true;
  }

 private:
  double string(const Field& f, std::string_view s) {
    return f.slot == Slot::Id ? out_.strings.append(s) : out_.strings.intern(s);
  }

  bool field(const Field& f, const Value& v, double& slot) {
    switch (f.rule) {
      case Rule::Text:
        if (!validText(v, f.maxLength)) return false;
        slot = string(f, v.text);
        return true;
      case Rule::OptText:
        if (isMissing(v)) return (slot = string(f, f.fallback)), true;
        if (!validText(v, f.maxLength)) return false;
        slot = string(f, v.text);
        return true;
      case Rule::MaybeText:
        if (isMissing(v)) return (slot = NAN), true;
        if (!validText(v, f.maxLength)) return false;
        slot = string(f, v.text);
        return true;
      case Rule::Number:
        if (!validNumber(v, f.min, f.exclusive)) return false;
        slot = v.number;
        return true;
      case Rule::MaybeNumber:
        if (isMissing(v)) return (slot = NAN), true;
        if (!validNumber(v, f.min, f.exclusive)) return false;
        slot = v.number;
        return true;
      case Rule::MaybeSeconds:
        if (isMissing(v)) return (slot = NAN), true;
        if (!validNumber(v, 0, false) || !(v.number < f.max)) return false;
        slot = v.number;
        return true;
      case Rule::Ratio:
        if (!validNumber(v, 0, false) || v.number > 1) return false;
        slot = v.number;
        return true;
      case Rule::Boolean:
        if (v.kind != Kind::True && v.kind != Kind::False) return false;
        slot = v.kind == Kind::True ? 1 : 0;
        return true;
      case Rule::Side:
        if (v.kind != Kind::String || (v.text != "buy" && v.text != "sell")) return false;
        slot = string(f, v.text);
        return true;
      case Rule::Outcome:
        if (isMissing(v)) {
          succeeded_ = true;
          slot = string(f, "succeeded");
          return true;
        }
        if (v.kind != Kind::String || (v.text != "succeeded" && v.text != "failed")) return false;
        succeeded_ = v.text == "succeeded";
        slot = string(f, v.text);
        return true;
      case Rule::IfSucceeded:
        if (succeeded_) {
          Field checked = f;
          checked.rule = f.then;
          return field(checked, v, slot);
        }
        // Not validated by the JS path but still encoded (Float64Array stores ToNumber of the value): only
        // absent and numbers are taken here.
        if (v.kind == Kind::Absent) return (slot = NAN), true;
        if (v.kind != Kind::Number) return false;
        slot = v.number;
        return true;
    }
    return false;
  }

  ScannedBatch& out_;
  const ScanLimits& limits_;
  bool succeeded_ = false;
};

bool scanEvent(JsonCursor& c, EventValues& ev, std::string& scratch, EventEncoder& encoder) {
  scratch.clear();
  return readObject(c, ev, scratch) && encoder.encode(ev);
}

}  // namespace

bool scanBatch(const char* bytes, size_t length, bool lineDelimited, const ScanLimits& limits, ScannedBatch& out) {
  out.types.clear();
  out.slots.clear();
  out.strings.clear();
  // Escaped strings are decoded here; never more than the body, so views into it stay valid.
  thread_local std::string scratch;
  scratch.clear();
  scratch.reserve(length);
  thread_local EventValues ev;
  EventEncoder encoder(out, limits);
  const char* end = bytes + length;
  // A leading UTF-8 byte-order mark is ignored, as read-body.ts decode() does.
  if (length >= 3 && std::memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) bytes += 3;
  JsonCursor c(bytes, end, lineDelimited);
  if (lineDelimited) {
    // parseItems: lines split on \n, trimmed, blank ones skipped. Other whitespace that String.trim removes
    // (\v, \f, non-ASCII spaces) makes the scan unsure.
    for (;;) {
      c.skipSpace();
      if (c.atEnd()) break;
      if (c.consume('\n')) continue;
      if (!c.consume('{') || !scanEvent(c, ev, scratch, encoder)) return false;
      c.skipSpace();
      if (!c.atEnd() && !c.consume('\n')) return false;
    }
    return !out.types.empty();
  }
  c.skipSpace();
  if (c.consume('[')) {
    c.skipSpace();
    for (;;) {
      if (!c.consume('{') || !scanEvent(c, ev, scratch, encoder)) return false;
      c.skipSpace();
      if (c.consume(']')) break;
      if (!c.consume(',')) return false;
      c.skipSpace();
    }
  } else if (!c.consume('{') || !scanEvent(c, ev, scratch, encoder)) {
    return false;
  }
  c.skipSpace();
  return c.atEnd();
}

}  // namespace vigil
