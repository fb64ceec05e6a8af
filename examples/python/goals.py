#!/usr/bin/env python3
"""Goals with libgrp: a member sets a development goal with action steps and
records progress; her facilitator reviews it in a session; and the script
shows what each person may see: the member, the facilitator, another member
and the organisation's administrator (who reads figures, never goals).

Run it with the package on the path, e.g. from a build tree:

    PYTHONPATH=build/bindings/python/site python3 examples/python/goals.py [store.db]

The store defaults to goals.db in the current directory; it is created
afresh on every run.
"""

import datetime
import os
import sys

import libgrp
from libgrp import Actor

D = datetime.date


def show(store: libgrp.Store, label: str, actor: Actor, goal_id: int, group: libgrp.Group) -> None:
    """What `actor` sees of one goal: the goal itself, its history, the group's list."""
    print(f"{label}:")
    try:
        goal = store.goal(actor, goal_id)
    except libgrp.AccessDeniedError as denied:
        print(f"  goal {goal_id}: refused ({denied})")
    else:
        progress = ", ".join(f"{p.percent}% on {p.date}" for p in store.goal_progress(actor, goal))
        print(f"  goal {goal.id} {goal.title!r}: {goal.status}, visible to {goal.visibility}, "
              f"{goal.percent}% (history: {progress})")
    titles = [g.title for g in store.goals(actor, group=group)]
    print(f"  goals of the group it may list: {titles}")


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "goals.db"
    for suffix in ("", "-wal", "-shm"):  # start from an empty store
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

    with libgrp.open(path) as store:
        org = store.create_org("Northfield University")
        group = store.create_group(org=org, name="Front-line GRP", timezone="Europe/London",
                                   location="Room 2.14", status=libgrp.GroupStatus.ACTIVE)
        asha = store.create_person(org, "Asha Patel", job_role="student support adviser")
        ben = store.create_person(org, "Ben Carter", job_role="student support adviser")
        mina = store.create_person(org, "Dr Mina Okafor", job_role="psychologist")
        omar = store.create_person(org, "Omar Haddad", job_role="head of service")
        store.join(group, mina, D(2026, 1, 6), role=libgrp.MemberRole.FACILITATOR)
        store.join(group, asha, D(2026, 1, 6))
        store.join(group, ben, D(2026, 1, 6))
        store.add_org_admin(org, omar)
        store.set_cadence(group, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 6), datetime.time(14, 0))

        # Every confidential call says who is asking; rights come from the store.
        me, facilitator = Actor.person(asha), Actor.person(mina)
        goal = store.create_goal(me, owner=asha, title="Hold boundaries with demanding students",
                                 group=group, target_date=D(2026, 6, 30),
                                 visibility=libgrp.Visibility.FACILITATORS)
        read = store.add_goal_step(me, goal, "Read the service's boundaries policy", due=D(2026, 2, 1))
        store.add_goal_step(me, goal, "Practise saying no in role play", due=D(2026, 4, 7))
        store.set_goal_status(me, goal, libgrp.GoalStatus.ACTIVE)
        store.set_goal_step_done(me, read)
        store.add_goal_progress(me, goal, D(2026, 1, 20), 20, "Read the policy; noticed two triggers")

        # The facilitator reviews it in the February session.
        february = store.next_session(group, datetime.datetime(2026, 2, 1, tzinfo=datetime.timezone.utc))
        store.add_goal_progress(facilitator, goal, D(2026, 2, 3), 40, "Reviewed in the group", session=february)

        goal = store.goal(me, goal.id)
        print(f"{asha.display_name}'s goal: {goal.title!r} by {goal.target_date}, {goal.percent}% done")
        for step in goal.steps:
            print(f"  [{'x' if step.done else ' '}] {step.title}" + (f" (due {step.due})" if step.due else ""))

        show(store, f"{asha.display_name} (the owner)", me, goal.id, group)
        show(store, f"{mina.display_name} (facilitator)", facilitator, goal.id, group)
        show(store, f"{ben.display_name} (another member)", Actor.person(ben), goal.id, group)
        show(store, f"{omar.display_name} (organisation admin)", Actor.person(omar), goal.id, group)

        # The admin still sees figures: attendance and the group's themes.
        store.raise_theme(me, group, "Caseloads doubled since September")
        themes = [t.title for t in store.themes(Actor.person(omar), org=org)]
        print(f"{omar.display_name} sees the themes raised to the organisation: {themes}")
        step_titles = {step.id: step.title for step in goal.steps}
        for r in store.reminders_goals_due(facilitator, D(2026, 4, 1), D(2026, 4, 30)):
            what = step_titles[r.step_id] if r.step_id else goal.title  # a step, or the goal's target date
            print(f"Reminder for {mina.display_name}: {what!r} {'overdue since' if r.overdue else 'due on'} {r.due}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
