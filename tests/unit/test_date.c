/* Civil dates and instants: exact values, round trips and every error path. */
#include "support.h"
#include "calendar/date.h"

#include <string.h>

static void test_days_roundtrip(void **state)
{
    (void)state;
    /* Every day of years 1..9999 converts to a day number and back. */
    int64_t prev = 0;
    int first = 1;
    for (int y = 1; y <= 9999; y += (y < 1700 || y > 2400) ? 97 : 1)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= grp_date_days_in_month(y, m); d++) {
                int64_t z = grp__days_from_civil(y, m, d);
                int yy, mm, dd;
                grp__civil_from_days(z, &yy, &mm, &dd);
                assert_int_equal(yy, y);
                assert_int_equal(mm, m);
                assert_int_equal(dd, d);
                if (!first && y > 1700 && y < 2400)
                    assert_true(z == prev + 1 || (m == 1 && d == 1));
                prev = z;
                first = 0;
            }
    assert_int_equal(grp__days_from_civil(1970, 1, 1), 0);
    assert_int_equal(grp__days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(grp__days_from_civil(1, 1, 1), GRP__DAYS_MIN);
    assert_int_equal(grp__days_from_civil(9999, 12, 31), GRP__DAYS_MAX);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(grp_date_weekday(D(1970, 1, 1)), GRP_THURSDAY);
    assert_int_equal(grp_date_weekday(D(2026, 11, 22)), GRP_SUNDAY);
    assert_int_equal(grp_date_weekday(D(2026, 12, 1)), GRP_TUESDAY);
    assert_int_equal(grp_date_weekday(D(2000, 2, 29)), GRP_TUESDAY);
    assert_int_equal(grp_date_weekday(D(1, 1, 1)), GRP_MONDAY);
    assert_int_equal(grp_date_weekday(D(1969, 12, 31)), GRP_WEDNESDAY);
    assert_int_equal(grp_date_weekday(D(2026, 2, 30)), 0);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(grp_date_valid(D(2024, 2, 29)));
    assert_false(grp_date_valid(D(2023, 2, 29)));
    assert_false(grp_date_valid(D(1900, 2, 29)));
    assert_true(grp_date_valid(D(2000, 2, 29)));
    assert_false(grp_date_valid(D(2026, 4, 31)));
    assert_false(grp_date_valid(D(2026, 13, 1)));
    assert_false(grp_date_valid(D(2026, 0, 1)));
    assert_false(grp_date_valid(D(0, 1, 1)));
    assert_false(grp_date_valid(D(10000, 1, 1)));
    assert_false(grp_date_valid(D(2026, 1, 0)));
    assert_false(grp_date_is_set(D(0, 0, 0)));
    assert_true(grp_date_is_set(D(2026, 1, 1)));
    assert_int_equal(grp_date_days_in_month(2026, 13), 0);
    assert_int_equal(grp_date_days_in_month(2024, 2), 29);
}

static void test_compare_add_diff(void **state)
{
    (void)state;
    grp_date out;
    int64_t diff;
    assert_true(grp_date_compare(D(2026, 1, 1), D(2026, 1, 2)) < 0);
    assert_true(grp_date_compare(D(2026, 2, 1), D(2026, 1, 31)) > 0);
    assert_int_equal(grp_date_compare(D(2026, 2, 1), D(2026, 2, 1)), 0);
    assert_true(grp_date_compare(D(0, 0, 0), D(1, 1, 1)) < 0);
    grp_assert_ok(grp_date_add_days(&out, D(2024, 2, 28), 1));
    assert_int_equal(out.day, 29);
    grp_assert_ok(grp_date_add_days(&out, D(2026, 12, 31), 1));
    assert_int_equal(out.year, 2027);
    assert_int_equal(out.month, 1);
    assert_int_equal(out.day, 1);
    grp_assert_ok(grp_date_add_days(&out, D(2026, 3, 1), -1));
    assert_int_equal(out.month, 2);
    assert_int_equal(out.day, 28);
    grp_assert_rc(grp_date_add_days(&out, D(9999, 12, 31), 1), GRP_EINVAL);
    grp_assert_rc(grp_date_add_days(&out, D(1, 1, 1), -1), GRP_EINVAL);
    grp_assert_rc(grp_date_add_days(&out, D(2026, 2, 30), 1), GRP_EINVAL);
    grp_assert_rc(grp_date_add_days(NULL, D(2026, 2, 3), 1), GRP_EINVAL);
    grp_assert_rc(grp_date_add_days(&out, D(2026, 2, 3), INT64_MAX), GRP_EINVAL);
    grp_assert_ok(grp_date_diff_days(&diff, D(2026, 1, 1), D(2027, 1, 1)));
    assert_int_equal(diff, 365);
    grp_assert_ok(grp_date_diff_days(&diff, D(2024, 3, 1), D(2024, 2, 1)));
    assert_int_equal(diff, -29);
    grp_assert_rc(grp_date_diff_days(&diff, D(2024, 2, 30), D(2024, 2, 1)), GRP_EINVAL);
    grp_assert_rc(grp_date_diff_days(NULL, D(2024, 2, 3), D(2024, 2, 1)), GRP_EINVAL);
}

