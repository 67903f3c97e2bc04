// The keys of the trading events and the sizes the scanner is compiled with.
// Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.
#pragma once
#include <cstddef>
#include <cstdint>

namespace vigil {

/** Every key any event type reads. A key outside this list makes the scanner unsure. */
enum Key : uint8_t {
  kType,
  kTs,
  kOrderId,
  kVenue,
  kSymbol,
  kAccount,
  kStrategy,
  kSide,
  kOrderType,
  kQuantity,
  kLimitPrice,
  kArrivalPrice,
  kDecisionPrice,
  kTraceId,
  kFillId,
  kFillQuantity,
  kFillPrice,
  kFee,
  kFeeCurrency,
  kLiquidity,
  kReason,
  kAvgPrice,
  kMarkPrice,
  kUnrealizedPnl,
  kRealizedPnl,
  kCurrency,
  kFree,
  kUsed,
  kPortfolioValue,
  kModel,
  kVersion,
  kLatencySeconds,
  kCorrect,
  kSignalType,
  kConfidence,
  kExecutionSeconds,
  kOutcome,
  kSharpe,
  kMaxDrawdown,
  kTotalReturn,
  kBid,
  kAsk,
  kBidSize,
  kAskSize,
  kJobId,
  kKind,
  kProgress,
  kBestObjective,
  kKeyCount
};

/** One more than the longest key. */
constexpr std::size_t kMaxKeyLength = 17;
/** The most fields of one event type after type and ts. */
constexpr std::size_t kMaxFields = 12;
/** Identifies the schema; the addon exports it and the exporter uses the addon only when it matches its own. */
constexpr const char kSchemaFingerprint[] = "2813abdace581bf6";

}  // namespace vigil
