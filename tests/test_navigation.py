from anora_tui.core.navigation import History, Location

A = Location("section", "opening")
B = Location("person", "sean-baker")
C = Location("quote", "baker-dirty-romcom")
D = Location("scene", "home-invasion")


def test_back_and_forward_walk_the_visits():
    history = History()
    for location in (A, B, C):
        history.visit(location)
    assert history.back() == B
    assert history.back() == A
    assert history.back() is None
    assert history.current == A
    assert history.forward() == B
    assert history.forward() == C
    assert history.forward() is None


def test_a_new_visit_drops_the_forward_history():
    history = History()
    for location in (A, B, C):
        history.visit(location)
    history.back()
    history.back()
    history.visit(D)
    assert not history.can_go_forward
    assert history.back() == A


def test_revisiting_the_current_location_is_not_a_new_entry():
    history = History()
    history.visit(A)
    history.visit(A)
    assert not history.can_go_back


def test_history_is_bounded():
    history = History(limit=3)
    for n in range(10):
        history.visit(Location("section", f"s{n}"))
    steps = 0
    while history.back():
        steps += 1
    assert steps == 3


def test_snapshot_round_trips_and_garbage_gives_an_empty_history():
    history = History()
    history.visit(A)
    history.visit(Location("section", "opening", paragraph=3, span=(4, 9)))
    history.visit(B)
    history.back()
    restored = History.restore(history.snapshot())
    assert restored.current == history.current
    assert restored.back() == A
    assert restored.forward() == Location("section", "opening", paragraph=3, span=(4, 9))
    assert restored.forward() == B
    for garbage in (None, [], {"back": "x"}, {"back": [{"kind": "bogus", "id": "x"}], "current": None, "forward": []}):
        empty = History.restore(garbage)
        assert empty.current is None and not empty.can_go_back


def test_keep_only_forgets_places_that_are_gone():
    history = History()
    for location in (A, B, C, D):
        history.visit(location)
    history.back()  # current C, forward D
    history.keep_only(lambda loc: loc not in (B, C))
    assert history.current == A
    assert history.back() is None
    assert history.forward() == D
