// How the event layout is described to the scanner: per event type, its fields in slot order with the check
// validation applies to each. The tables themselves (event-layout.generated.cc, event-schema.generated.h) are
// generated from the trading exporter's event schema (exporters/trading/schema/events.ts), as are its
// validation (validate-fields.ts) and batch layout (batch-layout.ts); the equivalence tests compare every type
// against the JS path.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>

#include "event-schema.generated.h"

namespace vigil {

extern const char* const kKeyNames[kKeyCount];

/** What a field must be (field-reader.ts's Reader methods): text, a bounded number, a boolean or one of a list. */
enum class Check : uint8_t { Text, Number, Boolean, OneOf };

/** Absent or null: refused (Required), left absent (Optional) or replaced by `fallback` (Defaulted). */
enum class Presence : uint8_t { Required, Optional, Defaulted };

/** How the slot is written, as batch-codec.ts's SlotKind: strings and keys (order ids) interned, ids appended. */
enum class Slot : uint8_t { Number, String, Key, Id, Boolean };

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Field {
  Key key = kType;
  Slot slot = Slot::Number;
  Check check = Check::Number;
  Presence presence = Presence::Required;
  /** Text: at most this many characters. */
  uint16_t maxLength = 0;
  /** Number: min <= v (< when minExclusive) and v <= max (< when maxExclusive); finite. */
  double min = -kInf;
  bool minExclusive = false;
  double max = kInf;
  bool maxExclusive = false;
  /** OneOf: the accepted values. */
  const char* const* values = nullptr;
  uint8_t valueCount = 0;
  /** Defaulted: what an absent or null value becomes. */
  const char* fallback = nullptr;
  /** Checked only when the OneOf field at this index of the layout has the value `whenEquals`; -1: always. */
  int8_t when = -1;
  const char* whenEquals = nullptr;
  /** Number: not below the number at this index of the layout when both are present (an ask and its bid); -1: none. */
  int8_t notBelow = -1;
  /** Text: a W3C trace id (32 hex digits, not all zero). */
  bool traceId = false;
};

constexpr Field text(Key key, Slot slot, Presence presence, uint16_t maxLength, const char* fallback = nullptr) {
  Field f;
  f.key = key;
  f.slot = slot;
  f.check = Check::Text;
  f.presence = presence;
  f.maxLength = maxLength;
  f.fallback = fallback;
  return f;
}

constexpr Field number(Key key, Presence presence, double min, bool minExclusive, double max, bool maxExclusive) {
  Field f;
  f.key = key;
  f.presence = presence;
  f.min = min;
  f.minExclusive = minExclusive;
  f.max = max;
  f.maxExclusive = maxExclusive;
  return f;
}

constexpr Field boolean(Key key, Presence presence) {
  Field f;
  f.key = key;
  f.slot = Slot::Boolean;
  f.check = Check::Boolean;
  f.presence = presence;
  return f;
}

template <std::size_t N>
constexpr Field oneOf(Key key, Presence presence, const char* const (&values)[N], const char* fallback = nullptr) {
  Field f;
  f.key = key;
  f.slot = Slot::String;
  f.check = Check::OneOf;
  f.presence = presence;
  f.values = values;
  f.valueCount = static_cast<uint8_t>(N);
  f.fallback = fallback;
  return f;
}

constexpr Field when(Field f, int8_t field, const char* equals) {
  f.when = field;
  f.whenEquals = equals;
  return f;
}

constexpr Field traceIdFormat(Field f) {
  f.traceId = true;
  return f;
}

constexpr Field notBelow(Field f, int8_t field) {
  f.notBelow = field;
  return f;
}

struct EventLayout {
  const char* type;
  const Field* fields;
  uint8_t count;
};

template <std::size_t N>
constexpr EventLayout layout(const char* type, const Field (&fields)[N]) { return {type, fields, static_cast<uint8_t>(N)}; }

/** In EVENT_TYPES order: the index is the type code. */
extern const EventLayout kLayouts[];
extern const uint8_t kTypeCount;

}  // namespace vigil
