/* The fault-injecting VFS (see faultvfs.h). Every method of the wrapped
 * file is passed through; only xWrite, xSync and xTruncate are counted and
 * may fail. Single-threaded use (the tests run one store at a time). */
#include "faultvfs.h"

#include <sqlite3.h>
#include <string.h>

typedef struct fv_handle {
    sqlite3_file base; /* must be first: SQLite sees this */
    fv_file kind;
    sqlite3_file *real; /* the wrapped file, allocated right after this struct */
} fv_handle;

static sqlite3_vfs fv_vfs;
static sqlite3_vfs *real_vfs;
static int installed;

static struct {
    int armed;
    fv_kind kind;
    long fail_at;
    int persistent;
    long calls;
    long injected;
    fv_op first_op;
    fv_file first_file;
    int first_code;
    int skip_sync;
} st;

#define REAL(f) (((fv_handle *)(f))->real)

/* Count a call of kind `op` on `file` and decide whether it fails:
 * SQLITE_OK to go on, else the error to return. */
static int fault_for(fv_handle *h, fv_op op)
{
    if ((st.kind == FV_READ_ERR) != (op == FV_READ)) /* reads count in FV_READ_ERR only, and alone */
        return SQLITE_OK;
    if (st.kind == FV_FULL && op != FV_WRITE)
        return SQLITE_OK;
    long n = ++st.calls;
    if (!st.armed || n < st.fail_at || (n > st.fail_at && !st.persistent))
        return SQLITE_OK;
    int code;
    if (st.kind == FV_FULL)
        code = SQLITE_FULL;
    else if (st.kind == FV_READ_ERR)
        code = SQLITE_IOERR_READ;
    else
        code = op == FV_WRITE ? SQLITE_IOERR_WRITE : op == FV_SYNC ? SQLITE_IOERR_FSYNC : SQLITE_IOERR_TRUNCATE;
    if (st.injected++ == 0) {
        st.first_op = op;
        st.first_file = h->kind;
        st.first_code = code;
    }
    return code;
}

static int fv_close(sqlite3_file *f)
{
    int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
    f->pMethods = NULL;
    return rc;
}

static int fv_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
    int rc = fault_for((fv_handle *)f, FV_READ);
    return rc ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, amt, off);
}

static int fv_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
    int rc = fault_for((fv_handle *)f, FV_WRITE);
    return rc ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, amt, off);
}

static int fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    int rc = fault_for((fv_handle *)f, FV_TRUNCATE);
    return rc ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int fv_sync(sqlite3_file *f, int flags)
{
    int rc = fault_for((fv_handle *)f, FV_SYNC);
    if (rc)
        return rc;
    return st.skip_sync ? SQLITE_OK : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int fv_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int fv_lock(sqlite3_file *f, int lock)
{
    return REAL(f)->pMethods->xLock(REAL(f), lock);
}

static int fv_unlock(sqlite3_file *f, int lock)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}

static int fv_check_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int fv_file_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int fv_sector_size(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int fv_device_characteristics(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int fv_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **out)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, out);
}

static int fv_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void fv_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int fv_shm_unmap(sqlite3_file *f, int delete_flag)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

static int fv_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, amt, pp);
}

static int fv_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* Version 3 methods; a wrapped file with an older method table gets the
 * same version (the extra slots are then never called). */
static sqlite3_io_methods fv_methods_v3 = {
    3,           fv_close,         fv_read,         fv_write,         fv_truncate,
    fv_sync,     fv_file_size,     fv_lock,         fv_unlock,        fv_check_reserved,
    fv_file_control, fv_sector_size, fv_device_characteristics, fv_shm_map, fv_shm_lock,
    fv_shm_barrier, fv_shm_unmap,  fv_fetch,        fv_unfetch,
};
static sqlite3_io_methods fv_methods_v2;
static sqlite3_io_methods fv_methods_v1;

static int fv_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    fv_handle *h = (fv_handle *)f;
    h->real = (sqlite3_file *)(h + 1);
    h->kind = (flags & SQLITE_OPEN_MAIN_DB)      ? FV_MAIN_DB
              : (flags & SQLITE_OPEN_WAL)        ? FV_WAL
              : (flags & SQLITE_OPEN_MAIN_JOURNAL) ? FV_JOURNAL
                                                 : FV_OTHER;
    int rc = real_vfs->xOpen(real_vfs, name, h->real, flags, out_flags);
    if (rc != SQLITE_OK || !h->real->pMethods) {
        f->pMethods = NULL;
        return rc;
    }
    int v = h->real->pMethods->iVersion;
    f->pMethods = v >= 3 ? &fv_methods_v3 : v == 2 ? &fv_methods_v2 : &fv_methods_v1;
    return SQLITE_OK;
}

