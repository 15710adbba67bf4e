"""The benchmark's reference (issue #13): DuckDB computing five KPIs of one period straight
from the feed CSVs, as a competent analyst would write it — `read_csv` with the declared
column types of feeds.md (no sniffing, no all-varchar casts), every core, no warehouse —
at network level, with the definitions of the spec's kpis.md:

  sales.on_time_delivery_rate, stock.vehicle_turnover, service.repair_cycle_hours_median,
  service.comeback_rate, parts.gross_margin.

Usage: duckdb_kpis.py FEEDS START END DAYS
  FEEDS  the folder dms-feedgen wrote (files named <feed>_<dealer>.csv anywhere below);
  START  first day of the period, END the day after its last (YYYY-MM-DD); DAYS its length.
Each feed is read once into an in-memory table, only the columns the five KPIs use; the
queries then run on those tables. (Views over read_csv instead re-read the CSVs in every
query and in every side of a join: on a 10-dealer, 13-month network that took 299 s
against 1.6 s for the tables, so the tables are the fair reference.) Prints one line:
duckdb_seconds=… threads=… and the five values.
"""
import os
import sys
import time

import duckdb

D2 = "DECIMAL(18,2)"
D4 = "DECIMAL(18,4)"
# The columns of feeds.md each KPI reads, with their declared types. Only these are read:
# read_csv's column list still names every column of the file (types for the rest are
# VARCHAR) so the file's layout is declared, not sniffed.
FEEDS = {
    "sales_orders": [
        ("dealer_code", "VARCHAR"), ("order_no", "VARCHAR"), ("order_date", "DATE"), ("customer_id", "VARCHAR"),
        ("vin", "VARCHAR"), ("sale_type", "VARCHAR"), ("order_type", "VARCHAR"), ("status", "VARCHAR"),
        ("list_price", D2), ("discount", D2), ("sale_price", D2), ("vehicle_cost", D2), ("fi_income", D2),
        ("promised_delivery_date", "DATE"), ("delivered_on", "DATE"), ("cancelled_on", "DATE"),
        ("salesperson_id", "VARCHAR")],
    "vehicle_events": [
        ("dealer_code", "VARCHAR"), ("vin", "VARCHAR"), ("event_type", "VARCHAR"), ("event_time", "TIMESTAMP"),
        ("cost", D2), ("warehouse", "VARCHAR"), ("bin", "VARCHAR"), ("certificate_received", "VARCHAR"),
        ("damaged", "VARCHAR"), ("carrier", "VARCHAR"), ("reference", "VARCHAR"), ("eta", "VARCHAR"),
        ("freight_cost", D2)],
    "repair_orders": [
        ("dealer_code", "VARCHAR"), ("ro_no", "VARCHAR"), ("vin", "VARCHAR"), ("opened_at", "TIMESTAMP"),
        ("promised_at", "TIMESTAMP"), ("completed_at", "TIMESTAMP"), ("invoiced_at", "TIMESTAMP"),
        ("delivered_at", "TIMESTAMP"), ("mileage_km", "BIGINT"), ("ro_type", "VARCHAR"), ("status", "VARCHAR"),
        ("advisor_id", "VARCHAR"), ("comeback_flag", "VARCHAR"), ("comeback_of_ro", "VARCHAR"),
        ("complaint", "VARCHAR"), ("waiting_parts", "VARCHAR")],
    "ro_labor": [
        ("dealer_code", "VARCHAR"), ("ro_no", "VARCHAR"), ("line_no", "INTEGER"), ("op_code", "VARCHAR"),
        ("description", "VARCHAR"), ("pay_type", "VARCHAR"), ("technician_id", "VARCHAR"), ("sold_hours", D2),
        ("clocked_hours", D2), ("labor_sale", D2), ("labor_cost", D2)],
    "ro_parts": [
        ("dealer_code", "VARCHAR"), ("ro_no", "VARCHAR"), ("line_no", "INTEGER"), ("part_no", "VARCHAR"),
        ("qty", D4), ("unit_price", D2), ("unit_cost", D2), ("pay_type", "VARCHAR"), ("filled_from_stock", "VARCHAR")],
    "part_movements": [
        ("dealer_code", "VARCHAR"), ("movement_no", "VARCHAR"), ("line_no", "INTEGER"), ("part_no", "VARCHAR"),
        ("moved_at", "TIMESTAMP"), ("movement_type", "VARCHAR"), ("qty", D4), ("unit_cost", D2), ("unit_price", D2),
        ("reference", "VARCHAR"), ("bin_from", "VARCHAR"), ("bin_to", "VARCHAR"), ("filled_from_stock", "VARCHAR")],
}
USED = {
    "sales_orders": ["status", "promised_delivery_date", "delivered_on"],
    "vehicle_events": ["dealer_code", "vin", "event_type", "event_time", "cost"],
    "repair_orders": ["dealer_code", "ro_no", "vin", "opened_at", "completed_at", "invoiced_at", "ro_type",
                      "status", "comeback_flag", "comeback_of_ro"],
    "ro_labor": ["dealer_code", "ro_no", "op_code"],
    "ro_parts": ["dealer_code", "ro_no", "qty", "unit_price", "unit_cost"],
    "part_movements": ["movement_type", "moved_at", "qty", "unit_cost", "unit_price"],
}


