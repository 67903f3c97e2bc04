// The labelled series every exporter keeps (counters, gauges, histograms rendered at scrape time) live in the
// exporter kit, shared with the exchange exporter.
export { CounterVec, GaugeVec, HistogramVec, observe, traceExemplarLabels, exponentialBuckets, type ValueChild, type HistogramChild } from '@vigil/exporter-kit';
