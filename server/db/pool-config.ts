import pg from 'pg';

const DATE_OID = 1082;

// `date` columns stay `YYYY-MM-DD` strings: turning them into Date objects shifts them by the time zone.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The options of every pg pool ORS opens, so the server, the command line and the tests behave alike.
 * The server's pool gives its statements a `statementTimeoutMs` (migrations and the demo load need none).
 */
export function poolConfig(connectionString: string, max = 10, statementTimeoutMs?: number): pg.PoolConfig {
  return {
    connectionString,
    max,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    types,
    application_name: 'ors',
    // A database that does not answer must fail fast (health 503, writes 503) rather than queue forever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  };
}
