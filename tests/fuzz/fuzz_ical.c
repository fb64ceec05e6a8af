/* Fuzz the iCalendar export of fuzzed cadences.
 *
 * Input: the RRULE text, optionally followed by a NUL byte and parameter
 * bytes (see the comments in LLVMFuzzerTestOneInput): the first date,
 * start time, duration and zone of the cadence, the group's name, place
 * and zone, then a few operations on its sessions (cancel, move, not held,
 * new place, ad-hoc session, a second segment, an end). A plain-text input
 * is a cadence from 2026-01-05 at 18:30 in Europe/London.
 *
 * One in-memory store is opened per process; each input runs inside a
 * transaction that is rolled back, so every input starts from the same
 * store (checked: the group always gets the same id).
 *
 * The document must be valid UTF-8, every line must end in CRLF, no
 * physical line may exceed 75 octets, a folded line may not split a UTF-8
 * character, there may be no control characters but HTAB, and BEGIN/END
 * must nest, from BEGIN:VCALENDAR to END:VCALENDAR. */
#include "fuzz_common.h"

#define MAX_OCC 32
#define MAX_OPS 8

static const char *const zone_names[] = {
    "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Pacific/Apia",  "America/St_Johns", "UTC",                 "Pacific/Chatham",
};
#define NZONES (sizeof zone_names / sizeof zone_names[0])

/* Places that make escaping and folding work: commas, semicolons,
 * backslashes, newlines and multi-byte characters near the fold. */
static const char *const places[] = {
    "Room 1",
    "Seminar room; level 2, \\east\\ wing",
    "Salle de r\xc3\xa9union \xe2\x80\x94 b\xc3\xa2timent C, \xc3\xa9tage 3 (acc\xc3\xa8s par "
    "l'escalier nord)",
    "\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae"
    "\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a"
    "\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4",
    "Line one\nline two",
    "\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85"
    "\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85"
    "\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85"
    "\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85\xf0\x9f\x93\x85",
};
#define NPLACES (sizeof places / sizeof places[0])

static grp_store *store;
static grp_id org_id;
static grp_id first_group_id;

static void open_store(void)
{
    grp_org *o = NULL;
    if (store)
        return;
    if (grp_store_open(&store, ":memory:", NULL) != GRP_OK ||
        grp_org_create(&o, store, "Fuzz org", NULL) != GRP_OK) {
        fprintf(stderr, "fuzz_ical: cannot set up the store: %s\n", grp_error_last()->message);
        abort();
    }
    org_id = grp_org_id(o);
    grp_org_free(o);
}

/* ---- checking the document --------------------------------------------- */

/* Length of the UTF-8 sequence at s[0..n), 0 if invalid (overlong forms,
 * surrogates and code points above U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

typedef struct nesting {
    char names[16][32];
    size_t depth;
} nesting;

/* One unfolded content line: NAME[;params]:value, BEGIN/END nested. */
static void logical_line(nesting *st, const char *line)
{
    FUZZ_CHECK(strchr(line, ':') != NULL, "content line without ':': %.60s", line);
    if (strncmp(line, "BEGIN:", 6) == 0) {
        FUZZ_CHECK(st->depth < 16, "components nested too deep");
        size_t n = strnlen(line + 6, sizeof st->names[0] - 1);
        memcpy(st->names[st->depth], line + 6, n);
        st->names[st->depth][n] = '\0';
        st->depth++;
    } else if (strncmp(line, "END:", 4) == 0) {
        FUZZ_CHECK(st->depth > 0 && strcmp(st->names[st->depth - 1], line + 4) == 0,
                   "END:%s does not match", line + 4);
        st->depth--;
        FUZZ_CHECK(st->depth > 0 || strcmp(line, "END:VCALENDAR") == 0, "text after END:VCALENDAR");
    } else {
        FUZZ_CHECK(st->depth > 0, "content line outside VCALENDAR: %.60s", line);
    }
}

static void check_document(const char *doc)
{
    const unsigned char *s = (const unsigned char *)doc;
    size_t len = strlen(doc), line = 0;
    static char logical[1 << 16];
    size_t llen = 0;
    nesting st;
    st.depth = 0;

    FUZZ_CHECK(strncmp(doc, "BEGIN:VCALENDAR\r\n", 17) == 0, "does not start with BEGIN:VCALENDAR");
    for (size_t i = 0; i < len; line++) {
        size_t start = i;
        /* One physical line: valid UTF-8 on its own (a fold never splits a
         * character), no control character but HTAB, ended by CRLF. */
        while (i < len && s[i] != '\r' && s[i] != '\n') {
            size_t k = utf8_seq(s + i, len - i);
            FUZZ_CHECK(k > 0, "line %zu: invalid UTF-8 at byte %zu", line, i - start);
            FUZZ_CHECK((s[i] >= 0x20 || s[i] == '\t') && s[i] != 0x7f,
                       "line %zu: control character 0x%02x", line, s[i]);
            i += k;
        }
        FUZZ_CHECK(i + 1 < len && s[i] == '\r' && s[i + 1] == '\n', "line %zu does not end in CRLF",
                   line);
        size_t plen = i - start;
        FUZZ_CHECK(plen <= 75, "line %zu is %zu octets long: %.*s", line, plen, (int)plen,
                   doc + start);
        FUZZ_CHECK(plen > 0, "line %zu is empty", line);
        i += 2;

        /* Unfold (RFC 5545 3.1): a line starting with a space or HTAB
         * continues the previous one. */
        int continuation = s[start] == ' ' || s[start] == '\t';
        FUZZ_CHECK(!continuation || line > 0, "document starts with a continuation line");
        if (!continuation && line > 0) {
            logical[llen] = '\0';
            logical_line(&st, logical);
            llen = 0;
        }
        size_t skip = continuation ? 1 : 0;
        FUZZ_CHECK(llen + plen - skip < sizeof logical, "content line over 64 KiB");
        memcpy(logical + llen, doc + start + skip, plen - skip);
        llen += plen - skip;
    }
    logical[llen] = '\0';
    logical_line(&st, logical);
    FUZZ_CHECK(st.depth == 0, "BEGIN/END do not balance");
}

