/* Allocation-failure injection (fault.h). */
#include "fault.h"

#include <cjson/cJSON.h>
#include <libgrp/common.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static long seen, fail_at, fired;
static size_t only_size; /* nonzero: count only allocations of this size */
static int armed;
static fault_mode mode;
static long live_grp, live_sqlite, live_cjson;

static int should_fail(size_t size)
{
    if (!armed || (only_size && size != only_size))
        return 0;
    seen++;
    if (seen == fail_at || (mode == FAULT_PERSISTENT && seen > fail_at)) {
        fired++;
        return 1;
    }
    return 0;
}

void fault_arm(long n, fault_mode m)
{
    only_size = 0;
    seen = 0;
    fired = 0;
    fail_at = n;
    mode = m;
    armed = 1;
}

void fault_arm_size(long n, size_t size)
{
    fault_arm(n, FAULT_TRANSIENT);
    only_size = size;
}

void fault_disarm(void)
{
    armed = 0;
}

long fault_seen(void)
{
    return seen;
}

long fault_fired(void)
{
    return fired;
}

long fault_live_grp(void)
{
    return live_grp;
}

long fault_live_sqlite(void)
{
    return live_sqlite;
}

long fault_live_cjson(void)
{
    return live_cjson;
}

/* ---- libgrp's hooks ---------------------------------------------------- */

static void *grp_malloc_hook(size_t n, void *payload)
{
    (void)payload;
    void *p = should_fail(n) ? NULL : malloc(n);
    live_grp += p != NULL;
    return p;
}

static void *grp_realloc_hook(void *q, size_t n, void *payload)
{
    (void)payload;
    if (should_fail(n))
        return NULL;
    void *p = realloc(q, n);
    live_grp += (q == NULL && p != NULL);
    return p;
}

static void grp_free_hook(void *q, void *payload)
{
    (void)payload;
    live_grp -= q != NULL;
    free(q);
}

void fault_install_grp(void)
{
    static const grp_allocator a = {grp_malloc_hook, grp_realloc_hook, grp_free_hook, NULL};
    if (grp_set_allocator(&a) != 0)
        abort();
}

/* ---- SQLite's allocator: a size header in front of each block ----------- */

#define HDR 16

static void *sq_malloc(int n)
{
    if (n <= 0 || should_fail((size_t)n))
        return NULL;
    unsigned char *p = malloc((size_t)n + HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    live_sqlite++;
    return p + HDR;
}

static void sq_free(void *q)
{
    if (!q)
        return;
    live_sqlite--;
    free((unsigned char *)q - HDR);
}

static int sq_size(void *q)
{
    int n = 0;
    if (q)
        memcpy(&n, (unsigned char *)q - HDR, sizeof n);
    return n;
}

static void *sq_realloc(void *q, int n)
{
    if (!q)
        return sq_malloc(n);
    if (n <= 0 || should_fail((size_t)n))
        return NULL;
    unsigned char *p = realloc((unsigned char *)q - HDR, (size_t)n + HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + HDR;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *payload)
{
    (void)payload;
    return SQLITE_OK;
}

static void sq_shutdown(void *payload)
{
    (void)payload;
}

/* ---- cJSON's hooks ------------------------------------------------------ */

static void *cj_malloc(size_t n)
{
    void *p = should_fail(n) ? NULL : malloc(n);
    live_cjson += p != NULL;
    return p;
}

static void cj_free(void *q)
{
    live_cjson -= q != NULL;
    free(q);
}

int fault_install_all(void)
{
    static const sqlite3_mem_methods m = {sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
                                          sq_init,   sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK)
        return -1;
    /* No lookaside: every small allocation of SQLite's goes through the
     * counter too (lookaside would serve most of them from a private pool). */
    if (sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK)
        return -1;
    cJSON_Hooks h = {cj_malloc, cj_free};
    cJSON_InitHooks(&h);
    fault_install_grp();
    return 0;
}
