// The system's SQLite C API, for the benchmark's hand-written floor (cpapi-bench floor): the product
// reaches SQLite only through GRDB, in Sources/CPAPIKit/Store/.
#include <sqlite3.h>
