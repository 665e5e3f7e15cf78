// SQLite settings that its C API exposes only through variadic functions, which Swift cannot call.
#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

/// Turns off SQLite's factoring of constant expressions out of loops on this connection (`connection`
/// is a `sqlite3 *`). Returns SQLite's result code.
int csqlite_disable_constant_factoring(void *connection);

#endif