/* Everything but xOpen goes to the real VFS. */
static int fv_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
    (void)v;
    /* The directory sync is a sync too. */
    return real_vfs->xDelete(real_vfs, name, st.skip_sync ? 0 : sync_dir);
}

static int fv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *fv_dlopen(sqlite3_vfs *v, const char *name)
{
    (void)v;
    return real_vfs->xDlOpen(real_vfs, name);
}

static void fv_dlerror(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    real_vfs->xDlError(real_vfs, n, out);
}

static void (*fv_dlsym(sqlite3_vfs *v, void *lib, const char *sym))(void)
{
    (void)v;
    return real_vfs->xDlSym(real_vfs, lib, sym);
}

static void fv_dlclose(sqlite3_vfs *v, void *lib)
{
    (void)v;
    real_vfs->xDlClose(real_vfs, lib);
}

static int fv_randomness(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int fv_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}

static int fv_current_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int fv_get_last_error(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int fv_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

int fv_install(void)
{
    if (installed)
        return 0;
    if (sqlite3_initialize() != SQLITE_OK)
        return -1;
    real_vfs = sqlite3_vfs_find("unix");
    if (!real_vfs || real_vfs->iVersion < 2)
        return -1;
    fv_methods_v2 = fv_methods_v3;
    fv_methods_v2.iVersion = 2;
    fv_methods_v1 = fv_methods_v3;
    fv_methods_v1.iVersion = 1;
    memset(&fv_vfs, 0, sizeof fv_vfs);
    fv_vfs.iVersion = 2;
    fv_vfs.szOsFile = (int)sizeof(fv_handle) + real_vfs->szOsFile;
    fv_vfs.mxPathname = real_vfs->mxPathname;
    fv_vfs.zName = "faultvfs";
    fv_vfs.xOpen = fv_open;
    fv_vfs.xDelete = fv_delete;
    fv_vfs.xAccess = fv_access;
    fv_vfs.xFullPathname = fv_full_pathname;
    fv_vfs.xDlOpen = fv_dlopen;
    fv_vfs.xDlError = fv_dlerror;
    fv_vfs.xDlSym = fv_dlsym;
    fv_vfs.xDlClose = fv_dlclose;
    fv_vfs.xRandomness = fv_randomness;
    fv_vfs.xSleep = fv_sleep;
    fv_vfs.xCurrentTime = fv_current_time;
    fv_vfs.xGetLastError = fv_get_last_error;
    fv_vfs.xCurrentTimeInt64 = fv_current_time_int64;
    if (sqlite3_vfs_register(&fv_vfs, 1) != SQLITE_OK)
        return -1;
    installed = 1;
    return 0;
}

void fv_use(int fault_vfs_default)
{
    sqlite3_vfs_register(fault_vfs_default ? &fv_vfs : real_vfs, 1);
}

void fv_skip_sync(int skip)
{
    st.skip_sync = skip;
}

void fv_arm(fv_kind kind, long n, int persistent)
{
    st.armed = 1;
    st.kind = kind;
    st.fail_at = n;
    st.persistent = persistent;
    st.calls = 0;
    st.injected = 0;
    st.first_op = 0;
    st.first_file = 0;
    st.first_code = 0;
}

void fv_disarm(void)
{
    st.armed = 0;
}

long fv_calls(void)
{
    return st.calls;
}

long fv_injected(void)
{
    return st.injected;
}

void fv_first_fault(fv_op *op, fv_file *file, int *code)
{
    *op = st.first_op;
    *file = st.first_file;
    *code = st.first_code;
}

const char *fv_op_name(fv_op op)
{
    return op == FV_WRITE      ? "write"
           : op == FV_SYNC     ? "sync"
           : op == FV_TRUNCATE ? "truncate"
           : op == FV_READ     ? "read"
                               : "none";
}

const char *fv_file_name(fv_file file)
{
    switch (file) {
    case FV_MAIN_DB:
        return "main db";
    case FV_WAL:
        return "WAL";
    case FV_JOURNAL:
        return "journal";
    case FV_OTHER:
        return "other";
    }
    return "none";
}
