// The tables declared in event-layout.h: per event type its fields in slot order and their checks.
// Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.
#include "event-layout.h"

namespace vigil {

const char* const kKeyNames[kKeyCount] = {
  "type",
  "ts",
  "orderId",
  "venue",
  "symbol",
  "account",
  "strategy",
  "side",
  "orderType",
  "quantity",
  "limitPrice",
  "arrivalPrice",
  "decisionPrice",
  "traceId",
  "fillId",
  "fillQuantity",
  "fillPrice",
  "fee",
  "feeCurrency",
  "liquidity",
  "reason",
  "avgPrice",
  "markPrice",
  "unrealizedPnl",
  "realizedPnl",
  "currency",
  "free",
  "used",
  "portfolioValue",
  "model",
  "version",
  "latencySeconds",
  "correct",
  "signalType",
  "confidence",
  "executionSeconds",
  "outcome",
  "sharpe",
  "maxDrawdown",
  "totalReturn",
  "bid",
  "ask",
  "bidSize",
  "askSize",
  "jobId",
  "kind",
  "progress",
  "bestObjective",
};

namespace {

const char* const kOrderSubmittedSideValues[] = {"buy", "sell"};
const char* const kOrderFilledLiquidityValues[] = {"maker", "taker"};
const char* const kBacktestCompletedOutcomeValues[] = {"succeeded", "failed"};
const char* const kJobCompletedOutcomeValues[] = {"succeeded", "failed", "canceled"};

const Field kOrderSubmitted[] = {
  text(kOrderId, Slot::Key, Presence::Required, 128),
  text(kVenue, Slot::String, Presence::Required, 128),
  text(kSymbol, Slot::String, Presence::Required, 128),
  text(kAccount, Slot::String, Presence::Defaulted, 128, "default"),
  text(kStrategy, Slot::String, Presence::Defaulted, 128, "none"),
  oneOf(kSide, Presence::Required, kOrderSubmittedSideValues),
  text(kOrderType, Slot::String, Presence::Required, 128),
  number(kQuantity, Presence::Required, 0, true, kInf, false),
  number(kLimitPrice, Presence::Optional, 0, true, kInf, false),
  number(kArrivalPrice, Presence::Optional, 0, true, kInf, false),
  number(kDecisionPrice, Presence::Optional, 0, true, kInf, false),
  traceIdFormat(text(kTraceId, Slot::Id, Presence::Optional, 32)),
};

const Field kOrderAcknowledged[] = {
  text(kOrderId, Slot::Key, Presence::Required, 128),
  traceIdFormat(text(kTraceId, Slot::Id, Presence::Optional, 32)),
};

const Field kOrderFilled[] = {
  text(kOrderId, Slot::Key, Presence::Required, 128),
  text(kFillId, Slot::Id, Presence::Optional, 128),
  number(kFillQuantity, Presence::Required, 0, true, kInf, false),
  number(kFillPrice, Presence::Required, 0, true, kInf, false),
  number(kFee, Presence::Optional, -kInf, false, kInf, false),
  text(kFeeCurrency, Slot::String, Presence::Optional, 16),
  oneOf(kLiquidity, Presence::Optional, kOrderFilledLiquidityValues),
  traceIdFormat(text(kTraceId, Slot::Id, Presence::Optional, 32)),
};

const Field kOrderCanceled[] = {
  text(kOrderId, Slot::Key, Presence::Required, 128),
  text(kReason, Slot::String, Presence::Optional, 512),
};

const Field kOrderRejected[] = {
  text(kOrderId, Slot::Key, Presence::Required, 128),
  text(kReason, Slot::String, Presence::Required, 512),
};

const Field kPositionSnapshot[] = {
  text(kVenue, Slot::String, Presence::Required, 128),
  text(kSymbol, Slot::String, Presence::Required, 128),
  text(kAccount, Slot::String, Presence::Defaulted, 128, "default"),
  text(kStrategy, Slot::String, Presence::Defaulted, 128, "none"),
  number(kQuantity, Presence::Required, -kInf, false, kInf, false),
  number(kAvgPrice, Presence::Required, 0, false, kInf, false),
  number(kMarkPrice, Presence::Required, 0, true, kInf, false),
  number(kUnrealizedPnl, Presence::Required, -kInf, false, kInf, false),
  number(kRealizedPnl, Presence::Required, -kInf, false, kInf, false),
};

const Field kBalanceSnapshot[] = {
  text(kVenue, Slot::String, Presence::Required, 128),
  text(kAccount, Slot::String, Presence::Defaulted, 128, "default"),
  text(kCurrency, Slot::String, Presence::Required, 16),
  number(kFree, Presence::Required, 0, false, kInf, false),
  number(kUsed, Presence::Required, 0, false, kInf, false),
  number(kPortfolioValue, Presence::Optional, 0, false, kInf, false),
};

const Field kModelPrediction[] = {
  text(kModel, Slot::String, Presence::Required, 128),
  text(kVersion, Slot::String, Presence::Required, 128),
  number(kLatencySeconds, Presence::Required, 0, false, kInf, false),
};

const Field kModelOutcome[] = {
  text(kModel, Slot::String, Presence::Required, 128),
  text(kVersion, Slot::String, Presence::Required, 128),
  boolean(kCorrect, Presence::Required),
};

const Field kStrategySignal[] = {
  text(kStrategy, Slot::String, Presence::Required, 128),
  text(kSignalType, Slot::String, Presence::Required, 128),
  number(kConfidence, Presence::Required, 0, false, 1, false),
  number(kExecutionSeconds, Presence::Optional, 0, false, 3600, true),
};

const Field kBacktestCompleted[] = {
  text(kStrategy, Slot::String, Presence::Required, 128),
  oneOf(kOutcome, Presence::Defaulted, kBacktestCompletedOutcomeValues, "succeeded"),
  when(number(kSharpe, Presence::Required, -kInf, false, kInf, false), 1, "succeeded"),
  when(number(kMaxDrawdown, Presence::Required, 0, false, 1, false), 1, "succeeded"),
  when(number(kTotalReturn, Presence::Required, -1, false, kInf, false), 1, "succeeded"),
};

const Field kMarketQuote[] = {
  text(kVenue, Slot::String, Presence::Required, 128),
  text(kSymbol, Slot::String, Presence::Required, 128),
  number(kBid, Presence::Required, 0, true, kInf, false),
  notBelow(number(kAsk, Presence::Required, 0, true, kInf, false), 2),
  number(kBidSize, Presence::Optional, 0, false, kInf, false),
  number(kAskSize, Presence::Optional, 0, false, kInf, false),
};

const Field kJobSubmitted[] = {
  text(kJobId, Slot::String, Presence::Required, 128),
  text(kKind, Slot::String, Presence::Required, 128),
  text(kStrategy, Slot::String, Presence::Required, 128),
};

const Field kJobStarted[] = {
  text(kJobId, Slot::String, Presence::Required, 128),
  text(kKind, Slot::String, Presence::Optional, 128),
  text(kStrategy, Slot::String, Presence::Optional, 128),
};

const Field kJobProgress[] = {
  text(kJobId, Slot::String, Presence::Required, 128),
  number(kProgress, Presence::Required, 0, false, 1, false),
  number(kBestObjective, Presence::Optional, -kInf, false, kInf, false),
  text(kKind, Slot::String, Presence::Optional, 128),
  text(kStrategy, Slot::String, Presence::Optional, 128),
};

const Field kJobCompleted[] = {
  text(kJobId, Slot::String, Presence::Required, 128),
  oneOf(kOutcome, Presence::Defaulted, kJobCompletedOutcomeValues, "succeeded"),
  text(kKind, Slot::String, Presence::Optional, 128),
  text(kStrategy, Slot::String, Presence::Optional, 128),
};

}  // namespace

const EventLayout kLayouts[] = {
  layout("order.submitted", kOrderSubmitted),
  layout("order.acknowledged", kOrderAcknowledged),
  layout("order.filled", kOrderFilled),
  layout("order.canceled", kOrderCanceled),
  layout("order.rejected", kOrderRejected),
  layout("order.expired", kOrderCanceled),
  layout("position.snapshot", kPositionSnapshot),
  layout("balance.snapshot", kBalanceSnapshot),
  layout("model.prediction", kModelPrediction),
  layout("model.outcome", kModelOutcome),
  layout("strategy.signal", kStrategySignal),
  layout("backtest.completed", kBacktestCompleted),
  layout("market.quote", kMarketQuote),
  layout("job.submitted", kJobSubmitted),
  layout("job.started", kJobStarted),
  layout("job.progress", kJobProgress),
  layout("job.completed", kJobCompleted),
};
const uint8_t kTypeCount = sizeof(kLayouts) / sizeof(kLayouts[0]);

}  // namespace vigil
