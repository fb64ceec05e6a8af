/* A fault-injecting SQLite VFS for the storage-fault tests. It wraps the
 * default VFS ("unix") and counts the calls that change a file: xWrite,
 * xSync and xTruncate of every file SQLite opens through it (main database,
 * WAL, rollback journal, temporary files). Armed, it fails the Nth counted
 * call, once (transient) or that call and every later one (persistent),
 * with SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC / SQLITE_IOERR_TRUNCATE, or
 * with SQLITE_FULL (only writes are counted then). FV_READ_ERR counts and
 * fails reads (xRead) instead, and only them.
 *
 * fv_install() registers it as the process's default VFS, so that
 * grp_store_open(), which opens with the default VFS, goes through it.
 * Disarmed it passes every call through, except that xSync is not
 * performed when fv_skip_sync(1) was called: the loops run thousands of
 * commits, and durability against power loss is not their subject. */
#ifndef GRP_FAULTVFS_H
#define GRP_FAULTVFS_H

/* What a counted call was. */
typedef enum fv_op { FV_WRITE = 1, FV_SYNC = 2, FV_TRUNCATE = 4, FV_READ = 8 } fv_op;
/* Which file it was on. */
typedef enum fv_file { FV_MAIN_DB = 1, FV_WAL = 2, FV_JOURNAL = 3, FV_OTHER = 4 } fv_file;

typedef enum fv_kind {
    FV_IOERR = 0, /* every write, sync and truncate counts; fails with an I/O error of its kind */
    FV_FULL = 1,  /* only writes count; fails with SQLITE_FULL */
    FV_READ_ERR = 2 /* only reads (xRead) count, nothing else; fails with SQLITE_IOERR_READ */
} fv_kind;

/* Register the VFS (once; later calls do nothing) as the default. 0 on
 * success. */
int fv_install(void);
/* Make the real VFS the default again, or the fault VFS (fv_use(1)). */
void fv_use(int fault_vfs_default);
/* Skip (1) or perform (0) the real fsync of xSync. */
void fv_skip_sync(int skip);

/* Count calls from now on and fail the `n`th (n >= 1). */
void fv_arm(fv_kind kind, long n, int persistent);
/* Stop failing (counting goes on). */
void fv_disarm(void);

/* Counted calls since the last fv_arm(). */
long fv_calls(void);
/* Faults injected since the last fv_arm(). */
long fv_injected(void);
/* The first fault injected since the last fv_arm(): its call, file and
 * the SQLite code returned; 0s if none. */
void fv_first_fault(fv_op *op, fv_file *file, int *code);

const char *fv_op_name(fv_op op);
const char *fv_file_name(fv_file file);

#endif
