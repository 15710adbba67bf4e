#!/usr/bin/env python3
"""Reference implementation of the dms-dms session metrics with pandas/numpy.

Implements the time base (driver-monitoring.md section 2 and 3.1), the session metrics, and
the long_distraction and drowsy (PERCLOS P80) rules with the default thresholds, vectorised.
Reads the same frame CSV files as `dms-dms score` and writes a sessions CSV with the same
column names for the metrics it computes.

usage: reference.py OUT.csv FILE_OR_FOLDER...
       reference.py --compare REFERENCE.csv DMS_DMS_SESSIONS.csv
"""
import os
import sys

import numpy as np
import pandas as pd

MAX_GAP = 0.5
CLOSED = 0.2
SLACK = 1e-6
LONG_GLANCE = 2.0
LONG_DISTRACTION = 3.0
MICROSLEEP = 0.5
WINDOW = 60.0
PERCLOS = 0.15
VALID_SHARE = 0.5
DROWSY_SPEED = 50.0

COLUMNS = [
    "session_id", "duration_s", "valid_gaze_s", "valid_eye_s", "missing_s", "perclos_p80", "perclos_p80_max_60s",
    "blink_count", "blink_rate_per_min", "blink_mean_s", "offroad_glance_count", "offroad_glance_mean_s",
    "offroad_glance_max_s", "eyes_off_road_s", "glances_over_2s_share", "long_distraction", "drowsy",
]


def runs(state, start, end):
    """Maximal runs of equal state: (state, run start, run end)."""
    change = np.flatnonzero(np.r_[True, state[1:] != state[:-1]])
    run_start = start[change]
    run_end = np.r_[start[change[1:]], end[-1]]
    return state[change], run_start, run_end


