// Migration `0400-complaints-logistics` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0400-complaints-logistics.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0400ComplaintsLogistics: [String] = [
        #"""
        ALTER TABLE "vehicle_events" ADD COLUMN "eta" TEXT
        """#,
        #"""
        ALTER TABLE "vehicle_events" ADD COLUMN "freight_cost" INTEGER
        """#,
        #"""
        CREATE TABLE "complaints" (
            "dealer_code" TEXT NOT NULL,
            "complaint_no" TEXT NOT NULL,
            "customer_id" TEXT,
            "vin" TEXT,
            "ro_no" TEXT,
            "order_no" TEXT,
            "opened_at" TEXT,
            "channel" TEXT,
            "category" TEXT,
            "severity" TEXT,
            "closed_at" TEXT,
            "status" TEXT,
            "satisfied" INTEGER,
            batch_id INTEGER NOT NULL,
            PRIMARY KEY ("dealer_code", "complaint_no")
        )
        """#,
        #"""
        CREATE INDEX "complaints_batch" ON "complaints" (batch_id)
        """#,
        #"""
        CREATE TABLE vehicle_logistics_intervals (
            dealer_code TEXT NOT NULL,
            vin TEXT NOT NULL,
            kind TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            flag INTEGER,
            PRIMARY KEY (dealer_code, vin, kind, started_at)
        )
        """#,
        #"""
        CREATE INDEX vehicle_logistics_intervals_ended ON vehicle_logistics_intervals (kind, ended_at)
        """#,
        #"""
        CREATE INDEX vehicle_logistics_intervals_started ON vehicle_logistics_intervals (kind, started_at)
        """#,
        #"""
        INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
            MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
              OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
          FROM vehicle_events
          WHERE event_type NOT IN ('ordered', 'reserved') AND 1 = 1
          WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'))
        """#,
        #"""
        INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
          SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND 1 = 1
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type = 'pdi_failed'
        """#,
        #"""
        INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND 1 = 1
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'))
        """#,
        #"""
        CREATE TRIGGER "vehicle_logistics_append" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type NOT IN ('ordered', 'reserved') AND NOT EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type NOT IN ('ordered', 'reserved') AND (e.event_time > NEW.event_time
            OR (e.event_time = NEW.event_time AND CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END > CASE NEW.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END))) BEGIN
            UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
        WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL
          AND NEW.event_type NOT IN ('dispatched', 'in_transit');
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT NEW.dealer_code, NEW.vin, 'transit', NEW.event_time, NULL, NULL
        WHERE NEW.event_type IN ('dispatched', 'in_transit') AND NOT EXISTS (SELECT 1 FROM vehicle_logistics_intervals
          WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL);
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT NEW.dealer_code, NEW.vin, 'pdi_round', NEW.event_time, NULL, CASE WHEN NEW.event_type = 'pdi_passed' THEN 1 ELSE 0 END
        WHERE NEW.event_type IN ('pdi_passed', 'pdi_failed') AND COALESCE((SELECT e.event_type FROM vehicle_events e
          WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin AND e.event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned')
            AND NOT (e.event_type = NEW.event_type AND e.event_time = NEW.event_time)
          ORDER BY e.event_time DESC, CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END DESC LIMIT 1), '') NOT IN ('pdi_passed', 'pdi_failed');
            UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
        WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'pdi_failed' AND ended_at IS NULL
          AND NEW.event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned');
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT NEW.dealer_code, NEW.vin, 'pdi_failed', NEW.event_time, NULL, NEW.damaged WHERE NEW.event_type = 'pdi_failed';
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_logistics_insert" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type NOT IN ('ordered', 'reserved') AND EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type NOT IN ('ordered', 'reserved') AND (e.event_time > NEW.event_time
            OR (e.event_time = NEW.event_time AND CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END > CASE NEW.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END))) BEGIN
            DELETE FROM vehicle_logistics_intervals WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
            MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
              OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
          FROM vehicle_events
          WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
          SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type = 'pdi_failed';
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_logistics_update" AFTER UPDATE ON "vehicle_events" FOR EACH ROW BEGIN
            DELETE FROM vehicle_logistics_intervals WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
            MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
              OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
          FROM vehicle_events
          WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
          SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type = 'pdi_failed';
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
            DELETE FROM vehicle_logistics_intervals WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
            MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
              OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
          FROM vehicle_events
          WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
          SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type = 'pdi_failed';
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_logistics_delete" AFTER DELETE ON "vehicle_events" FOR EACH ROW WHEN OLD.event_type NOT IN ('ordered', 'reserved') BEGIN
            DELETE FROM vehicle_logistics_intervals WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
            MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
              OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
          FROM vehicle_events
          WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
          SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type = 'pdi_failed';
            INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
        SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
          SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
          FROM vehicle_events
          WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
        ) AS events
        WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
        END
        """#,
        #"""
        CREATE INDEX report_vehicle_events_type_time ON vehicle_events (event_type, event_time)
        """#,
        #"""
        CREATE INDEX report_complaints_opened ON complaints (opened_at)
        """#,
        #"""
        CREATE INDEX report_complaints_closed ON complaints (closed_at)
        """#,
        #"""
        CREATE INDEX report_complaints_open ON complaints (opened_at) WHERE status IS NULL OR status = 'open'
        """#,
        #"""
        CREATE INDEX report_employees_left ON employees (left_on)
        """#,
        #"""
        CREATE INDEX report_vehicle_disposals_disposed ON vehicle_disposals (disposed_on)
        """#,
    ]
}
