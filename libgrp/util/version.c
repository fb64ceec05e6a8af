#include "libgrp/version.h"

const char *grp_version_string(void)
{
    return GRP_VERSION_STRING;
}

int grp_version_number(void)
{
    return GRP_VERSION_NUMBER;
}
