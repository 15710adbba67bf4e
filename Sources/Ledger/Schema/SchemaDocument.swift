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


            """
        out += FeedCatalogue.describe(FeedCatalogue.standard.feeds, markdown: true)
        return out
    }
}
