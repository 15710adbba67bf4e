/// `docs/schema.md`, generated from the feed catalogue and the migrations (a test keeps
/// the committed file in step).
public enum SchemaDocument {
    public static func markdown() -> String {
        var out = """
            # Warehouse schema

            Generated from the feed catalogue (`Sources/Ledger/Feeds/FeedCatalogue.swift`) by
            `SchemaDocument`; `make docs` rewrites it and a test fails when it is out of date.

            One table per feed, named as the feed, with the canonical column names of
            `feeds.md`, the natural key as primary key, and `batch_id` — the batch (row of
            `batches`) that last inserted or changed the row (for `ro_labor` / `ro_parts`: the
            last batch that delivered the line), and `source_line` — the line of that batch's
            file the row came from (first line of its record; for XML, of its element). Rows
            written before migration `0411-source-lines` have it null.

            Stored units: money in **integer minor units** (fen / cents: `152300.00` is
            `15230000`); decimals (quantities, hours, stock levels) and scores in **integer
            ten-thousandths** (`1.25` h is `12500`); dates as `YYYY-MM-DD` text; date-times as
            `YYYY-MM-DD HH:MM:SS` text in the dealer's local wall-clock time; booleans 0/1;
            enumerations as their canonical value. Null is SQL NULL.

            Migrations (forward only, each once, each in one transaction; ids never change):
            \(WarehouseSchema.migrations.map { "`\($0.id)`" }.joined(separator: ", ")).
            A warehouse holding a migration this binary does not know is refused (exit 78).
            Reports open the warehouse read-only and never migrate it: one that lacks a
            migration of their binary is refused too (exit 78, "run dms-import first" — any
            `dms-import` command brings it up to date).

            ## batches

            The batch ledger: one row per file handled — `batch_id`, `path`, `size` (bytes),
            `sha256`, `feed` (for XML files, the feeds written, joined by `+`), `rows_read`,
            `inserted`, `updated`, `unchanged`, `rejected`, `duplicates` (records whose key an
            earlier record of the same file had; the later one wins), `removed_lines` (child
            lines replaced away), `started_at` / `finished_at` (UTC, ISO 8601), `outcome`
            (`loaded`, `rolled_back`, `failed`, `skipped`, `empty`, `not_a_feed`), `message`,
            `archived_path` (where `--archive` moved the file). A file whose SHA-256 has a
            `loaded` batch is skipped unless `--force`. Files that load nothing (failed, rolled
            back, empty, not a feed) get a row of their own, with counts of 0; skipped files get
            one when `--archive` moves them, to say where they went. Standard input is recorded
            with path `-`.

            ## Derived tables

            Kept by triggers in the same transaction as every write to their source table (so
            no write path can leave them stale) and filled from existing rows by migration
            `0300-report-history`. Reports read them so that their cost does not grow with the
            years of history; nothing else writes them.

            - `part_month_totals` (from `part_movements`): `dealer_code`, `part_no` (`''` when
              missing), `month` (`YYYY-MM`), `value_change` (signed stock value, 10⁻⁶ of the
              currency unit: quantity ten-thousandths × cost fen), `qty_change` (signed,
              ten-thousandths), `first_moved_at`, `last_issue_at` (last `issue_to_ro` /
              `counter_sale`). Movements without `moved_at` are not counted.
            - `vehicle_stays` (from `vehicle_events`): one row per `stocked_in` —
              `dealer_code`, `vin`, `stocked_in_at`, `cost`, and `ended_at` / `ending_event`:
              the VIN's next `stocked_in`, `stocked_out`, `delivered` or `returned` (an
              out-event first at the same instant), null while in stock.
            - `vehicle_logistics_intervals` (from `vehicle_events`, migration
              `0400-complaints-logistics`): `dealer_code`, `vin`, `kind`, `started_at`,
              `ended_at`, `flag`. `transit`: from a `dispatched` / `in_transit` event that
              follows no other transit event to the next event of another type (`ordered` and
              `reserved` left out), so a vehicle is in transit at t when `started_at ≤ t <
              ended_at` (or ended_at is null). `pdi_failed`: from a `pdi_failed` event to the
              next PDI, `arrived`, `stocked_out`, `delivered` or `returned` event (`flag` =
              that event's `damaged`). `pdi_round`: the first PDI event of each round (`flag`
              1 when it is `pdi_passed`). Events at one instant sort in the order of the
              event_type list. A VIN's rows are recomputed from its events on every write.

            ## Columns added by later migrations

            Migration `0001-feeds` created the feed tables as the catalogue stood then, and a
            released migration never changes. `0400-complaints-logistics` created `complaints`
            and appended `eta` and `freight_cost` to `vehicle_events` (after `batch_id`), so a
            fresh warehouse and an upgraded one have the same columns in the same order.

            ## Released migrations are frozen

            A released migration never changes. Each one's statements are written out per backend
            as Swift literals (`Sources/Ledger/Schema/Migrations/`, one file per migration and
            backend) — not generated from the feed catalogue — and compared statement for
            statement with a golden file per migration and backend
            (`Tests/LedgerTests/Goldens/migrations/<backend>/<id>.sql`), which `RECORD_GOLDENS=1`
            writes only when it is missing, never over a released one. Changing a released
            migration therefore takes two deliberate edits, and the test names the migration.
            The catalogue cannot drift silently either: a test builds a fresh warehouse from the
            migrations and compares every feed table (columns, order, types, key) with what the
            current catalogue describes, so a new catalogue column fails until a new migration
            adds it.


            """
        // Kept apart from the interpolated text above: it quotes SQL.
        out += viewsAndDates
        out += FeedCatalogue.describe(FeedCatalogue.standard.feeds, markdown: true)
        return out
    }

