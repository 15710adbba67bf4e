CREATE TABLE dm_sessions (
    session_id TEXT PRIMARY KEY NOT NULL,
    source_file TEXT NOT NULL,
    vin TEXT,
    driver_id TEXT,
    start_s DOUBLE PRECISION NOT NULL,
    duration_s DOUBLE PRECISION NOT NULL,
    valid_gaze_s DOUBLE PRECISION NOT NULL,
    valid_eye_s DOUBLE PRECISION NOT NULL,
    missing_s DOUBLE PRECISION NOT NULL,
    perclos_p80 DOUBLE PRECISION,
    perclos_p80_max_60s DOUBLE PRECISION,
    blink_count BIGINT,
    blink_rate_per_min DOUBLE PRECISION,
    blink_mean_s DOUBLE PRECISION,
    offroad_glance_count BIGINT NOT NULL,
    offroad_glance_mean_s DOUBLE PRECISION,
    offroad_glance_max_s DOUBLE PRECISION,
    eyes_off_road_s DOUBLE PRECISION NOT NULL,
    glances_over_2s_share DOUBLE PRECISION,
    long_distraction BIGINT,
    vats BIGINT,
    phone_use BIGINT,
    microsleep BIGINT,
    sleep BIGINT,
    unresponsive BIGINT,
    drowsy BIGINT,
    degraded BIGINT,
    events_per_hour DOUBLE PRECISION,
    severity TEXT NOT NULL,
    speed_gating TEXT NOT NULL,
    scored_at TEXT NOT NULL
);

CREATE INDEX dm_sessions_vin ON dm_sessions (vin);

CREATE INDEX dm_sessions_driver ON dm_sessions (driver_id);

CREATE TABLE dm_events (
    session_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    start_s DOUBLE PRECISION NOT NULL,
    end_s DOUBLE PRECISION NOT NULL,
    duration_s DOUBLE PRECISION NOT NULL,
    detected_at_s DOUBLE PRECISION NOT NULL,
    details TEXT,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX dm_events_type ON dm_events (type, session_id);