/* ---- building the group ------------------------------------------------- */

/* A length-prefixed string from the input, or NULL when absent. */
static char *take_string(fuzz_in *in)
{
    size_t n = fuzz_u8(in);
    if (n == 0 || !fuzz_more(in))
        return NULL;
    if (n > in->n - in->i)
        n = in->n - in->i;
    char *s = fuzz_strndup(in->p + in->i, n);
    in->i += n;
    return s;
}

static grp_id make_group(fuzz_in *in)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g = NULL;
    unsigned z = fuzz_u8(in);
    char *name = take_string(in), *place = take_string(in);
    const char *names[2] = {name ? name : "Reflective practice, Tuesday", "Group"};
    const char *locations[2] = {place ? place : places[z % NPLACES], "Room 1"};
    gs.org_id = org_id;
    gs.timezone = zone_names[z % NZONES];
    /* A refused name or place falls back to a plain one, so that whichever
     * of the two is accepted still reaches the export. */
    int rc = GRP_EINVAL;
    for (int k = 0; k < 4 && rc != GRP_OK; k++) {
        gs.name = names[k & 1];
        gs.location = locations[k >> 1];
        rc = grp_group_create(&g, store, &gs);
        if (rc != GRP_OK) {
            FUZZ_CHECK(rc == GRP_EINVAL, "grp_group_create: %d", rc);
            FUZZ_CHECK_ERROR(rc);
        }
    }
    FUZZ_CHECK(rc == GRP_OK, "grp_group_create with plain fields: %d", rc);
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    free(name);
    free(place);
    return id;
}

static void set_cadence(grp_id group, const char *rule, fuzz_in *in)
{
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    if (!fuzz_more(in)) {
        grp_date d = {2026, 1, 5};
        c.first_date = d;
        c.start_hour = 18;
        c.start_minute = 30;
    } else {
        /* Mostly recent years; with the top bit, anywhere in 1..9999. */
        unsigned y = fuzz_u16(in);
        c.first_date.year = (y & 0x8000u) ? 1 + (int)((y & 0x7fffu) % 9999) : 1990 + (int)(y % 80);
        c.first_date.month = 1 + (int)(fuzz_u8(in) % 12);
        c.first_date.day = 1 + (int)(fuzz_u8(in) % 31);
        c.start_hour = (int)(fuzz_u8(in) % 25);   /* 24 is refused */
        c.start_minute = (int)(fuzz_u8(in) % 61); /* 60 is refused */
        c.duration_minutes = (int)fuzz_u8(in) * 7; /* 0 = default; over 1440 refused */
        unsigned z = fuzz_u8(in) % (NZONES + 1);
        c.timezone = z ? zone_names[z - 1] : NULL;
    }
    c.rrule = rule;
    int rc = grp_cadence_set(NULL, store, group, &c);
    if (rc != GRP_OK) {
        FUZZ_CHECK(rc == GRP_EINVAL || rc == GRP_EPARSE || rc == GRP_EUNSUPPORTED,
                   "grp_cadence_set: %d", rc);
        FUZZ_CHECK_ERROR(rc);
    }
}

/* The group's first sessions (occurrences only), from its cadence. */
static size_t occurrences(grp_id group, grp_datetime *occ)
{
    grp_cadence *c = NULL;
    grp_cadence_iterator *ci = NULL;
    grp_session_iterator *si = NULL;
    grp_session *s = NULL;
    grp_date first = {0, 0, 0};
    grp_time from, to;
    size_t n = 0;

    if (grp_cadence_iterator_new(&ci, store, group) != GRP_OK)
        return 0;
    if (grp_cadence_iterator_next(&c, ci) == GRP_OK) {
        first = grp_cadence_first_date(c);
        grp_cadence_free(c);
    }
    grp_cadence_iterator_free(ci);
    if (!grp_date_is_set(first))
        return 0;
    grp_datetime start = {first.year, first.month, first.day, 0, 0, 0};
    if (grp_time_from_utc(&from, start) != GRP_OK)
        return 0;
    from -= 2 * 86400;
    to = from + 20LL * 366 * 86400;
    if (grp_session_iterator_new(&si, store, group, from, to) != GRP_OK)
        return 0;
    int rc = GRP_OK;
    while (n < MAX_OCC && (rc = grp_session_iterator_next(&s, si)) == GRP_OK) {
        if (!grp_session_adhoc(s))
            occ[n++] = grp_session_occurrence(s);
        grp_session_free(s);
    }
    FUZZ_CHECK(rc == GRP_OK || rc == GRP_ITEROVER, "grp_session_iterator_next: %d", rc);
    grp_session_iterator_free(si);
    return n;
}

