"""Big builds with the collector paused, and set aside from it while the editor asks."""

from __future__ import annotations

import gc

from autograd_studio.graph.bulk import SET_ASIDE_ABOVE, collector_paused, set_aside_builds


def test_big_builds_are_set_aside_only_while_asked_and_given_back():
    gc.enable()
    big = 2 * SET_ASIDE_ABOVE  # (Pythons count new containers a little differently)
    try:
        set_aside_builds(False)
        with collector_paused():
            kept = [[k] for k in range(big)]
        assert gc.isenabled() and gc.get_freeze_count() == 0  # not asked: nothing aside
        set_aside_builds(True)  # what is alive now
        alive = gc.get_freeze_count()
        assert alive > len(kept)
        with collector_paused():
            few = [[k] for k in range(10)]
        assert gc.get_freeze_count() == alive  # a small build is left to the collector
        with collector_paused():
            with collector_paused():  # (an inner pause leaves it to the outer one)
                more = [[k] for k in range(big)]
            assert gc.get_freeze_count() == alive
        assert gc.get_freeze_count() >= alive + len(more) + len(few)
    finally:
        set_aside_builds(False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_build_that_replaces_as_many_objects_as_it_makes_is_set_aside_too():
    # (Auto Layout's undo: a new position for each node frees its old one; the collector's
    # count stays near zero while the new ones wait for the next collections' walk.)
    gc.enable()
    big = 2 * SET_ASIDE_ABOVE
    try:
        old = [[k] for k in range(big)]
        set_aside_builds(True)
        alive = gc.get_freeze_count()
        with collector_paused():
            for k in range(big):
                old[k] = [k]  # each new list frees one set aside
            assert gc.get_count()[0] < SET_ASIDE_ABOVE
        assert gc.get_freeze_count() > alive - big // 2  # the new ones are set aside
    finally:
        set_aside_builds(False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
