#include <sqlite3.h>

/// Turns SQLite's memory statistics off for the whole process. `sqlite3_config` is variadic,
/// which Swift does not import, hence this wrapper. With statistics on (the default), every
/// allocation takes a global mutex to keep the counters; Ledger never reads them. Effective
/// only before SQLite initialises (the first open); afterwards it returns SQLITE_MISUSE and
/// changes nothing.
static inline int ledger_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