    static let viewsAndDates = """
            ## Readable views

            The tables store exact integers; analysts should read the views. Every feed table
            has a view `<feed>_v` with the same columns in readable units: money in yuan
            (`sale_price * 0.01`), quantities, hours, stock levels and scores as decimals
            (`* 0.0001`); text, dates, date-times, whole numbers, booleans and `batch_id`
            unchanged. So `SELECT SUM(sale_price) FROM sales_orders_v` gives yuan in the
            sqlite3 shell and in DuckDB (`ATTACH 'dms.sqlite' (TYPE sqlite)`: DuckDB re-creates
            an attached view from its SQL, which is therefore kept to syntax both read).

            In DuckDB the view columns are exact DECIMALs (`DECIMAL(22,2)`, `DECIMAL(24,4)`),
            so sums are exact. In SQLite they are binary floating point: the shell prints them
            right (15 significant digits), and a sum is right to the fen after rounding
            (`printf('%.2f', SUM(sale_price))`, `ROUND(SUM(…), 2)`) for any total below about
            10¹³ yuan. For exact figures in SQLite sum the stored integers and scale once:
            `SELECT SUM(sale_price) * 0.01 FROM sales_orders`.

            The views follow the catalogue by themselves: every read-write open (`dms-import`,
            `dms-dms score --warehouse`) compares each view's stored SQL with the one the
            catalogue gives and re-creates those that differ or are missing, in one
            transaction. A feed or column added later (with its migration) gets its view
            without a migration of its own. Do not create objects named `<feed>_v` yourself.

            ## Business dates and completeness

            `dms-import status` and the `coverage` column of reports read the business dates of
            the activity feeds (cli.md "Completeness"; the table `ActivityDates` next to the feed
            catalogue — one line per feed): `repair_orders` opened_at / invoiced_at,
            `sales_orders` order_date / delivered_on, `part_movements` moved_at,
            `vehicle_events` event_time, `attendance` work_date, `appointments` created_at,
            `csi_surveys` survey_date, `fleet_bookings` checked_out_at / returned_at,
            `expenses` posting_date, `warranty_claims` submitted_on / decided_on, `complaints`
            opened_at / closed_at (when the catalogue has it). Each is read as an index range
            (migration `0430-activity-date-indexes` adds the indexes no earlier migration had);
            a new activity feed needs an index on each of its business dates.


            """
}
