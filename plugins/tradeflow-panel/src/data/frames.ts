// Reads the frames Grafana's Prometheus datasource hands a panel into one sample (labels, value) per series
// and role. Shapes handled:
// - time series (instant or range): one frame per series, a time field and a number field carrying the
//   series' labels (several number fields in one frame also work); the last non-null value is the series' value;
// - table (format "table"): one frame per query with a Time field, one string field per label and a number
//   field "Value" (or "Value #<refId>" when the panel has several queries); for range tables, the latest row
//   of each label set wins.
import { DataTopic, FieldType, type DataFrame, type Field } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { isRole, roleOfExpr, type Role } from '../queries';

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface ReadFrames {
  samples: Map<Role, Sample[]>;
  /** Roles with at least one frame, even an empty one: their query ran. */
  answered: Set<Role>;
  /** refIds the panel could not place, with their expression when known. */
  unknown: string[];
}

type TargetWithExpr = DataQuery & { expr?: string };

const VALUE_REF = /^Value #(.+)$/;

function roleOf(refId: string | undefined, targets: TargetWithExpr[], frame: DataFrame): Role | undefined {
  if (isRole(refId)) {
    return refId;
  }
  const target = targets.find((t) => t.refId === refId);
  return roleOfExpr(target?.expr) ?? roleOfExpr(frame.meta?.executedQueryString);
}

function numberAt(field: Field, i: number): number | undefined {
  const v = field.values[i];
  return typeof v === 'number' ? v : undefined;
}

/** Last non-null value of a number field (NaN counts: Prometheus returns it for 0/0). */
function lastValue(field: Field, order: number[] | undefined): number | undefined {
  const n = order ? order.length : field.values.length;
  for (let k = n - 1; k >= 0; k--) {
    const v = numberAt(field, order ? order[k] : k);
    if (v !== undefined) {
      return v;
    }
  }
  return undefined;
}

/**
 * Row indexes in time order when a frame's rows are not already in it (a frame may come unsorted); undefined
 * when they are (every instant-query frame, one row), so the rows are read as they stand.
 */
function rowOrder(frame: DataFrame, time: Field | undefined): number[] | undefined {
  if (!time || inTimeOrder(time)) {
    return undefined;
  }
  const order = Array.from({ length: frame.length }, (_, i) => i);
  order.sort((a, b) => Number(time.values[a]) - Number(time.values[b]));
  return order;
}

function inTimeOrder(time: Field): boolean {
  const values = time.values;
  for (let i = 1; i < values.length; i++) {
    if (Number(values[i - 1]) > Number(values[i])) {
      return false;
    }
  }
  return true;
}

const NO_LABELS: Labels = {};

/** A series' labels without __name__; the field's own object when it has none (samples never change labels). */
function labelsWithoutName(labels: Labels | undefined): Labels {
  if (!labels) {
    return NO_LABELS;
  }
  if (labels.__name__ === undefined) {
    return labels;
  }
  const out: Labels = {};
  for (const k in labels) {
    if (k !== '__name__') {
      out[k] = labels[k];
    }
  }
  return out;
}

function push(out: ReadFrames, role: Role, sample: Sample) {
  let list = out.samples.get(role);
  if (!list) {
    out.samples.set(role, (list = []));
  }
  list.push(sample);
}

function readTable(out: ReadFrames, frame: DataFrame, role: Role, value: Field, time: Field | undefined) {
  const labelFields = frame.fields.filter((f) => f.type === FieldType.string);
  const latest = new Map<string, Sample>();
  const order = rowOrder(frame, time);
  for (let k = 0; k < frame.length; k++) {
    const i = order ? order[k] : k;
    const v = numberAt(value, i);
    if (v === undefined) {
      continue;
    }
    const labels: Labels = {};
    for (const f of labelFields) {
      const text = f.values[i];
      if (typeof text === 'string' && text !== '' && f.name !== '__name__') {
        labels[f.name] = text;
      }
    }
    latest.set(JSON.stringify(Object.entries(labels).sort()), { labels, value: v });
  }
  for (const s of latest.values()) {
    push(out, role, s);
  }
}

/** Sorts every frame's series into roles; see the file comment for the shapes. */
export function readFrames(frames: DataFrame[], targets: DataQuery[] = []): ReadFrames {
  const out: ReadFrames = { samples: new Map(), answered: new Set(), unknown: [] };
  const noteUnknown = (refId: string | undefined) => {
    const name = refId ?? '(no refId)';
    if (!out.unknown.includes(name)) {
      out.unknown.push(name);
    }
  };
  for (const frame of frames) {
    // Exemplars (when a query has them on) ride along as annotation frames: not series.
    if (frame.meta?.dataTopic === DataTopic.Annotations || frame.meta?.custom?.resultType === 'exemplar') {
      continue;
    }
    // One pass over the fields: a frame per series makes this loop run hundreds of thousands of times.
    let time: Field | undefined;
    const numbers: Field[] = [];
    let isTable = false;
    for (const f of frame.fields) {
      if (f.type === FieldType.number) {
        numbers.push(f);
      } else if (f.type === FieldType.time) {
        time ??= f;
      } else if (f.type === FieldType.string) {
        isTable = true;
      }
    }
    if (numbers.length === 0) {
      const role = roleOf(frame.refId, targets, frame);
      if (role) {
        out.answered.add(role);
      } else if (frame.refId) {
        noteUnknown(frame.refId);
      }
      continue;
    }
    for (const field of numbers) {
      const refId = (field.name !== 'Value' && VALUE_REF.exec(field.name)?.[1]) || frame.refId;
      const role = roleOf(refId, targets as TargetWithExpr[], frame);
      if (!role) {
        noteUnknown(refId);
        continue;
      }
      out.answered.add(role);
      if (isTable) {
        readTable(out, frame, role, field, time);
        continue;
      }
      const v = lastValue(field, rowOrder(frame, time));
      if (v !== undefined) {
        push(out, role, { labels: labelsWithoutName(field.labels), value: v });
      }
    }
  }
  return out;
}
