/**
 * @file libgrp.h
 * @brief libgrp: reflective-practice and supervision groups.
 *
 * The umbrella header: include this one. Each module also has its own
 * header under <libgrp/...>.
 */
#ifndef LIBGRP_H
#define LIBGRP_H

#include "libgrp/common.h"
#include "libgrp/version.h"
#include "libgrp/error.h"
#include "libgrp/date.h"
#include "libgrp/tz.h"
#include "libgrp/store.h"
#include "libgrp/org.h"
#include "libgrp/person.h"
#include "libgrp/group.h"
#include "libgrp/membership.h"
#include "libgrp/rrule.h"
#include "libgrp/session.h"
#include "libgrp/attendance.h"
#include "libgrp/hours.h"
#include "libgrp/rota.h"
#include "libgrp/ical.h"
#include "libgrp/access.h"
#include "libgrp/feedback.h"
#include "libgrp/report.h"
#include "libgrp/json.h"
#include "libgrp/goal.h"
#include "libgrp/note.h"
#include "libgrp/audit.h"
#include "libgrp/events.h"

#endif /* LIBGRP_H */