static void test_parse_format(void **state)
{
    (void)state;
    grp_date d;
    char buf[32];
    grp_assert_ok(grp_date_parse(&d, "2026-11-22"));
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 11);
    assert_int_equal(d.day, 22);
    grp_assert_ok(grp_date_format(buf, sizeof buf, d));
    assert_string_equal(buf, "2026-11-22");
    grp_assert_ok(grp_date_format(buf, 11, D(1, 2, 3)));
    assert_string_equal(buf, "0001-02-03");

    struct { const char *text; const char *msg; } bad[] = {
        {"", "position 0"},
        {"2026", "position 4"},
        {"2026-1-22", "position 6"},
        {"2026/11/22", "position 4"},
        {"2026-11-2x", "position 9"},
        {"20261122", "position 4"},
        {"2026-02-30", "does not exist"},
        {"2026-13-01", "does not exist (position 5)"},
        {"0000-01-01", "does not exist (position 0)"},
        {"2026-11-22T", "position 10"},
        {"2026-11-22 ", "position 10"},
        {" 2026-11-22", "position 0"},
        {"+2026-11-22", "position 0"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        grp_assert_rc(grp_date_parse(&d, bad[i].text), GRP_EPARSE);
        grp_assert_msg_contains(bad[i].msg);
    }
    grp_assert_rc(grp_date_parse(NULL, "2026-01-01"), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp_date_parse(&d, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'text'");
    grp_assert_rc(grp_date_format(buf, 10, D(2026, 1, 1)), GRP_EINVAL);
    grp_assert_rc(grp_date_format(NULL, 11, D(2026, 1, 1)), GRP_EINVAL);
    grp_assert_rc(grp_date_format(buf, sizeof buf, D(2026, 2, 29)), GRP_EINVAL);
}

static void test_datetime(void **state)
{
    (void)state;
    grp_datetime dt;
    char buf[32];
    grp_assert_ok(grp_datetime_parse(&dt, "2026-03-29T01:30"));
    assert_int_equal(dt.hour, 1);
    assert_int_equal(dt.minute, 30);
    assert_int_equal(dt.second, 0);
    grp_assert_ok(grp_datetime_parse(&dt, "2026-03-29 23:59:59"));
    grp_assert_ok(grp_datetime_format(buf, sizeof buf, dt));
    assert_string_equal(buf, "2026-03-29T23:59:59");
    grp_assert_rc(grp_datetime_parse(&dt, "2026-03-29T24:00"), GRP_EPARSE);
    grp_assert_rc(grp_datetime_parse(&dt, "2026-03-29T10:60"), GRP_EPARSE);
    grp_assert_rc(grp_datetime_parse(&dt, "2026-03-29T10"), GRP_EPARSE);
    grp_assert_rc(grp_datetime_parse(&dt, "2026-02-30T10:00"), GRP_EPARSE);
    grp_assert_rc(grp_datetime_parse(&dt, "2026-03-29T10:00Z"), GRP_EPARSE);
    grp_assert_rc(grp_datetime_parse(NULL, "x"), GRP_EINVAL);
    grp_assert_rc(grp_datetime_format(buf, 19, dt), GRP_EINVAL);
    dt.hour = 24;
    assert_false(grp_datetime_valid(dt));
}

static void test_instants(void **state)
{
    (void)state;
    grp_time t;
    grp_datetime dt;
    char buf[32];
    grp_assert_ok(grp_time_parse(&t, "1970-01-01T00:00:00Z"));
    assert_int_equal(t, 0);
    grp_assert_ok(grp_time_parse(&t, "2026-11-22T10:15:30Z"));
    assert_int_equal(t, 1795342530);
    grp_assert_ok(grp_time_format(buf, sizeof buf, t));
    assert_string_equal(buf, "2026-11-22T10:15:30Z");
    grp_assert_ok(grp_time_parse(&t, "2026-11-22T11:15:30+01:00"));
    assert_int_equal(t, 1795342530);
    grp_assert_ok(grp_time_parse(&t, "2026-11-22T05:15:30-05:00"));
    assert_int_equal(t, 1795342530);
    grp_assert_ok(grp_time_parse(&t, "1969-12-31T23:59:59Z"));
    assert_int_equal(t, -1);
    grp_assert_ok(grp_time_to_utc(&dt, -1));
    assert_int_equal(dt.year, 1969);
    assert_int_equal(dt.hour, 23);
    assert_int_equal(dt.second, 59);
    grp_assert_ok(grp_time_from_utc(&t, dt));
    assert_int_equal(t, -1);
    grp_assert_rc(grp_time_parse(&t, "2026-11-22T10:15:30"), GRP_EPARSE);
    grp_assert_rc(grp_time_parse(&t, "2026-11-22T10:15:30.5Z"), GRP_EPARSE);
    grp_assert_rc(grp_time_parse(&t, "2026-11-22T10:15:30+1:00"), GRP_EPARSE);
    grp_assert_rc(grp_time_parse(&t, "2026-11-22T25:15:30Z"), GRP_EPARSE);
    grp_assert_rc(grp_time_parse(&t, "2026-11-22T10:15:30+24:00"), GRP_EPARSE);
    grp_assert_rc(grp_time_parse(&t, NULL), GRP_EINVAL);
    grp_assert_rc(grp_time_parse(&t, "0001-01-01T00:00:00+23:59"), GRP_EPARSE);
    grp_assert_msg_contains("outside years 1..9999");
    grp_assert_rc(grp_time_parse(&t, "9999-12-31T23:59:59-23:59"), GRP_EPARSE);
    grp_assert_ok(grp_time_parse(&t, "0001-01-01T00:00:00Z"));
    grp_assert_ok(grp_time_parse(&t, "9999-12-31T23:59:59Z"));
    grp_assert_rc(grp_time_to_utc(&dt, INT64_MAX), GRP_EINVAL);
    grp_assert_rc(grp_time_format(buf, 20, 0), GRP_EINVAL);
    assert_true(grp_time_now() > 1700000000);
    assert_true(grp_date_valid(grp_date_today_utc()));
}

/* grp_time_from_utc refuses a NULL out and invalid date-times. */
static void test_from_utc_misuse(void **state)
{
    (void)state;
    grp_time t;
    grp_datetime ok = {2026, 1, 1, 0, 0, 0};
    grp_datetime bad_month = {2026, 13, 1, 0, 0, 0};
    grp_datetime bad_second = {2026, 1, 1, 0, 0, 60};
    grp_datetime bad_year = {10000, 1, 1, 0, 0, 0};
    grp_assert_rc(grp_time_from_utc(NULL, ok), GRP_EINVAL);
    grp_assert_rc(grp_time_from_utc(&t, bad_month), GRP_EINVAL);
    grp_assert_rc(grp_time_from_utc(&t, bad_second), GRP_EINVAL);
    grp_assert_rc(grp_time_from_utc(&t, bad_year), GRP_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_utc_misuse),
        cmocka_unit_test(test_days_roundtrip), cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_valid),          cmocka_unit_test(test_compare_add_diff),
        cmocka_unit_test(test_parse_format),   cmocka_unit_test(test_datetime),
        cmocka_unit_test(test_instants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