def score(frame, session_id):
    t = frame["t_s"].to_numpy(dtype=float)
    n = len(t)
    raw_next = np.diff(t)
    median = float(np.median(raw_next)) if n > 1 else 0.0
    session_end = t[-1] + median
    nxt = np.r_[t[1:], session_end]
    raw = nxt - t
    counted = np.where(raw <= MAX_GAP, raw, np.minimum(raw, 2 * median))
    face = frame["face_detected"].to_numpy() == 1
    zone = frame["gaze_zone"].fillna("unknown").to_numpy()
    gaze = np.where(~face | (zone == "unknown"), 2, np.where(zone == "road", 0, 1)).astype(np.int8)
    left = frame["eye_open_l"].to_numpy(dtype=float)
    right = frame["eye_open_r"].to_numpy(dtype=float)
    known = face & ~np.isnan(left) & ~np.isnan(right)
    eyes = np.where(known, np.where((left <= CLOSED) & (right <= CLOSED), 1, 0), 2).astype(np.int8)
    speed = frame["speed_kmh"].to_numpy(dtype=float) if "speed_kmh" in frame else np.full(n, np.nan)
    gated = "speed_kmh" in frame

    # Segments: each frame's counted part, then its missing part (unknown), zero lengths dropped.
    seg_start = np.column_stack([t, t + counted]).ravel()
    seg_end = np.column_stack([t + counted, nxt]).ravel()
    seg_gaze = np.column_stack([gaze, np.full(n, 2, np.int8)]).ravel()
    seg_eyes = np.column_stack([eyes, np.full(n, 2, np.int8)]).ravel()
    seg_speed = np.column_stack([speed, speed]).ravel()
    keep = seg_end > seg_start
    seg_start, seg_end, seg_gaze, seg_eyes, seg_speed = (
        seg_start[keep], seg_end[keep], seg_gaze[keep], seg_eyes[keep], seg_speed[keep])
    d = seg_end - seg_start

    valid_gaze = d[seg_gaze != 2].sum()
    valid_eye = d[seg_eyes != 2].sum()
    closed_total = d[seg_eyes == 1].sum()
    missing = (raw - counted).sum()

    g_state, g_start, g_end = runs(seg_gaze, seg_start, seg_end)
    off = (g_end - g_start)[g_state == 1]
    e_state, e_start, e_end = runs(seg_eyes, seg_start, seg_end)
    closures = (e_end - e_start)[e_state == 1]
    blinks = closures[closures < MICROSLEEP - SLACK]

    # PERCLOS over the trailing window at every segment end.
    closed_cum = np.r_[0.0, np.cumsum(np.where(seg_eyes == 1, d, 0.0))]
    valid_cum = np.r_[0.0, np.cumsum(np.where(seg_eyes != 2, d, 0.0))]
    T = seg_end
    W = np.maximum(T - WINDOW, t[0])
    j = np.searchsorted(seg_end, W, side="right")
    k = np.arange(len(T))
    j = np.minimum(j, k)
    before = np.maximum(0.0, W - seg_start[j])
    closed_in = closed_cum[k + 1] - closed_cum[j] - np.where(seg_eyes[j] == 1, before, 0.0)
    valid_in = valid_cum[k + 1] - valid_cum[j] - np.where(seg_eyes[j] != 2, before, 0.0)
    qualifies = (valid_in >= VALID_SHARE * WINDOW - SLACK) & (valid_in > 0)
    perclos = np.divide(closed_in, valid_in, out=np.zeros_like(closed_in), where=valid_in > 0)
    holds = qualifies & (perclos >= PERCLOS - SLACK)
    if gated:
        holds &= np.isnan(seg_speed) | (seg_speed >= DROWSY_SPEED)
    drowsy = int(np.count_nonzero(holds & ~np.r_[False, holds[:-1]]))

    return {
        "session_id": session_id,
        "duration_s": session_end - t[0],
        "valid_gaze_s": valid_gaze,
        "valid_eye_s": valid_eye,
        "missing_s": missing,
        "perclos_p80": closed_total / valid_eye if valid_eye > 0 else np.nan,
        "perclos_p80_max_60s": perclos[qualifies].max() if qualifies.any() else np.nan,
        "blink_count": len(blinks),
        "blink_rate_per_min": len(blinks) / (valid_eye / 60) if valid_eye > 0 else np.nan,
        "blink_mean_s": blinks.mean() if len(blinks) else np.nan,
        "offroad_glance_count": len(off),
        "offroad_glance_mean_s": off.mean() if len(off) else np.nan,
        "offroad_glance_max_s": off.max() if len(off) else np.nan,
        "eyes_off_road_s": off.sum(),
        "glances_over_2s_share": (off > LONG_GLANCE + SLACK).mean() if len(off) else np.nan,
        "long_distraction": int(np.count_nonzero(off >= LONG_DISTRACTION - SLACK)),
        "drowsy": drowsy,
    }


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".csv"):
                    yield os.path.join(path, name)
        else:
            yield path


def main(out, paths):
    rows = []
    for path in files(paths):
        frame = pd.read_csv(path)
        if "session_id" in frame:
            for session_id, group in frame.groupby("session_id", sort=False):
                rows.append(score(group, str(session_id)))
        else:
            rows.append(score(frame, os.path.splitext(os.path.basename(path))[0]))
    pd.DataFrame(rows, columns=COLUMNS).sort_values("session_id").to_csv(out, index=False, float_format="%.6f")


def compare(reference_csv, sessions_csv):
    """Checks that dms-dms agrees with the reference (to the decimals dms-dms writes)."""
    ref = pd.read_csv(reference_csv).set_index("session_id")
    got = pd.read_csv(sessions_csv).set_index("session_id")
    problems = 0
    for column in COLUMNS[1:]:
        a = ref[column].reindex(got.index).to_numpy(dtype=float)
        b = got[column].to_numpy(dtype=float)
        # dms-dms writes 2 to 4 decimals: agree to the rounding of the coarsest of them.
        bad = ~((np.isnan(a) & np.isnan(b)) | (np.abs(a - b) <= 0.0051))
        if bad.any():
            problems += int(bad.sum())
            print(f"mismatch in {column}: {int(bad.sum())} sessions, e.g. {got.index[bad][0]}: reference {a[bad][0]} dms-dms {b[bad][0]}")
    print("reference agrees with dms-dms on %d sessions x %d metrics" % (len(got), len(COLUMNS) - 1) if problems == 0 else f"{problems} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
