// The tables declared in event-layout.h. Field order is slot order (batch-codec.ts LAYOUT); rules and limits
// are validate.ts's (MAX_LABEL_LENGTH 128, MAX_TEXT_LENGTH 512, currencies and fee labels 16,
// MAX_EXECUTION_SECONDS 3600).
#include "event-layout.h"

#include <cstddef>

namespace vigil {

const char* const kKeyNames[kKeyCount] = {
  "type", "ts", "orderId", "venue", "symbol", "account", "strategy", "side", "orderType", "quantity", "limitPrice",
  "arrivalPrice", "decisionPrice", "fillId", "fillQuantity", "fillPrice", "fee", "feeCurrency", "liquidity", "reason",
  "avgPrice", "markPrice", "unrealizedPnl", "realizedPnl", "currency", "free", "used", "portfolioValue", "model",
  "version", "latencySeconds", "correct", "signalType", "confidence", "executionSeconds", "outcome", "sharpe",
  "maxDrawdown", "totalReturn",
};

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr Field text(Key k, Slot s = Slot::String, uint16_t max = 128) { return {k, s, Rule::Text, max}; }
constexpr Field optText(Key k, const char* fallback) { return {k, Slot::String, Rule::OptText, 128, -kInf, false, 0, fallback}; }
constexpr Field maybeText(Key k, Slot s, uint16_t max) { return {k, s, Rule::MaybeText, max}; }
constexpr Field number(Key k, double min = -kInf, bool exclusive = false) { return {k, Slot::Number, Rule::Number, 0, min, exclusive}; }
constexpr Field maybeNumber(Key k, double min = -kInf, bool exclusive = false) { return {k, Slot::Number, Rule::MaybeNumber, 0, min, exclusive}; }
constexpr Field ifSucceeded(Key k, Rule then, double min = -kInf) { return {k, Slot::Number, Rule::IfSucceeded, 0, min, false, 0, nullptr, then}; }

const Field kSubmitted[] = {
  text(kOrderId, Slot::Key), text(kVenue), text(kSymbol), optText(kAccount, "default"), optText(kStrategy, "none"),
  {kSide, Slot::String, Rule::Side}, text(kOrderType), number(kQuantity, 0, true), maybeNumber(kLimitPrice, 0, true),
  maybeNumber(kArrivalPrice, 0, true), maybeNumber(kDecisionPrice, 0, true),
};
const Field kAcknowledged[] = {text(kOrderId, Slot::Key)};
const Field kFilled[] = {
  text(kOrderId, Slot::Key), maybeText(kFillId, Slot::Id, 128), number(kFillQuantity, 0, true), number(kFillPrice, 0, true),
  maybeNumber(kFee), maybeText(kFeeCurrency, Slot::String, 16), maybeText(kLiquidity, Slot::String, 16),
};
const Field kCanceledOrExpired[] = {text(kOrderId, Slot::Key), maybeText(kReason, Slot::String, 512)};
const Field kRejected[] = {text(kOrderId, Slot::Key), text(kReason, Slot::String, 512)};
const Field kPosition[] = {
  text(kVenue), text(kSymbol), optText(kAccount, "default"), optText(kStrategy, "none"), number(kQuantity),
  number(kAvgPrice, 0), number(kMarkPrice, 0, true), number(kUnrealizedPnl), number(kRealizedPnl),
};
const Field kBalance[] = {
  text(kVenue), optText(kAccount, "default"), text(kCurrency, Slot::String, 16), number(kFree, 0), number(kUsed, 0),
  maybeNumber(kPortfolioValue, 0),
};
const Field kPrediction[] = {text(kModel), text(kVersion), number(kLatencySeconds, 0)};
const Field kModelOutcome[] = {text(kModel), text(kVersion), {kCorrect, Slot::Boolean, Rule::Boolean}};
const Field kSignal[] = {
  text(kStrategy), text(kSignalType), {kConfidence, Slot::Number, Rule::Ratio},
  {kExecutionSeconds, Slot::Number, Rule::MaybeSeconds, 0, 0, false, 3600},
};
const Field kBacktest[] = {
  text(kStrategy), {kOutcome, Slot::String, Rule::Outcome}, ifSucceeded(kSharpe, Rule::Number),
  ifSucceeded(kMaxDrawdown, Rule::Ratio), ifSucceeded(kTotalReturn, Rule::Number, -1),
};

template <std::size_t N>
constexpr EventLayout layout(const char* type, const Field (&fields)[N]) { return {type, fields, static_cast<uint8_t>(N)}; }

}  // namespace

const EventLayout kLayouts[] = {
  layout("order.submitted", kSubmitted),
  layout("order.acknowledged", kAcknowledged),
  layout("order.filled", kFilled),
  layout("order.canceled", kCanceledOrExpired),
  layout("order.rejected", kRejected),
  layout("order.expired", kCanceledOrExpired),
  layout("position.snapshot", kPosition),
  layout("balance.snapshot", kBalance),
  layout("model.prediction", kPrediction),
  layout("model.outcome", kModelOutcome),
  layout("strategy.signal", kSignal),
  layout("backtest.completed", kBacktest),
};
const uint8_t kTypeCount = sizeof(kLayouts) / sizeof(kLayouts[0]);

}  // namespace vigil
