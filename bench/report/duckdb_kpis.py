"""Five KPIs of one month computed by DuckDB straight from the feed CSVs (the benchmark's
reference point): on-time delivery rate, vehicle turnover, repair cycle median, comeback
rate, parts gross margin, network level, same definitions as docs/kpis.md."""
import sys
import time

import duckdb

feeds, start, end = sys.argv[1], sys.argv[2], sys.argv[3]  # end is exclusive (YYYY-MM-DD)
days = int(sys.argv[4])
t0 = time.perf_counter()
con = duckdb.connect()
for name in ["sales_orders", "vehicle_events", "repair_orders", "ro_labor", "ro_parts", "part_movements"]:
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_csv_auto('{feeds}/**/{name}_*.csv', header=true, all_varchar=true)")
p = {"s": start, "e": end}
on_time = con.execute("""
    SELECT avg(CASE WHEN delivered_on <= promised_delivery_date THEN 1.0 ELSE 0 END) FROM sales_orders
    WHERE status = 'delivered' AND delivered_on >= $s AND delivered_on < $e AND promised_delivery_date IS NOT NULL""", p).fetchone()[0]
turnover = con.execute(f"""
    WITH ev AS (
      SELECT dealer_code, vin, event_type, CAST(event_time AS TIMESTAMP) AS t, CAST(cost AS DECIMAL(18,2)) AS cost,
        lead(event_type) OVER w AS nt, lead(CAST(event_time AS TIMESTAMP)) OVER w AS nt_time
      FROM vehicle_events WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned')
      WINDOW w AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END)),
    stays AS (SELECT CAST(t AS DATE) AS d_in, CAST(nt_time AS DATE) AS d_out, nt, cost FROM ev WHERE event_type = 'stocked_in')
    SELECT sum(CASE WHEN nt IN ('stocked_out', 'delivered') AND d_out >= DATE '{start}' AND d_out < DATE '{end}' THEN cost ELSE 0 END)
      / (sum(cost * greatest(0, date_diff('day', greatest(d_in, DATE '{start}'), least(coalesce(d_out, DATE '{end}'), DATE '{end}')))) / {days})
      * 365 / {days}
    FROM stays""").fetchone()[0]
cycle = con.execute("""
    SELECT quantile_cont(epoch(CAST(completed_at AS TIMESTAMP) - CAST(opened_at AS TIMESTAMP)) / 3600, 0.5) FROM repair_orders
    WHERE status <> 'void' AND invoiced_at >= $s AND invoiced_at < $e AND completed_at IS NOT NULL AND opened_at IS NOT NULL""", p).fetchone()[0]
comeback = con.execute("""
    WITH b AS (SELECT * FROM repair_orders WHERE coalesce(status, '') <> 'void' AND invoiced_at >= $s AND invoiced_at < $e
               AND coalesce(ro_type, '') NOT IN ('internal', 'pdi'))
    SELECT avg(CASE WHEN coalesce(b.comeback_flag, '0') = '1' OR coalesce(b.comeback_of_ro, '') <> '' OR EXISTS (
        SELECT 1 FROM repair_orders a JOIN ro_labor la ON la.dealer_code = a.dealer_code AND la.ro_no = a.ro_no
          JOIN ro_labor lb ON lb.op_code = la.op_code AND lb.dealer_code = b.dealer_code AND lb.ro_no = b.ro_no
        WHERE a.vin = b.vin AND NOT (a.dealer_code = b.dealer_code AND a.ro_no = b.ro_no) AND coalesce(a.status, '') <> 'void'
          AND a.completed_at IS NOT NULL AND CAST(a.completed_at AS TIMESTAMP) <= CAST(b.opened_at AS TIMESTAMP)
          AND CAST(b.opened_at AS TIMESTAMP) <= CAST(a.completed_at AS TIMESTAMP) + INTERVAL 720 HOUR
          AND coalesce(la.op_code, '') <> '') THEN 1.0 ELSE 0 END) FROM b""", p).fetchone()[0]
margin = con.execute("""
    WITH lines AS (
      SELECT CAST(p.qty AS DOUBLE) * CAST(p.unit_price AS DOUBLE) AS sale, CAST(p.qty AS DOUBLE) * CAST(p.unit_cost AS DOUBLE) AS cost
      FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
      WHERE coalesce(r.status, '') <> 'void' AND r.invoiced_at >= $s AND r.invoiced_at < $e
      UNION ALL
      SELECT (CASE movement_type WHEN 'counter_sale' THEN 1 ELSE -1 END) * CAST(qty AS DOUBLE) * CAST(unit_price AS DOUBLE),
             (CASE movement_type WHEN 'counter_sale' THEN 1 ELSE -1 END) * CAST(qty AS DOUBLE) * CAST(unit_cost AS DOUBLE)
      FROM part_movements WHERE movement_type IN ('counter_sale', 'counter_return') AND moved_at >= $s AND moved_at < $e)
    SELECT (sum(sale) - sum(cost)) / sum(sale) FROM lines""", p).fetchone()[0]
elapsed = time.perf_counter() - t0
print(f"duckdb_seconds={elapsed:.2f} on_time={on_time:.4f} turnover={float(turnover):.2f} cycle_median={cycle:.2f} "
      f"comeback={comeback:.4f} parts_margin={margin:.4f}")