static grp_datetime shift_minutes(grp_datetime dt, int minutes)
{
    grp_time t;
    grp_datetime out = dt;
    if (grp_time_from_utc(&t, dt) == GRP_OK)
        (void)grp_time_to_utc(&out, t + (grp_time)minutes * 60);
    return out;
}

static void apply_ops(grp_id group, const char *rule, fuzz_in *in)
{
    grp_datetime occ[MAX_OCC];
    size_t n = occurrences(group, occ);
    for (int k = 0; k < MAX_OPS && fuzz_more(in); k++) {
        unsigned op = fuzz_u8(in) % 8, idx = fuzz_u8(in);
        int delta = fuzz_i16(in); /* minutes */
        int dur = (int)(fuzz_u8(in) % 200) * 8;
        grp_id sid = 0;
        if (op < 6 && n == 0)
            continue;
        grp_datetime o = n ? occ[idx % n] : (grp_datetime){0, 0, 0, 0, 0, 0};
        if (op < 4 && grp_session_ensure(&sid, store, group, o) != GRP_OK)
            continue;
        switch (op) {
        case 0:
            (void)grp_session_cancel(store, sid, delta & 1 ? "Facilitator unwell; sorry" : NULL);
            break;
        case 1:
            (void)grp_session_move(store, sid, shift_minutes(o, delta), dur);
            break;
        case 2:
            (void)grp_session_set_status(store, sid, (grp_session_status)(1 + (unsigned)delta % 3));
            break;
        case 3:
            (void)grp_session_set_place(store, sid, places[(unsigned)delta % NPLACES],
                                        delta & 0x100 ? "https://meet.example/abc?x=1;y=2" : NULL);
            break;
        case 4:
        case 5:
            (void)grp_session_add(NULL, store, group, shift_minutes(o, delta), dur);
            break;
        case 6: {
            /* "This and following": a new segment from a later date. */
            grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
            grp_datetime d = n ? shift_minutes(occ[idx % n], 1440 * (1 + (delta & 0xff)))
                               : (grp_datetime){2026, 6, 1, 0, 0, 0};
            grp_date fd = {d.year, d.month, d.day};
            c.rrule = delta & 0x100 ? rule : "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH";
            c.first_date = fd;
            c.start_hour = (unsigned)delta % 24;
            c.start_minute = 15;
            c.timezone = zone_names[idx % NZONES];
            (void)grp_cadence_set(NULL, store, group, &c);
            break;
        }
        default: {
            grp_datetime d = n ? shift_minutes(occ[idx % n], 1440 * (delta & 0x3f)) : occ[0];
            grp_date ed = {d.year, d.month, d.day};
            (void)grp_cadence_end(store, group, ed);
            break;
        }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = fuzz_text_len(data, size);
    char *rule = fuzz_strndup(data, len);
    fuzz_in in = fuzz_in_make(data + len + (len < size), size - len - (len < size));

    open_store();
    FUZZ_CHECK(grp_store_begin(store) == GRP_OK, "grp_store_begin");

    /* Parameters, in order: cadence (date u16 u8 u8, time u8 u8, duration
     * u8, zone u8), group (zone u8, name, place), then operations of five
     * bytes each (op, index, delta i16, duration). */
    fuzz_in cad = in;
    in.i += fuzz_more(&in) ? 8 : 0;
    grp_id group = make_group(&in);
    if (first_group_id == 0)
        first_group_id = group;
    FUZZ_CHECK(group == first_group_id, "state leaked between inputs: group id %lld, first %lld",
               (long long)group, (long long)first_group_id);
    set_cadence(group, rule, &cad);
    apply_ops(group, rule, &in);

    grp_ical_options opts = GRP_ICAL_OPTIONS_INIT;
    opts.dtstamp = 1767225600; /* 2026-01-01T00:00:00Z */
    opts.uid_domain = "fuzz.example.org";
    char *doc = NULL;
    int rc = grp_ical_export_group(&doc, store, group, &opts);
    FUZZ_CHECK(rc == GRP_OK, "grp_ical_export_group: %d", rc);
    if (getenv("GRP_FUZZ_DUMP")) /* to see what an input exports */
        fputs(doc, stderr);
    check_document(doc);
    grp_free(doc);

    while (grp_store_transaction_depth(store) > 0)
        FUZZ_CHECK(grp_store_rollback(store) == GRP_OK, "grp_store_rollback");
    free(rule);
    return 0;
}
