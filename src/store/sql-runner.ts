/**
 * The one thing the shared queries (./queries.ts) need from a database: run a SELECT written with
 * `?` placeholders and get plain rows back. Each dialect provides one (PostgreSQL numbers the
 * placeholders itself). Write shared SQL that both SQLite and PostgreSQL understand.
 */
export interface SqlRunner {
  all<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** `? ... ?` -> `$1 ... $n`, for PostgreSQL. Shared SQL never has `?` inside a string literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
