// A bounded error_class label from whatever a ccxt call threw: the most specific of the ccxt error classes
// an operator acts on differently, else "other".
type Ctor = abstract new (...args: never[]) => unknown;

export const ERROR_CLASSES = [
  'RequestTimeout',
  'RateLimitExceeded',
  'DDoSProtection',
  'ExchangeNotAvailable',
  'OnMaintenance',
  'NetworkError',
  'AuthenticationError',
  'PermissionDenied',
  'BadSymbol',
  'BadResponse',
  'NotSupported',
  'ExchangeError',
] as const;

export function errorClass(err: unknown, ccxt: Record<string, unknown>): string {
  // Most specific first: OnMaintenance is an ExchangeNotAvailable, which is a NetworkError, and so on.
  for (const name of ['RequestTimeout', 'RateLimitExceeded', 'DDoSProtection', 'OnMaintenance', 'ExchangeNotAvailable', 'NetworkError', 'AuthenticationError', 'PermissionDenied', 'BadSymbol', 'BadResponse', 'NotSupported', 'ExchangeError']) {
    const C = ccxt[name] as Ctor | undefined;
    if (C && err instanceof C) return name;
  }
  // Not a ccxt error but thrown inside ccxt's parsing: the venue answered something it could not read (a
  // malformed or truncated JSON body, an HTML error page with status 200).
  const Base = ccxt.BaseError as Ctor | undefined;
  if ((err instanceof TypeError || err instanceof SyntaxError) && !(Base && err instanceof Base)) return 'BadResponse';
  return 'other';
}
