/** Percent with enough digits to tell 99.95 % from 99.9 %. */
export function percent(ratio: number | undefined, digits = 2): string {
  if (ratio === undefined || Number.isNaN(ratio)) {
    return '–';
  }
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function burn(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) {
    return '–';
  }
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function events(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
