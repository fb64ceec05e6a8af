/* A program outside the tree, built against the installed libgrp. */
#include <libgrp.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    grp_store *s;
    grp_org *o;
    if (strcmp(grp_version_string(), GRP_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s vs library %s\n", GRP_VERSION_STRING, grp_version_string());
        return 1;
    }
    if (grp_store_open(&s, ":memory:", NULL) != 0 || grp_org_create(&o, s, "Installed", NULL) != 0) {
        fprintf(stderr, "%s\n", grp_error_last()->message);
        return 1;
    }
    printf("consumer ok: %s %s\n", grp_version_string(), grp_org_name(o));
    grp_org_free(o);
    grp_store_close(s);
    return 0;
}
