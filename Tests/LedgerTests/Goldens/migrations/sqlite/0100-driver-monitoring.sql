CREATE TABLE dm_sessions (
    session_id TEXT PRIMARY KEY NOT NULL,
    source_file TEXT NOT NULL,
    vin TEXT,
    driver_id TEXT,
    start_s REAL NOT NULL,
    duration_s REAL NOT NULL,
    valid_gaze_s REAL NOT NULL,
    valid_eye_s REAL NOT NULL,
    missing_s REAL NOT NULL,
    perclos_p80 REAL,
    perclos_p80_max_60s REAL,
    blink_count INTEGER,
    blink_rate_per_min REAL,
    blink_mean_s REAL,
    offroad_glance_count INTEGER NOT NULL,
    offroad_glance_mean_s REAL,
    offroad_glance_max_s REAL,
    eyes_off_road_s REAL NOT NULL,
    glances_over_2s_share REAL,
    long_distraction INTEGER,
    vats INTEGER,
    phone_use INTEGER,
    microsleep INTEGER,
    sleep INTEGER,
    unresponsive INTEGER,
    drowsy INTEGER,
    degraded INTEGER,
    events_per_hour REAL,
    severity TEXT NOT NULL,
    speed_gating TEXT NOT NULL,
    scored_at TEXT NOT NULL
);

CREATE INDEX dm_sessions_vin ON dm_sessions (vin);

CREATE INDEX dm_sessions_driver ON dm_sessions (driver_id);

CREATE TABLE dm_events (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    duration_s REAL NOT NULL,
    detected_at_s REAL NOT NULL,
    details TEXT,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX dm_events_type ON dm_events (type, session_id);
