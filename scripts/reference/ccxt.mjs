// ccxt's static test fixtures trimmed to what Vigil's replay tests use, as ../shared/reference/ccxt/README.md
// describes: response/request files keep the listed top-level keys and, per kept method, the listed upstream
// entries (by index); markets files keep the listed symbols, one of them cut after a given key. The result is
// re-serialised with JSON.stringify(obj, null, 4) and a final newline; values are unchanged.

/**
 * @param {string} upstream the upstream file's text
 * @param {{keys: string[], methods: Record<string, number[]>} | {symbols: string[], truncateAfter?: Record<string, string>}} spec
 * @param {string} label names the file in errors
 */
export function trimCcxtFixture(upstream, spec, label) {
  let doc;
  try {
    doc = JSON.parse(upstream);
  } catch (err) {
    throw new Error(`${label}: upstream file is not JSON (${err.message})`);
  }
  const out = 'symbols' in spec ? trimMarkets(doc, spec, label) : trimMethods(doc, spec, label);
  return `${JSON.stringify(out, null, 4)}\n`;
}

function trimMethods(doc, { keys, methods }, label) {
  const out = {};
  for (const key of keys) {
    if (!(key in doc)) throw new Error(`${label}: upstream has no top-level "${key}"`);
    if (key !== 'methods') {
      out[key] = doc[key];
      continue;
    }
    out.methods = {};
    for (const [name, indices] of Object.entries(methods)) {
      const entries = doc.methods[name];
      if (!Array.isArray(entries)) throw new Error(`${label}: upstream has no method "${name}"`);
      out.methods[name] = indices.map((i) => {
        if (!(i in entries)) throw new Error(`${label}: upstream "${name}" has no entry ${i} (it has ${entries.length})`);
        return entries[i];
      });
    }
  }
  return out;
}

function trimMarkets(doc, { symbols, truncateAfter = {} }, label) {
  const out = {};
  for (const symbol of symbols) {
    const market = doc[symbol];
    if (!market) throw new Error(`${label}: upstream has no market "${symbol}"`);
    const last = truncateAfter[symbol];
    if (last === undefined) {
      out[symbol] = market;
      continue;
    }
    const keys = Object.keys(market);
    if (!keys.includes(last)) throw new Error(`${label}: upstream market "${symbol}" has no key "${last}"`);
    out[symbol] = Object.fromEntries(keys.slice(0, keys.indexOf(last) + 1).map((k) => [k, market[k]]));
  }
  return out;
}
