"""Building big structures without the cyclic garbage collector in the way."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["SET_ASIDE_ABOVE", "collector_paused", "set_aside_builds"]


#: A pause that made more new containers than this sets them aside (see set_aside_builds).
SET_ASIDE_ABOVE = 50_000
_set_aside = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a block builds many lasting objects.

    Every few hundred new container objects Python runs a collection, and now and then one
    over everything alive; building a 65,818-node document or its evaluation plan makes
    hundreds of thousands of objects that all stay alive, so those walks find nothing and
    cost a third of the time.  Nothing built under this is a reference cycle.  While
    :func:`set_aside_builds` is on, a block that made more than :data:`SET_ASIDE_ABOVE`
    containers sets everything alive aside from later collections.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if _set_aside and _young() > SET_ASIDE_ABOVE:
                gc.freeze()
            gc.enable()


def _young() -> int:
    """How many containers wait in the youngest generation (those the next collection
    walks): counted by the collector's count when that is big, else one by one."""
    # The count is new containers less those freed, wherever they were: a build that
    # replaced as many as it made (a move of every node: a new position for each old one)
    # counts near zero while its 54,686 new tuples wait there, and the next collections
    # walked them in the middle of a paint (Auto Layout's undo: 40-100 ms).
    count = gc.get_count()[0]
    return count if count > SET_ASIDE_ABOVE else len(gc.get_objects(0))


def set_aside_builds(on: bool) -> None:
    """Whether what is alive now, and what big builds make from now on, is set aside from
    the collector (``gc.freeze``): the editor turns it on while it shows a big graph.

    Resuming the collector after a pause only puts its walk off: the first collections
    after opening the demo graph walked its half a million containers (0.1 to 0.2 s, in
    whatever the user did next: Backward, Gradient Flow), and every full collection after
    that walked them again.  They live as long as the graph is shown and hold no cycles.
    Turned off, everything set aside is given back (a closed graph's objects, once
    dropped, are collected as usual, cycles included).
    """
    global _set_aside
    _set_aside = on
    gc.unfreeze()
    if on:
        gc.freeze()
