#include "model/model.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

int grp__check_id(const char *what, grp_id id)
{
    if (id <= 0)
        return grp__error(GRP_EINVAL, "argument '%s' (%lld) is not a valid id", what, (long long)id);
    return GRP_OK;
}

int grp__check_date(const char *what, grp_date d)
{
    if (!grp_date_valid(d))
        return grp__error(GRP_EINVAL, "argument '%s' (%04d-%02d-%02d) is not a valid date", what, d.year,
                          d.month, d.day);
    return GRP_OK;
}

void *grp__new_record(size_t size, const char *what)
{
    void *p = grp__calloc(1, size);
    if (!p)
        grp__error_nomem(what);
    return p;
}

int grp__check_link(const char *what, const char *link)
{
    int rc;
    if ((rc = grp__check_text(what, link, GRP__LINK_MAX, 0, 0)) || !link)
        return rc;
    if (strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0)
        return grp__error(GRP_EINVAL, "%s ('%.60s') must be an http:// or https:// URL", what, link);
    if (strpbrk(link, " \t"))
        return grp__error(GRP_EINVAL, "%s contains white space", what);
    return GRP_OK;
}

int grp__hand_out(void *out, void *rec, size_t size, void (*clear)(void *), const char *what)
{
    void *copy = grp__new_record(size, what);
    if (!copy) {
        if (clear)
            clear(rec);
        return GRP_ENOMEM;
    }
    memcpy(copy, rec, size);
    memcpy(out, &copy, sizeof copy); /* out is a `T **` */
    return GRP_OK;
}
