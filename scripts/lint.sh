#!/usr/bin/env bash
# Layering rules (docs/architecture.md): only Database/ calls sqlite3_ and libpq, only one file
# calls libxml2, and the library never prints, exits or reads the environment or clock.
set -u
cd "$(dirname "$0")/.."
fail=0
check() { # message, command output
  if [ -n "$2" ]; then echo "lint: $1:"; echo "$2" | sed 's/^/  /'; fail=1; fi
}
check "sqlite3_ outside Sources/Ledger/Database" \
  "$(grep -rln 'sqlite3_' Sources --include='*.swift' | grep -v '^Sources/Ledger/Database/')"
check "libpq (PQ…) calls outside Sources/Ledger/Database/PostgreSQLDatabase.swift" \
  "$(grep -rlE '\bPQ[a-z]+\(' Sources --include='*.swift' | grep -v '^Sources/Ledger/Database/PostgreSQLDatabase.swift$')"
check "libxml2 calls in more than one file" \
  "$(n=$(grep -rlE '\bxml(TextReader|ReaderFor|SetStructuredErrorFunc|SetExternalEntityLoader|FreeTextReader)' Sources --include='*.swift' | wc -l); [ "$n" -gt 1 ] && grep -rlE '\bxml(TextReader|ReaderFor)' Sources --include='*.swift')"
check "libcrypto (EVP_) calls outside Sources/Ledger/Support/SHA256.swift" \
  "$(grep -rlE '\bEVP_' Sources --include='*.swift' | grep -v '^Sources/Ledger/Support/SHA256.swift$')"
check "print/exit/environment/clock in the Ledger library" \
  "$(grep -rnE '(^|[^.a-zA-Z_])(print|exit|getenv|fputs)\(|ProcessInfo|Date\(\)|time\(nil\)|clock_gettime|gettimeofday' Sources/Ledger --include='*.swift')"
check "Schema/ uses DriverMonitoring (its migrations are frozen text; the store depends on Schema, not the reverse)" \
  "$(grep -rnE '\b(DriverMonitoringStore|SessionScore|MonitoringEvent|SessionGenerator)\b' Sources/Ledger/Schema --include='*.swift' | grep -vE '^[^:]+:[0-9]+: *//')"
check "SessionGenerator in the library (it belongs to the FeedGenerator target)" \
  "$(grep -rln 'struct SessionGenerator' Sources/Ledger)"
check "force try or fatalError in sources" \
  "$(grep -rnE 'try!|fatalError\(' Sources --include='*.swift')"
check "literal exit codes in the tools (map errors through LedgerCLI's ToolRunner / ExitStatus)" \
  "$(grep -rnE 'ExitCode\([0-9]|exit\([0-9]|ExitCode\.(failure|validationFailure)' Sources/dms-* --include='*.swift')"
check "an HTML escaper outside Sources/Ledger/Reports/HTMLEscape.swift (one escaper for every page)" \
  "$(grep -rlF '"&#39;"' Sources --include='*.swift' | grep -v '^Sources/Ledger/Reports/HTMLEscape.swift$')"
check "KPI id literals outside the catalogue (refer to the KPIDefinition entry, so that a typo does not compile)" \
  "$(grep -rnE '"(sales|stock|parts|service|finance|fleet|logistics|staff|crm)\.[a-z_]' Sources --include='*.swift' | grep -vE '^Sources/Ledger/(KPIs/KPICatalogue[^/]*|Finance/FinanceKPIs)\.swift:')"
exit $fail
