/* The pure rules across the members of one record (policy/records.h),
 * asked by the model and by the JSON/NDJSON import. */
#include "support.h"
#include "policy/records.h"

static grp_date day(int y, int m, int d)
{
    grp_date x = {y, m, d};
    return x;
}

static const grp_date none = {0, 0, 0};

static void test_quorum(void **state)
{
    (void)state;
    assert_int_equal(grp__quorum_fits(0, 1), 1);
    assert_int_equal(grp__quorum_fits(12, 12), 1);
    assert_int_equal(grp__quorum_fits(13, 12), 0);
    assert_int_equal(grp__quorum_fits(-1, 12), 0);
    assert_int_equal(grp__quorum_fits(0, 0), 1);
}

static void test_place(void **state)
{
    (void)state;
    /* in person: a location, no link needed */
    assert_int_equal(grp__place_check(GRP_DELIVERY_IN_PERSON, 1, 0), GRP__PLACE_OK);
    assert_int_equal(grp__place_check(GRP_DELIVERY_IN_PERSON, 0, 1), GRP__PLACE_NEEDS_LOCATION);
    assert_int_equal(grp__place_check(GRP_DELIVERY_IN_PERSON, 0, 0), GRP__PLACE_NEEDS_LOCATION);
    /* online: a link, no location needed */
    assert_int_equal(grp__place_check(GRP_DELIVERY_ONLINE, 0, 1), GRP__PLACE_OK);
    assert_int_equal(grp__place_check(GRP_DELIVERY_ONLINE, 1, 0), GRP__PLACE_NEEDS_LINK);
    assert_int_equal(grp__place_check(GRP_DELIVERY_ONLINE, 0, 0), GRP__PLACE_NEEDS_LINK);
    /* hybrid: both; the location is asked about first */
    assert_int_equal(grp__place_check(GRP_DELIVERY_HYBRID, 1, 1), GRP__PLACE_OK);
    assert_int_equal(grp__place_check(GRP_DELIVERY_HYBRID, 0, 0), GRP__PLACE_NEEDS_LOCATION);
    assert_int_equal(grp__place_check(GRP_DELIVERY_HYBRID, 0, 1), GRP__PLACE_NEEDS_LOCATION);
    assert_int_equal(grp__place_check(GRP_DELIVERY_HYBRID, 1, 0), GRP__PLACE_NEEDS_LINK);
}

static void test_email_shape(void **state)
{
    (void)state;
    assert_int_equal(grp__email_shape_ok("a@b"), 1);
    assert_int_equal(grp__email_shape_ok("sam.lee@uni.example.ac.uk"), 1);
    assert_int_equal(grp__email_shape_ok(NULL), 0);
    assert_int_equal(grp__email_shape_ok(""), 0);
    assert_int_equal(grp__email_shape_ok("sam"), 0);
    assert_int_equal(grp__email_shape_ok("@b"), 0);
    assert_int_equal(grp__email_shape_ok("a@"), 0);
    assert_int_equal(grp__email_shape_ok("a@b@c"), 0);
    assert_int_equal(grp__email_shape_ok("a b@c"), 0);
    assert_int_equal(grp__email_shape_ok("a@b\tc"), 0);
    assert_int_equal(grp__email_shape_ok("@"), 0);
}

static void test_stint_dates(void **state)
{
    (void)state;
    grp_date req = day(2026, 3, 10);
    assert_int_equal(grp__stint_dates_check(req, none, none), GRP__STINT_OK);
    /* began: on or after the request */
    assert_int_equal(grp__stint_dates_check(req, req, none), GRP__STINT_OK);
    assert_int_equal(grp__stint_dates_check(req, day(2026, 3, 9), none), GRP__STINT_BEGAN_BEFORE_REQUESTED);
    assert_int_equal(grp__stint_dates_check(req, day(2025, 12, 31), day(2027, 1, 1)),
                     GRP__STINT_BEGAN_BEFORE_REQUESTED);
    /* ended: on or after began */
    assert_int_equal(grp__stint_dates_check(req, day(2026, 4, 1), day(2026, 4, 1)), GRP__STINT_OK);
    assert_int_equal(grp__stint_dates_check(req, day(2026, 4, 1), day(2026, 3, 31)), GRP__STINT_ENDED_BEFORE_BEGAN);
    /* ended between the request and began is still before began */
    assert_int_equal(grp__stint_dates_check(req, day(2026, 4, 1), day(2026, 3, 20)), GRP__STINT_ENDED_BEFORE_BEGAN);
    /* never began (declined, withdrawn): ended on or after the request */
    assert_int_equal(grp__stint_dates_check(req, none, req), GRP__STINT_OK);
    assert_int_equal(grp__stint_dates_check(req, none, day(2026, 3, 9)), GRP__STINT_ENDED_BEFORE_REQUESTED);
}

static void test_segment_until(void **state)
{
    (void)state;
    grp_date first = day(2026, 1, 5);
    assert_int_equal(grp__segment_until_ok(first, none), 1);
    assert_int_equal(grp__segment_until_ok(first, first), 1);
    assert_int_equal(grp__segment_until_ok(first, day(2026, 1, 6)), 1);
    assert_int_equal(grp__segment_until_ok(first, day(2026, 1, 4)), 0);
    assert_int_equal(grp__segment_until_ok(first, day(2025, 12, 31)), 0);
}

static void test_session_link(void **state)
{
    (void)state;
    assert_int_equal(grp__session_link_check(0, 0, 0), GRP__SESSION_LINK_OK);
    assert_int_equal(grp__session_link_check(1, 1, 1), GRP__SESSION_LINK_OK);
    assert_int_equal(grp__session_link_check(1, 1, 0), GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE);
    assert_int_equal(grp__session_link_check(1, 0, 1), GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE);
    assert_int_equal(grp__session_link_check(0, 0, 1), GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE);
    assert_int_equal(grp__session_link_check(1, 0, 0), GRP__SESSION_LINK_OCCURRENCE_WITHOUT_CADENCE);
    assert_int_equal(grp__session_link_check(0, 1, 1), GRP__SESSION_LINK_OCCURRENCE_WITHOUT_CADENCE);
    /* the UTC pairing is asked about first */
    assert_int_equal(grp__session_link_check(0, 1, 0), GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE);
}

static void test_correction_order(void **state)
{
    (void)state;
    assert_int_equal(grp__correction_order_ok(5, 0), 1);
    assert_int_equal(grp__correction_order_ok(5, 4), 1);
    assert_int_equal(grp__correction_order_ok(5, 5), 0);
    assert_int_equal(grp__correction_order_ok(5, 6), 0);
    assert_int_equal(grp__correction_order_ok(INT64_MAX, INT64_MAX - 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quorum),           cmocka_unit_test(test_place),
        cmocka_unit_test(test_email_shape),      cmocka_unit_test(test_stint_dates),
        cmocka_unit_test(test_segment_until),    cmocka_unit_test(test_session_link),
        cmocka_unit_test(test_correction_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
