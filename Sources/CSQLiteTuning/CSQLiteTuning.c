#include "CSQLiteTuning.h"

#include <sqlite3.h>

// SQLITE_FactorOutConst in sqlite3Int.h; stable since SQLite 3.8. The test-control interface is the
// only way to reach the optimisation mask from outside SQLite.
#define CSQLITE_FACTOR_OUT_CONSTANTS 0x00000008

int csqlite_disable_constant_factoring(void *connection) {
    return sqlite3_test_control(SQLITE_TESTCTRL_OPTIMIZATIONS, (sqlite3 *)connection, CSQLITE_FACTOR_OUT_CONSTANTS);
}
