// The ingest fast path (batch-scanner.h): one pass over the bytes, each event's keys read into a fixed array,
// then checked and encoded field by field in layout order (event-layout.generated.cc), so the string table
// comes out in the order encodeBatch would build it.
#include "batch-scanner.h"

#include <cctype>
#include <cmath>
#include <cstring>
#include <string_view>

#include "event-layout.h"
#include "json-value.h"

namespace vigil {

namespace {

constexpr double kMinEpochMs = 1e11;  // field-reader.ts MIN_EPOCH_MS
static_assert(kKeyCount <= 64, "EventValues marks the keys present in one 64-bit word");

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

/** Reader.checkText's trace id: 32 hex digits, not all zero. */
bool validTraceId(std::string_view s) {
  if (s.size() != 32) return false;
  bool nonZero = false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    nonZero = nonZero || c != '0';
  }
  return nonZero;
}

/** Reader.checkText: the JS string length is the byte length, as the scanner takes printable ASCII only. */
bool validText(const Value& v, const Field& f) {
  if (v.kind != Kind::String) return false;
  return f.traceId ? validTraceId(v.text) : !v.text.empty() && v.text.size() <= f.maxLength;
}

/** Reader.checkNumber, checkSeconds and checkRatio: finite and within the field's bounds. */
bool validNumber(const Value& v, const Field& f) {
  if (v.kind != Kind::Number || !std::isfinite(v.number)) return false;
  if (f.minExclusive ? !(v.number > f.min) : !(v.number >= f.min)) return false;
  return f.maxExclusive ? v.number < f.max : v.number <= f.max;
}

bool isOneOf(std::string_view s, const Field& f) {
  for (uint8_t i = 0; i < f.valueCount; i++) {
    if (s == f.values[i]) return true;
  }
  return false;
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
    for (uint8_t j = 0; j < layout.count; j++) {
      const Field& f = layout.fields[j];
      const Value& v = ev.get(f.key);
      chosen_[j] = std::string_view();
      bool ok = f.when < 0 || chosen_[f.when] == f.whenEquals ? field(f, v, slots[j + 1], chosen_[j]) : unchecked(v, slots[j + 1]);
      if (!ok) return false;
      // A crossed value (an ask below its bid) is left to the JS path, which names the field.
      if (f.notBelow >= 0 && slots[j + 1] < slots[f.notBelow + 1]) return false;
    }
    out_.types.push_back(static_cast<uint8_t>(code));
    return true;
  }

 private:
  double string(const Field& f, std::string_view s) {
    return f.slot == Slot::Id ? out_.strings.append(s) : out_.strings.intern(s);
  }

  /** Checks and encodes one field as validation would; `chosen` keeps a OneOf field's value for conditions. */
  bool field(const Field& f, const Value& v, double& slot, std::string_view& chosen) {
    if (isMissing(v)) {
      switch (f.presence) {
        case Presence::Required:
          return false;
        case Presence::Optional:
          slot = NAN;
          return true;
        case Presence::Defaulted:
          chosen = f.fallback;
          slot = string(f, f.fallback);
          return true;
      }
      return false;
    }
    switch (f.check) {
      case Check::Text:
        if (!validText(v, f)) return false;
        slot = string(f, v.text);
        return true;
      case Check::Number:
        if (!validNumber(v, f)) return false;
        slot = v.number;
        return true;
      case Check::Boolean:
        if (v.kind != Kind::True && v.kind != Kind::False) return false;
        slot = v.kind == Kind::True ? 1 : 0;
        return true;
      case Check::OneOf:
        if (v.kind != Kind::String || !isOneOf(v.text, f)) return false;
        chosen = v.text;
        slot = string(f, v.text);
        return true;
    }
    return false;
  }

  /**
   * A conditional (numeric) field whose condition does not hold: the JS path neither checks nor drops it but
   * still encodes it (Float64Array stores ToNumber of the value): only absent and numbers are taken here.
   */
  static bool unchecked(const Value& v, double& slot) {
    if (v.kind == Kind::Absent) return (slot = NAN), true;
    if (v.kind != Kind::Number) return false;
    slot = v.number;
    return true;
  }

  ScannedBatch& out_;
  const ScanLimits& limits_;
  std::string_view chosen_[kMaxFields];
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
