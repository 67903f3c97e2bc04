// What kind of error a service ran into, as a short stable label value: timeouts and aborts, Node's system
// error codes (ECONNREFUSED, ETIMEDOUT, ...), PostgreSQL SQLSTATE classes, Redis error prefixes (WRONGTYPE,
// NOAUTH, ...), else the error's class name. Never the message (it carries ids and values).

/** SQLSTATE classes (the first two characters) by name, from PostgreSQL's errcodes appendix. */
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection_exception',
  '0A': 'feature_not_supported',
  '21': 'cardinality_violation',
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '25': 'invalid_transaction_state',
  '28': 'invalid_authorization',
  '3D': 'invalid_catalog_name',
  '40': 'transaction_rollback',
  '42': 'syntax_error_or_access_rule_violation',
  '53': 'insufficient_resources',
  '54': 'program_limit_exceeded',
  '55': 'object_not_in_prerequisite_state',
  '57': 'operator_intervention',
  '58': 'system_error',
  XX: 'internal_error',
};

const IDENT = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function sqlstateClass(code: string): string {
  if (code === '57014') return 'query_canceled';
  return SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'sqlstate_other';
}

export function errorType(err: unknown): string {
  if (!(err instanceof Error)) return 'non_error';
  const e = err as Error & { code?: unknown; severity?: unknown; command?: unknown };
  if (e.name === 'TimeoutError' || (/\btime(d)?[ -]?out\b/i.test(e.message.slice(0, 200)) && typeof e.code !== 'string')) return 'timeout';
  if (e.name === 'AbortError') return 'aborted';
  if (typeof e.code === 'string') {
    // node-postgres DatabaseError: a five-character SQLSTATE with the server's severity beside it.
    if (/^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string') return sqlstateClass(e.code);
    if (/^E[A-Z0-9_]{2,40}$/.test(e.code)) return e.code;
  }
  // Redis replies an error as "PREFIX message"; ioredis raises it as a ReplyError.
  if (e.name === 'ReplyError') {
    const prefix = e.message.split(' ', 1)[0];
    return /^[A-Z]{2,20}$/.test(prefix) ? prefix : 'ERR';
  }
  return IDENT.test(e.name) ? e.name : 'Error';
}
