import type { Pool } from 'pg';

/** Hash partitions of each month: a fixed number of tables per month however many sites report. */
export const SITE_HASH_PARTITIONS = 8;

/** `2026-12-01` -> `2026_12` */
export function monthOf(day: string): string {
  return day.slice(0, 7).replace('-', '_');
}

function nextMonthStart(year: number, month: number): string {
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

/**
 * Makes sure the month partitions (and their site-hash partitions) exist for the given days.
 *
 * Partitioning is by month of the service day, then by hash of the site: old months can be
 * detached or dropped whole, a query for one site and range touches one table per month, and
 * adding a site needs no DDL (a per-site LIST partition would mean a table per site per month).
 * Created in a short transaction of its own, before the batch's: creating a partition locks the
 * parent table, which an ingest transaction must not hold while it waits for a site's row.
 */
export class Partitions {
  private known = new Set<string>();
  constructor(private readonly pool: Pool) {}

  async ensure(days: Iterable<string>): Promise<void> {
    const months = [...new Set([...days].map(monthOf))].filter((m) => !this.known.has(m));
    for (const month of months) {
      await this.create(month);
      this.known.add(month);
    }
  }

  /** Forgets what it knew (a month partition was detached or dropped by an operator): the next ensure checks again. */
  forget(): void {
    this.known.clear();
  }

  private async create(month: string): Promise<void> {
    const [y, m] = month.split('_').map(Number) as [number, number];
    const from = `${y}-${String(m).padStart(2, '0')}-01`;
    const to = nextMonthStart(y, m);
    const parent = `events_${month}`;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(4242002)');
      const exists = await client.query('SELECT 1 FROM pg_class WHERE relname = $1', [parent]);
      if (!exists.rowCount) {
        // Identifiers are built only from validated digits (YYYY_MM), never from input text.
        await client.query(`CREATE TABLE ${parent} PARTITION OF events FOR VALUES FROM ('${from}') TO ('${to}') PARTITION BY HASH (site_id)`);
        for (let r = 0; r < SITE_HASH_PARTITIONS; r++) {
          await client.query(`CREATE TABLE ${parent}_h${r} PARTITION OF ${parent} FOR VALUES WITH (MODULUS ${SITE_HASH_PARTITIONS}, REMAINDER ${r})`);
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
