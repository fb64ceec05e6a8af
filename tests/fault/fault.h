/* Allocation-failure injection for the tests: one counter over libgrp's
 * allocator hooks, SQLite's allocator (SQLITE_CONFIG_MALLOC) and cJSON's
 * hooks, so that "the Nth allocation" means the Nth one any of the three
 * makes. docs/reliability.md ("Allocation failure") describes its use. */
#ifndef GRP_TEST_FAULT_H
#define GRP_TEST_FAULT_H

#include <stddef.h>

typedef enum fault_mode {
    FAULT_TRANSIENT,  /* only allocation N fails */
    FAULT_PERSISTENT  /* allocation N and every later one fail */
} fault_mode;

/* Route libgrp's hooks (grp_set_allocator) through the counter. Needs no
 * live libgrp allocation (grp_set_allocator refuses otherwise). */
void fault_install_grp(void);
/* Also route SQLite's and cJSON's allocations through the counter. Call
 * first thing in main: SQLite must not be initialised yet. Returns 0, or
 * -1 when SQLite refused the configuration. Process-wide and test-only. */
int fault_install_all(void);

/* Count allocations from now on and fail the Nth (n >= 1) in `mode`. */
void fault_arm(long n, fault_mode mode);
/* Count only allocations of exactly `size` bytes and fail the Nth of them
 * (once): aims at one allocation whose position in the sequence moves. */
void fault_arm_size(long n, size_t size);
/* Stop failing and counting. */
void fault_disarm(void);
/* Allocations requested since fault_arm (including failed ones). */
long fault_seen(void);
/* Failures injected since fault_arm. */
long fault_fired(void);

/* Live allocations of each allocator (made and not yet freed). */
long fault_live_grp(void);
long fault_live_sqlite(void);
long fault_live_cjson(void);

#endif
