// Alertmanager's fingerprint of an alert: FNV-1a 64 over the label names in sorted order, each name and value
// followed by the 0xff separator (prometheus/common model.LabelSet.Fingerprint), as 16 hex digits. Answering it
// lets a service acknowledge or look up the alert it has just raised without asking Alertmanager.
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function alertFingerprint(labels: Record<string, string>): string {
  let h = OFFSET;
  const add = (bytes: Uint8Array | number[]) => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  };
  const utf8 = new TextEncoder();
  for (const name of Object.keys(labels).sort()) {
    add(utf8.encode(name));
    add([0xff]);
    add(utf8.encode(labels[name]));
    add([0xff]);
  }
  return h.toString(16).padStart(16, '0');
}
