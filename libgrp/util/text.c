#include "util/text.h"
#include "util/error.h"

#include <string.h>

int grp__utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else
            return 0;
        if (len - i <= n) /* truncated sequence */
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

int grp__check_text(const char *what, const char *value, size_t max, int required, int multiline)
{
    if (!value)
        return required ? grp__error(GRP_EINVAL, "argument '%s' is NULL", what) : 0;
    size_t len = strlen(value);
    if (len == 0)
        return grp__error(GRP_EINVAL, "argument '%s' is empty", what);
    if (len > max)
        return grp__error(GRP_EINVAL, "argument '%s' is %zu bytes long (at most %zu)", what, len, max);
    if (!grp__utf8_valid(value, len))
        return grp__error(GRP_EINVAL, "argument '%s' is not valid UTF-8", what);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7F)
            return grp__error(GRP_EINVAL, "argument '%s' contains a control character at byte %zu", what, i);
    }
    return 0;
}
