/// The vehicle-logistics intervals the warehouse keeps in step with `vehicle_events`, and the
/// indexes of the logistics, staff and complaint KPIs (kpis.md 11–13), so that "as of the end
/// of P" questions read index ranges instead of the history (`docs/schema.md`, "Derived
/// tables").
///
/// `vehicle_logistics_intervals` holds, per dealer and VIN, three kinds of rows, each
/// recomputed from that VIN's events by triggers (a primary-key range of a few rows):
/// - `transit`: from an event `dispatched` / `in_transit` that follows no other transit
///   event, to the first later event of another type (`ordered` and `reserved` left out);
///   the vehicle is in transit at t when `started_at ≤ t < ended_at` (or ended_at is null).
/// - `pdi_failed`: from a `pdi_failed` event to the next event among the PDI events and the
///   round-splitting events (`arrived`, `stocked_out`, `delivered`, `returned`); the round is
///   failed and open at t when `started_at ≤ t < ended_at` (or ended_at is null). `flag`
///   is that event's `damaged`.
/// - `pdi_round`: the first PDI event of each round (`started_at`); `flag` is 1 when it is
///   `pdi_passed`.
///
/// Events at the same instant sort in the order of the event_type list of feeds.md.
enum LogisticsTables {
    /// The position of an event type in feeds.md's list (ties at one instant).
    static func typeRank(_ column: String) -> String {
        """
        CASE \(column) WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 \
        WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 \
        WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END
        """
    }

    static let transitTypes = "('dispatched', 'in_transit')"
    static let pdiTypes = "('pdi_passed', 'pdi_failed')"
    /// The PDI events and the events that split PDI rounds.
    static let pdiSequenceTypes = "('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned')"
    /// The events that take part in neither question.
    static let ignoredTypes = "('ordered', 'reserved')"

    private static let columns = "dealer_code, vin, kind, started_at, ended_at, flag"

    /// The intervals of the VINs selected by `filter` (a condition on `vehicle_events`).
    private static func intervals(where filter: String) -> [String] {
        let order = "PARTITION BY dealer_code, vin ORDER BY event_time, \(typeRank("event_type"))"
        return [
            """
            INSERT INTO vehicle_logistics_intervals (\(columns))
            SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
              SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
                MIN(CASE WHEN event_type NOT IN \(transitTypes) THEN event_time END)
                  OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
              FROM vehicle_events
              WHERE event_type NOT IN \(ignoredTypes) AND \(filter)
              WINDOW leg AS (\(order))
            ) AS events
            WHERE event_type IN \(transitTypes) AND (previous_type IS NULL OR previous_type NOT IN \(transitTypes))
            """,
            """
            INSERT INTO vehicle_logistics_intervals (\(columns))
            SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
              SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
              FROM vehicle_events
              WHERE event_type IN \(pdiSequenceTypes) AND \(filter)
              WINDOW round AS (\(order))
            ) AS events
            WHERE event_type = 'pdi_failed'
            """,
            """
            INSERT INTO vehicle_logistics_intervals (\(columns))
            SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
              SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
              FROM vehicle_events
              WHERE event_type IN \(pdiSequenceTypes) AND \(filter)
              WINDOW round AS (\(order))
            ) AS events
            WHERE event_type IN \(pdiTypes) AND (previous_type IS NULL OR previous_type NOT IN \(pdiTypes))
            """,
        ]
    }

    /// Recomputes the intervals of the VIN of the event `row`.
    private static func recompute(_ row: String) -> [String] {
        ["DELETE FROM vehicle_logistics_intervals WHERE dealer_code = \(row).dealer_code AND vin = \(row).vin"]
            + intervals(where: "dealer_code = \(row).dealer_code AND vin = \(row).vin")
    }

    /// Whether the VIN of `NEW` has an event (other than ordered / reserved) that sorts after it.
    static let laterEvent = """
        EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type NOT IN \(ignoredTypes) AND (e.event_time > NEW.event_time
            OR (e.event_time = NEW.event_time AND \(typeRank("e.event_type")) > \(typeRank("NEW.event_type")))))
        """

