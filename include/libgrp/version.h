/**
 * @file libgrp/version.h
 * @brief Compile-time and run-time version of libgrp.
 *
 * This header is the single source of the version: CMake parses the three
 * GRP_VERSION_* macros below.
 */
#ifndef LIBGRP_VERSION_H
#define LIBGRP_VERSION_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Major version: bumped on an incompatible API or ABI change (from 1.0). */
#define GRP_VERSION_MAJOR 0
/** Minor version: new API; while 0.x a minor bump may also change the ABI. */
#define GRP_VERSION_MINOR 1
/** Patch version: fixes only. */
#define GRP_VERSION_PATCH 0
/** The version as a string literal. */
#define GRP_VERSION_STRING "0.1.0"

/** Encode a version as one comparable integer: MMmmpp (major, minor, patch). */
#define GRP_VERSION_ENCODE(major, minor, patch) \
    ((major) * 10000 + (minor) * 100 + (patch))

/** The version of the headers being compiled against, as GRP_VERSION_ENCODE(). */
#define GRP_VERSION_NUMBER \
    GRP_VERSION_ENCODE(GRP_VERSION_MAJOR, GRP_VERSION_MINOR, GRP_VERSION_PATCH)

/** True when the headers are at least version major.minor.patch. */
#define GRP_VERSION_CHECK(major, minor, patch) \
    (GRP_VERSION_NUMBER >= GRP_VERSION_ENCODE(major, minor, patch))

/**
 * The version of the library linked at run time, e.g. "0.1.0".
 * @return a static string; never NULL. Thread-safe.
 * @since 0.1
 */
GRP_API const char *grp_version_string(void);

/**
 * The version of the library linked at run time as GRP_VERSION_ENCODE().
 * Compare with GRP_VERSION_NUMBER to detect a header/library mismatch.
 * @return the version as MAJOR * 10000 + MINOR * 100 + PATCH
 * @since 0.1
 */
GRP_API int grp_version_number(void);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_VERSION_H */
