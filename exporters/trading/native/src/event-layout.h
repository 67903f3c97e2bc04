// The event types, their fields in slot order and the validation rule of each field: a mirror of LAYOUT in
// src/ingest/batch-codec.ts and of validateEvent in src/ingest/validate.ts. The equivalence test
// (test/native-scan.test.ts) compares every type against the JS path, so a drift shows there.
#pragma once
#include <cstdint>
#include <limits>

namespace vigil {

// Every key any event type reads. A key outside this list makes the scanner unsure (the JS path then decides:
// it ignores unknown scalar keys, refuses __proto__ and friends).
enum Key : uint8_t {
  kType, kTs, kOrderId, kVenue, kSymbol, kAccount, kStrategy, kSide, kOrderType, kQuantity, kLimitPrice,
  kArrivalPrice, kDecisionPrice, kFillId, kFillQuantity, kFillPrice, kFee, kFeeCurrency, kLiquidity, kReason,
  kAvgPrice, kMarkPrice, kUnrealizedPnl, kRealizedPnl, kCurrency, kFree, kUsed, kPortfolioValue, kModel,
  kVersion, kLatencySeconds, kCorrect, kSignalType, kConfidence, kExecutionSeconds, kOutcome, kSharpe,
  kMaxDrawdown, kTotalReturn, kKeyCount
};

extern const char* const kKeyNames[kKeyCount];

/** How a field is checked; the names follow validate.ts's Reader methods. */
enum class Rule : uint8_t {
  Text,          // required string, 1..maxLength, no control characters
  OptText,       // like Text, absent or null becomes `fallback`
  MaybeText,     // like Text, absent or null stays absent
  Number,        // required finite number >= min (> min when exclusive)
  MaybeNumber,   // like Number, absent or null stays absent
  MaybeSeconds,  // MaybeNumber >= 0 and < max
  Ratio,         // required number in 0..1
  Boolean,       // required true or false
  Side,          // "buy" or "sell"
  Outcome,       // "succeeded" (the default) or "failed"
  IfSucceeded,   // backtest figures: checked with `then` when outcome is "succeeded", encoded as is otherwise
};

/** How the slot is written, as batch-codec.ts's Kind: strings and keys (order ids) interned, ids appended. */
enum class Slot : uint8_t { Number, String, Key, Id, Boolean };

struct Field {
  Key key;
  Slot slot;
  Rule rule;
  uint16_t maxLength = 128;
  double min = -std::numeric_limits<double>::infinity();
  bool exclusive = false;
  double max = 0;
  const char* fallback = nullptr;
  Rule then = Rule::Number;
};

struct EventLayout {
  const char* type;
  const Field* fields;
  uint8_t count;
};

/** In EVENT_TYPES order: the index is the type code. */
extern const EventLayout kLayouts[];
extern const uint8_t kTypeCount;

}  // namespace vigil