def reader(feeds, name):
    columns = ", ".join(f"'{c}': '{t}'" for c, t in FEEDS[name])
    return (f"read_csv('{feeds}/**/{name}_*.csv', header = true, delim = ',', quote = '\"', "
            f"columns = {{{columns}}}, timestampformat = '%Y-%m-%d %H:%M:%S', dateformat = '%Y-%m-%d', "
            f"auto_detect = false)")


def main():
    feeds, start, end, days = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t0 = time.perf_counter()
    con = duckdb.connect()
    threads = os.cpu_count()
    con.execute(f"SET threads = {threads}")
    for name in FEEDS:
        con.execute(f"CREATE TABLE {name} AS SELECT {', '.join(USED[name])} FROM {reader(feeds, name)}")
    p = {"s": start, "e": end}
    on_time = con.execute("""
        SELECT avg(CASE WHEN delivered_on <= promised_delivery_date THEN 1.0 ELSE 0 END) FROM sales_orders
        WHERE status = 'delivered' AND delivered_on >= CAST($s AS DATE) AND delivered_on < CAST($e AS DATE)
          AND promised_delivery_date IS NOT NULL""", p).fetchone()[0]
    turnover = con.execute(f"""
        WITH ev AS (
          SELECT dealer_code, vin, event_type, event_time AS t, cost,
            lead(event_type) OVER w AS nt, lead(event_time) OVER w AS nt_time
          FROM vehicle_events WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned')
          WINDOW w AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END)),
        stays AS (SELECT CAST(t AS DATE) AS d_in, CAST(nt_time AS DATE) AS d_out, nt, cost FROM ev WHERE event_type = 'stocked_in')
        SELECT sum(CASE WHEN nt IN ('stocked_out', 'delivered') AND d_out >= DATE '{start}' AND d_out < DATE '{end}' THEN cost ELSE 0 END)
          / (sum(cost * greatest(0, date_diff('day', greatest(d_in, DATE '{start}'), least(coalesce(d_out, DATE '{end}'), DATE '{end}')))) / {days})
          * 365 / {days}
        FROM stays""").fetchone()[0]
    cycle = con.execute("""
        SELECT quantile_cont(epoch(completed_at - opened_at) / 3600, 0.5) FROM repair_orders
        WHERE status <> 'void' AND invoiced_at >= CAST($s AS TIMESTAMP) AND invoiced_at < CAST($e AS TIMESTAMP)
          AND completed_at IS NOT NULL AND opened_at IS NOT NULL""", p).fetchone()[0]
    comeback = con.execute("""
        WITH b AS (SELECT * FROM repair_orders WHERE coalesce(status, '') <> 'void'
                   AND invoiced_at >= CAST($s AS TIMESTAMP) AND invoiced_at < CAST($e AS TIMESTAMP)
                   AND coalesce(ro_type, '') NOT IN ('internal', 'pdi')),
        matched AS (
            SELECT DISTINCT b.dealer_code, b.ro_no FROM b
            JOIN repair_orders a ON a.vin = b.vin AND NOT (a.dealer_code = b.dealer_code AND a.ro_no = b.ro_no)
              AND coalesce(a.status, '') <> 'void' AND a.completed_at IS NOT NULL
              AND a.completed_at <= b.opened_at AND b.opened_at <= a.completed_at + INTERVAL 720 HOUR
            JOIN ro_labor la ON la.dealer_code = a.dealer_code AND la.ro_no = a.ro_no AND coalesce(la.op_code, '') <> ''
            JOIN ro_labor lb ON lb.dealer_code = b.dealer_code AND lb.ro_no = b.ro_no AND lb.op_code = la.op_code)
        SELECT avg(CASE WHEN coalesce(b.comeback_flag, '0') IN ('1', 'true', 'Y') OR coalesce(b.comeback_of_ro, '') <> ''
                        OR m.ro_no IS NOT NULL THEN 1.0 ELSE 0 END)
        FROM b LEFT JOIN matched m ON m.dealer_code = b.dealer_code AND m.ro_no = b.ro_no""", p).fetchone()[0]
    margin = con.execute("""
        WITH lines AS (
          SELECT p.qty * p.unit_price AS sale, p.qty * p.unit_cost AS cost
          FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
          WHERE coalesce(r.status, '') <> 'void' AND r.invoiced_at >= CAST($s AS TIMESTAMP) AND r.invoiced_at < CAST($e AS TIMESTAMP)
          UNION ALL
          SELECT (CASE movement_type WHEN 'counter_sale' THEN 1 ELSE -1 END) * qty * unit_price,
                 (CASE movement_type WHEN 'counter_sale' THEN 1 ELSE -1 END) * qty * unit_cost
          FROM part_movements WHERE movement_type IN ('counter_sale', 'counter_return')
            AND moved_at >= CAST($s AS TIMESTAMP) AND moved_at < CAST($e AS TIMESTAMP))
        SELECT (sum(sale) - sum(cost)) / sum(sale) FROM lines""", p).fetchone()[0]
    elapsed = time.perf_counter() - t0
    print(f"duckdb_seconds={elapsed:.2f} threads={threads} on_time={on_time:.4f} turnover={float(turnover):.2f} "
          f"cycle_median={cycle:.2f} comeback={comeback:.4f} parts_margin={float(margin):.4f}")


main()
