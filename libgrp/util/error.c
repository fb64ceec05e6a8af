/* The per-thread last error. A fixed thread-local buffer keeps error
 * reporting allocation-free, so it works even when memory has run out. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define GRP_ERROR_MESSAGE_MAX 512

static _Thread_local char tl_message[GRP_ERROR_MESSAGE_MAX];
static _Thread_local grp_error tl_error = {GRP_OK, NULL};

static void ensure_message(void)
{
    if (tl_error.message == NULL)
        tl_error.message = tl_message;
}

int grp__error(int code, const char *fmt, ...)
{
    /* Format into a scratch buffer first: callers may pass the current
     * message as an argument to wrap it with more context. */
    char scratch[GRP_ERROR_MESSAGE_MAX];
    va_list ap;
    ensure_message();
    va_start(ap, fmt);
    vsnprintf(scratch, sizeof scratch, fmt, ap);
    va_end(ap);
    memcpy(tl_message, scratch, sizeof tl_message);
    tl_error.code = code;
    return code;
}

int grp__error_nomem(const char *what)
{
    return grp__error(GRP_ENOMEM, "out of memory while %s", what);
}

int grp__error_null(const char *argument)
{
    return grp__error(GRP_EINVAL, "argument '%s' is NULL", argument);
}

const grp_error *grp_error_last(void)
{
    ensure_message();
    return &tl_error;
}

void grp_error_clear(void)
{
    ensure_message();
    tl_error.code = GRP_OK;
    tl_message[0] = '\0';
}

struct code_info {
    int code;
    const char *name;
    const char *text;
};

static const struct code_info codes[] = {
    {GRP_OK, "GRP_OK", "success"},
    {GRP_ERROR, "GRP_ERROR", "internal error"},
    {GRP_EINVAL, "GRP_EINVAL", "invalid argument"},
    {GRP_ENOMEM, "GRP_ENOMEM", "out of memory"},
    {GRP_ENOTFOUND, "GRP_ENOTFOUND", "not found"},
    {GRP_EEXISTS, "GRP_EEXISTS", "already exists"},
    {GRP_EACCESS, "GRP_EACCESS", "access denied"},
    {GRP_ESTORAGE, "GRP_ESTORAGE", "storage error"},
    {GRP_EBUSY, "GRP_EBUSY", "busy"},
    {GRP_EVERSION, "GRP_EVERSION", "store written by a newer libgrp"},
    {GRP_ENOTSTORE, "GRP_ENOTSTORE", "not a libgrp store"},
    {GRP_EUNSUPPORTED, "GRP_EUNSUPPORTED", "unsupported"},
    {GRP_EPARSE, "GRP_EPARSE", "malformed text"},
    {GRP_ESUPPRESSED, "GRP_ESUPPRESSED", "suppressed: cohort too small"},
    {GRP_ECLOSED, "GRP_ECLOSED", "already closed"},
    {GRP_ESTATE, "GRP_ESTATE", "not allowed in the current state"},
    {GRP_EREADONLY, "GRP_EREADONLY", "store is read-only"},
    {GRP_ERULE_FULL, "GRP_ERULE_FULL", "refused: group is full"},
    {GRP_ERULE_CLOSED, "GRP_ERULE_CLOSED", "refused: group is closed to joiners"},
    {GRP_ERULE_ORG, "GRP_ERULE_ORG", "refused: organisation not allowed"},
    {GRP_ERULE_ROLE, "GRP_ERULE_ROLE", "refused: role not eligible"},
    {GRP_ERULE_ALREADY, "GRP_ERULE_ALREADY", "refused: already a member"},
    {GRP_ERULE_INACTIVE, "GRP_ERULE_INACTIVE", "refused: group not active"},
    {GRP_ITEROVER, "GRP_ITEROVER", "iteration over"},
};

static const struct code_info *find_code(int code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code)
            return &codes[i];
    return NULL;
}

const char *grp_strerror(int code)
{
    const struct code_info *c = find_code(code);
    return c ? c->text : "unknown error";
}

const char *grp_error_name(int code)
{
    const struct code_info *c = find_code(code);
    return c ? c->name : "GRP_UNKNOWN";
}