    /// The chronological load (an event later than the VIN's others): close or open the
    /// intervals the event changes, without recomputing the VIN.
    static let append: [String] = [
        """
        UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
        WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL
          AND NEW.event_type NOT IN \(transitTypes)
        """,
        """
        INSERT INTO vehicle_logistics_intervals (\(columns))
        SELECT NEW.dealer_code, NEW.vin, 'transit', NEW.event_time, NULL, NULL
        WHERE NEW.event_type IN \(transitTypes) AND NOT EXISTS (SELECT 1 FROM vehicle_logistics_intervals
          WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL)
        """,
        """
        INSERT INTO vehicle_logistics_intervals (\(columns))
        SELECT NEW.dealer_code, NEW.vin, 'pdi_round', NEW.event_time, NULL, CASE WHEN NEW.event_type = 'pdi_passed' THEN 1 ELSE 0 END
        WHERE NEW.event_type IN \(pdiTypes) AND COALESCE((SELECT e.event_type FROM vehicle_events e
          WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin AND e.event_type IN \(pdiSequenceTypes)
            AND NOT (e.event_type = NEW.event_type AND e.event_time = NEW.event_time)
          ORDER BY e.event_time DESC, \(typeRank("e.event_type")) DESC LIMIT 1), '') NOT IN \(pdiTypes)
        """,
        """
        UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
        WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'pdi_failed' AND ended_at IS NULL
          AND NEW.event_type IN \(pdiSequenceTypes)
        """,
        """
        INSERT INTO vehicle_logistics_intervals (\(columns))
        SELECT NEW.dealer_code, NEW.vin, 'pdi_failed', NEW.event_time, NULL, NEW.damaged WHERE NEW.event_type = 'pdi_failed'
        """,
    ]

    static func statements(_ dialect: any SQLDialect) -> [String] {
        [
            """
            CREATE TABLE vehicle_logistics_intervals (
                dealer_code TEXT NOT NULL,
                vin TEXT NOT NULL,
                kind TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT,
                flag INTEGER,
                PRIMARY KEY (dealer_code, vin, kind, started_at)
            )
            """,
            // In transit / failed and open at a period end: intervals not ended by then.
            "CREATE INDEX vehicle_logistics_intervals_ended ON vehicle_logistics_intervals (kind, ended_at)",
            // PDI rounds that start in a period.
            "CREATE INDEX vehicle_logistics_intervals_started ON vehicle_logistics_intervals (kind, started_at)",
        ]
            + intervals(where: "1 = 1")
            // The usual, chronological load appends; an event that sorts before another of its
            // VIN recomputes the VIN's few intervals (a primary-key range).
            + dialect.rowTrigger(
                name: "vehicle_logistics_append", after: .insert, on: "vehicle_events",
                when: "NEW.event_type NOT IN \(ignoredTypes) AND NOT \(laterEvent)", statements: append)
            + dialect.rowTrigger(
                name: "vehicle_logistics_insert", after: .insert, on: "vehicle_events",
                when: "NEW.event_type NOT IN \(ignoredTypes) AND \(laterEvent)", statements: recompute("NEW"))
            + dialect.rowTrigger(
                name: "vehicle_logistics_update", after: .update, on: "vehicle_events", when: nil,
                statements: recompute("OLD") + recompute("NEW"))
            + dialect.rowTrigger(
                name: "vehicle_logistics_delete", after: .delete, on: "vehicle_events",
                when: "OLD.event_type NOT IN \(ignoredTypes)", statements: recompute("OLD"))
            + [
                // Arrivals and dispatches of a period (event_type, then time).
                "CREATE INDEX report_vehicle_events_type_time ON vehicle_events (event_type, event_time)",
                // Complaints opened / closed in a period, and those still open at its end.
                "CREATE INDEX report_complaints_opened ON complaints (opened_at)",
                "CREATE INDEX report_complaints_closed ON complaints (closed_at)",
                "CREATE INDEX report_complaints_open ON complaints (opened_at) WHERE status IS NULL OR status = 'open'",
                // Headcount at a day's end: employees still employed, or who left after it.
                "CREATE INDEX report_employees_left ON employees (left_on)",
                // Bookings and disposals of a period.
                "CREATE INDEX report_vehicle_disposals_disposed ON vehicle_disposals (disposed_on)",
            ]
    }
}
