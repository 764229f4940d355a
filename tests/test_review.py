"""Review decisions: validation, replay, re-attachment after re-extraction, conflicts, concurrency, CSV."""

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from dashboard import review
from dashboard.load import load_store
from dashboard.store import DecidedMeanwhile, NewArticle, Store, article_id

ROOT = Path(__file__).resolve().parent.parent
TEN = "China to invest in Pakistan IT parks\n\nISLAMABAD, March 3, 2025 - China will invest $10 billion in Pakistan's technology parks in 2025, the planning minister said on Monday.\n"
TWELVE = "Beijing pledges tech money\n\nKARACHI, March 5, 2025 - China will invest $12 billion in Pakistan's technology parks in 2025, officials said.\n"
TEN_AGAIN = "Parks plan confirmed\n\nLAHORE, March 9, 2025 - China will invest $10.2 billion in Pakistan's technology parks in 2025, the board said.\n"
SAUDI = "Saudi fund deposit\n\nISLAMABAD, 4 June 2025 - The Saudi Fund for Development deposited US$3 billion with the State Bank of Pakistan in 2025.\n"
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(store_url, tmp_path):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    s = Store(store_url, seeds_dir=empty).open()
    for i, text in enumerate((TEN, TWELVE, SAUDI)):
        s.add(NewArticle(text=text, name=f"a{i}.txt", how="cli"))
    return s


def figure(corpus, raw):
    rows = review.all_figures(corpus)
    return rows[rows["raw"] == raw].iloc[0]


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "abc"}, "is not a number"),
        ({"value": "-3"}, "finite positive"),
        ({"value": "0"}, "finite positive"),
        ({"value": "inf"}, "finite positive"),
        ({"value": "nan"}, "finite positive"),
        ({"currency": "XYZ"}, "ISO 4217"),
        ({"metric": "gdp_per_goat"}, "metric"),
        ({"kind": "rumour"}, "is not one of"),
        ({"year": "1946"}, "from 1947 to 2100"),
        ({"year": "2101"}, "from 1947 to 2100"),
        ({"year": "20x0"}, "from 1947 to 2100"),
        ({"partner": "Atlantis"}, "not in the registry"),
        ({"colour": "red"}, "cannot be corrected"),
        ({}, "at least one field"),
    ],
)
def test_a_bad_correction_is_refused_with_its_reason(changes, message):
    with pytest.raises(review.InvalidDecision, match=message):
        review.check_correction(changes)


def test_a_correction_is_normalised():
    assert review.check_correction({"value": "2,500,000,000", "currency": "pkr", "year": "2030", "partner": "China", "kind": "target"}) == {
        "value": 2.5e9, "currency": "PKR", "year": 2030, "partner": "CHN", "kind": "target",
    }
    assert review.check_correction({"partner": ""}) == {"partner": None}  # Pakistan-wide


@pytest.mark.parametrize("who", ["", "   ", "\n\t"])
def test_a_decision_needs_a_name(who):
    with pytest.raises(review.InvalidDecision, match="say who you are"):
        review.clean_who(who)


# --------------------------------------------------------------------------- replay
def event(action, seq, **kw):
    return review.Event("a" * 64, "figure", 10, 14, "$5bn", "", seq, action, kw.pop("changes", {}), "Ann", AT, **kw)


@pytest.mark.parametrize(
    ("actions", "standing"),
    [
        (["confirm"], "confirm"),
        (["confirm", "reject"], "reject"),
        (["confirm", "reject", "undo"], "confirm"),
        (["confirm", "undo"], None),
        (["undo", "confirm"], "confirm"),  # an undo with nothing to undo changes nothing
        (["confirm", "reject", "undo", "undo"], None),
    ],
)
def test_the_standing_decision_is_the_last_not_undone(actions, standing):
    events = [event(a, i + 1) for i, a in enumerate(actions)]
    [(decision, last)] = review.standing(list(reversed(events))).values()  # order as written, whatever the input order
    assert (decision.action if decision else None, last) == (standing, len(actions))


# --------------------------------------------------------------------------- the store
def test_confirm_correct_reject_and_undo_show_in_the_corpus(store):
    c = load_store(store)
    ten = figure(c, "$10 billion")
    assert (ten["review"], ten["review_seq"], ten["reviewed_by"]) == ("unreviewed", 0, None)
    store.decide(review.figure_event(ten, "correct", "Ann", {"kind": "estimate", "year": "2026"}))
    c = load_store(store)
    ten = figure(c, "$10 billion")
    assert (ten["review"], ten["kind"], ten["year"], ten["reviewed_by"], ten["review_seq"]) == ("corrected", "estimate", 2026, "Ann", 1)
    assert ten["kind_cue"] == "corrected by a reviewer" and ten["reviewed_at"].tzinfo is not None
    store.decide(review.figure_event(ten, "reject", "Bob"))
    c = load_store(store)
    assert "$10 billion" not in set(c.figures["raw"]) and list(c.rejected["raw"]) == ["$10 billion"]
    store.decide(review.figure_event(figure(c, "$10 billion"), "undo", "Bob"))
    ten = figure(load_store(store), "$10 billion")
    assert (ten["review"], ten["kind"], ten["review_seq"]) == ("corrected", "estimate", 3)


def test_a_partner_correction_is_the_figures_partner(store):
    saudi = figure(load_store(store), "US$3 billion")
    store.decide(review.figure_event(saudi, "correct", "Ann", {"partner": "Saudi Arabia"}))
    saudi = figure(load_store(store), "US$3 billion")
    assert (saudi["partner"], tuple(saudi["partners"])) == ("SAU", ("SAU",))


def test_an_invalid_decision_writes_nothing(store):
    before = store.versions()
    ten = figure(load_store(store), "$10 billion")
    with pytest.raises(review.InvalidDecision, match="not a number"):
        store.decide(review.figure_event(ten, "correct", "Ann", {"value": "abc"}))
    with pytest.raises(review.InvalidDecision, match="say who you are"):
        store.decide(review.figure_event(ten, "confirm", " "))
    assert store.versions() == before and store.decisions() == []


def test_the_later_of_two_reviewers_is_told_and_nothing_is_lost(store):
    ten = figure(load_store(store), "$10 billion")  # both saw the figure unreviewed
    store.decide(review.figure_event(ten, "confirm", "Ann"))
    with pytest.raises(DecidedMeanwhile) as told:
        store.decide(review.figure_event(ten, "reject", "Bob"))
    assert told.value.current.who == "Ann" and told.value.current.action == "confirm"
    assert "Ann (confirm" in str(told.value)
    assert [(e.who, e.action) for e in store.decisions()] == [("Ann", "confirm")]
    fresh = figure(load_store(store), "$10 billion")
    store.decide(review.figure_event(fresh, "reject", "Bob"))  # after seeing Ann's decision, Bob may decide
    assert [(e.who, e.action, e.seq) for e in store.decisions()] == [("Ann", "confirm", 1), ("Bob", "reject", 2)]


def test_a_batch_is_all_or_nothing(store):
    c = load_store(store)
    ten, twelve = figure(c, "$10 billion"), figure(c, "$12 billion")
    store.decide(review.figure_event(twelve, "confirm", "Ann"))
    with pytest.raises(DecidedMeanwhile):
        store.decide(review.figure_event(ten, "confirm", "Bob"), review.figure_event(twelve, "reject", "Bob"))
    assert [(e.who, e.raw) for e in store.decisions()] == [("Ann", "$12 billion")]


def test_a_review_decision_moves_only_the_review_part_of_the_version(store):
    articles_before, whole_before = store.versions()
    store.decide(review.figure_event(figure(load_store(store), "$10 billion"), "confirm", "Ann"))
    articles_after, whole_after = store.versions()
    assert articles_after == articles_before and whole_after != whole_before


def test_a_story_date_and_partners_can_be_set_and_undone(store):
    c = load_store(store)
    story_id = figure(c, "US$3 billion")["story_id"]
    store.decide(review.story_event(c, story_id, "date", "2025-06-05", "Ann"))
    store.decide(review.story_event(load_store(store), story_id, "partners", ["Saudi Arabia", "SFD"], "Ann"))
    c = load_store(store)
    story = c.stories.set_index("story_id").loc[story_id]
    assert (story["published"], story["date_source"]) == (pd.Timestamp("2025-06-05"), "review")
    assert figure(c, "US$3 billion")["published"] == pd.Timestamp("2025-06-05")
    assert c.engagements.set_index("story_id").loc[story_id, "partners"] == ["SAU", "SFD"]
    with pytest.raises(review.InvalidDecision, match="not a date"):
        store.decide(review.story_event(c, story_id, "date", "5 June", "Ann"))
    store.decide(review.story_event(c, story_id, "date", None, "Ann", action="undo"))
    story = load_store(store).stories.set_index("story_id").loc[story_id]
    assert (story["published"], story["date_source"]) == (pd.Timestamp("2025-06-04"), "text")


# --------------------------------------------------------------------------- surviving re-extraction
def test_a_decision_whose_span_moved_is_attached_again_and_a_lost_one_is_listed(store):
    c = load_store(store)
    ten = figure(c, "$10 billion")
    start, end = int(ten["start"]), int(ten["end"])
    aid = ten["article_id"]
    # decisions an older extractor left: it read "10 billion" (one character later), and a figure
    # ("invest") this one does not see at all
    older = review.Event(aid, "figure", start + 1, end, "10 billion", "", 1, "correct", {"kind": "estimate"}, "Ann", AT)
    lost_at = TEN.index("technology parks")
    lost = review.Event(aid, "figure", lost_at, lost_at + 10, "technology", "", 1, "confirm", {}, "Ann", AT)
    store.decide(older, lost)
    c = load_store(store)
    ten = figure(c, "$10 billion")
    assert (ten["review"], ten["kind"], ten["review_key"], ten["review_seq"]) == ("corrected", "estimate", f"{start + 1}:{end}:10 billion", 1)
    assert list(c.stale["raw"]) == ["technology"]
    assert "technology parks" in c.stale.iloc[0]["context"]
    store.decide(review.figure_event(ten, "confirm", "Bob"))  # a new decision follows on the same key
    ten = figure(load_store(store), "$10 billion")
    assert (ten["review"], ten["kind"], ten["reviewed_by"], ten["review_seq"]) == ("corrected", "estimate", "Bob", 2)


def test_decisions_survive_a_new_extractor_version(store, monkeypatch):
    from dashboard import load

    store.decide(review.figure_event(figure(load_store(store), "$12 billion"), "correct", "Ann", {"value": "12.5e9"}))
    monkeypatch.setattr(load, "extractor_fingerprint", lambda: "a-new-extractor")
    load._RESULTS.clear()
    c = load_store(store)
    assert store.cached_extractions("a-new-extractor", [article_id(TWELVE)])  # it was extracted again
    twelve = figure(c, "$12 billion")
    assert (twelve["review"], twelve["value"]) == ("corrected", 12.5e9)


# --------------------------------------------------------------------------- conflicts
def test_two_reports_of_one_thing_that_differ_are_an_open_conflict(store):
    c = load_store(store)
    ten, twelve = figure(c, "$10 billion"), figure(c, "$12 billion")
    assert ten["conflict"] and ten["conflict"] == twelve["conflict"] and ten["conflict_open"]
    assert figure(c, "US$3 billion")["conflict"] == ""
    assert review.summary(c)["open_conflicts"] == 1
    assert review.queue(c).iloc[0]["conflict"] == ten["conflict"]  # listed first
    assert "conflicts with another report" in review.queue(c).iloc[0]["doubts"]


def test_reports_within_the_tolerance_agree(store):
    store.add(NewArticle(text=TEN_AGAIN, name="again.txt", how="cli"))
    c = load_store(store)
    assert figure(c, "$10.2 billion")["conflict"] == figure(c, "$10 billion")["conflict"]  # 12 vs 10 still conflicts
    frame = review.all_figures(c)
    agree = frame[frame["raw"].isin(["$10 billion", "$10.2 billion"])]
    assert review.mark_conflicts(agree)["conflict"].eq("").all()  # 2 % apart


@pytest.mark.parametrize(
    ("keep", "statuses"),
    [("ten", {"$10 billion": "confirmed", "$12 billion": "rejected"}), ("both", {"$10 billion": "confirmed", "$12 billion": "confirmed"}),
     ("neither", {"$10 billion": "rejected", "$12 billion": "rejected"})],
)
def test_a_conflict_is_resolved_by_keeping_one_both_or_neither(store, keep, statuses):
    c = load_store(store)
    ten = figure(c, "$10 billion")
    events = review.resolution_events(c, ten["conflict"], [ten["figure_id"]] if keep == "ten" else keep, "Ann")
    store.decide(*events)
    assert len({e.batch for e in store.decisions()}) == 1
    c = load_store(store)
    assert {raw: figure(c, raw)["review"] for raw in statuses} == statuses
    assert review.summary(c)["open_conflicts"] == 0


# --------------------------------------------------------------------------- overlay and store together
def test_the_store_decides_over_the_overlay_and_undo_shows_the_overlay_again(store, tmp_path):
    overlay = tmp_path / "overlay.csv"
    overlay.write_text("source,story,raw,occurrence,action,field,value,note\na2.txt,0,US$3 billion,1,confirm,,,checked\n", encoding="utf-8")
    c = load_store(store, overlay_path=overlay)
    saudi = figure(c, "US$3 billion")
    assert (saudi["review"], saudi["reviewed_by"], saudi["review_seq"]) == ("confirmed", review.OVERLAY_WHO, 0)
    store.decide(review.figure_event(saudi, "reject", "Ann"))
    assert figure(load_store(store, overlay_path=overlay), "US$3 billion")["review"] == "rejected"
    store.decide(review.figure_event(figure(load_store(store, overlay_path=overlay), "US$3 billion"), "undo", "Ann"))
    assert figure(load_store(store, overlay_path=overlay), "US$3 billion")["reviewed_by"] == review.OVERLAY_WHO


# --------------------------------------------------------------------------- processes at once
DECIDE = """
import sys, time
from dashboard import review
from dashboard.load import load_store
from dashboard.store import DecidedMeanwhile, Store
store = Store(sys.argv[1], seeds_dir=__import__("pathlib").Path(sys.argv[2]))
rows = review.all_figures(load_store(store))
row = rows[rows["raw"] == sys.argv[3]].iloc[0]
ready = __import__("pathlib").Path(sys.argv[4])
(ready / sys.argv[5]).touch()  # this reviewer has seen the figure; all decide once all eight have
while len(list(ready.iterdir())) < 8:
    time.sleep(0.005)
try:
    store.decide(review.figure_event(row, "confirm", sys.argv[5]))
    print("stored")
except DecidedMeanwhile:
    print("told")
"""


def test_eight_reviewers_deciding_on_one_figure_at_once_one_wins_seven_are_told(store, store_url, tmp_path):
    ready = tmp_path / "ready"
    ready.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", DECIDE, store_url, str(tmp_path / "no-seeds"), "$10 billion", str(ready), f"reviewer {i}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in range(8)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    assert sorted(out.strip() for out, _ in outs) == ["stored"] + ["told"] * 7
    [decision] = store.decisions()
    assert decision.seq == 1 and decision.who.startswith("reviewer ")


# --------------------------------------------------------------------------- CSV between stores
def test_decisions_move_between_stores_as_csv(store, store_url, tmp_path, capsys, monkeypatch):
    from dashboard.__main__ import main

    c = load_store(store)
    store.decide(review.figure_event(figure(c, "$10 billion"), "correct", "=HYPERLINK(1)", {"kind": "estimate"}))
    store.decide(review.figure_event(figure(c, "US$3 billion"), "reject", "Ann", note="a deposit, not an investment"))
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", store_url)
    out = tmp_path / "reviews.csv"
    assert main(["reviews", "export", str(out)]) == 0
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8")  # a cell never starts a formula

    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    other = Store(other_url, seeds_dir=tmp_path / "no-seeds").open()
    for i, text in enumerate((TEN, TWELVE, SAUDI)):
        other.add(NewArticle(text=text, name=f"b{i}.txt", how="cli"))
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", other_url)
    assert main(["reviews", "import", str(out)]) == 0
    assert "imported 2 decisions" in capsys.readouterr().out
    assert main(["reviews", "import", str(out)]) == 0  # a second import adds nothing
    assert "imported 0 decisions" in capsys.readouterr().out
    moved = load_store(other)
    assert (figure(moved, "$10 billion")["reviewed_by"], figure(moved, "$10 billion")["kind"]) == ("=HYPERLINK(1)", "estimate")
    assert figure(moved, "US$3 billion")["review"] == "rejected"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f.assign(action=["confirm", "bless"]), "line 3: action: 'bless'"),
        (lambda f: f.assign(changes=["{", f["changes"][1]]), "line 2: changes"),
        (lambda f: f.assign(decided_at=["yesterday", f["decided_at"][1]]), "line 2: decided_at"),
        (lambda f: f.assign(article_id=[f["article_id"][0], "f" * 64]), "line 3: article ffffffffffff is not in this store"),
        (lambda f: f.drop(columns="who"), "missing columns who"),
    ],
)
def test_a_bad_row_is_named_by_its_line_and_nothing_is_imported(store, store_url, tmp_path, capsys, monkeypatch, edit, message):
    from dashboard.__main__ import main

    c = load_store(store)
    good = [
        review.figure_event(figure(c, "$10 billion"), "confirm", "Ann"),
        review.figure_event(figure(c, "$12 billion"), "confirm", "Ann"),
    ]
    path = tmp_path / "bad.csv"
    edit(review.events_frame([review.check_event(e) for e in good])).to_csv(path, index=False)
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", store_url)
    assert main(["reviews", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was imported" in err and err.count("\n") == 1
    assert store.decisions() == []


def test_replay_is_linear_in_the_number_of_decisions():
    import time

    def timed(n):
        events = [replace(event("confirm" if i % 3 else "undo", i // 50 + 1), start=i % 50 * 20, end=i % 50 * 20 + 4) for i in range(n)]
        began = time.process_time()
        review.standing(events)
        return time.process_time() - began

    small, large = min(timed(5_000) for _ in range(3)), min(timed(40_000) for _ in range(3))
    assert large < small * 8 * 3


def test_confirming_a_corrected_figure_keeps_its_correction(store, tmp_path):
    ten = figure(load_store(store), "$10 billion")
    store.decide(review.figure_event(ten, "correct", "Ann", {"kind": "estimate"}))
    store.decide(review.figure_event(figure(load_store(store), "$10 billion"), "confirm", "Bob"))
    ten = figure(load_store(store), "$10 billion")
    assert (ten["review"], ten["kind"], ten["reviewed_by"]) == ("corrected", "estimate", "Bob")
    # and a store confirmation of an overlay correction keeps the overlay's value
    overlay = tmp_path / "overlay.csv"
    overlay.write_text("source,story,raw,occurrence,action,field,value,note\na2.txt,0,US$3 billion,1,correct,year,2024,\n", encoding="utf-8")
    saudi = figure(load_store(store, overlay_path=overlay), "US$3 billion")
    store.decide(review.figure_event(saudi, "confirm", "Ann"))
    saudi = figure(load_store(store, overlay_path=overlay), "US$3 billion")
    assert (saudi["review"], saudi["year"], saudi["reviewed_by"]) == ("corrected", 2024, "Ann")


def test_a_conflict_resolved_by_keeping_one_stays_listed_as_resolved(store):
    c = load_store(store)
    ten = figure(c, "$10 billion")
    store.decide(*review.resolution_events(c, ten["conflict"], [ten["figure_id"]], "Ann"))
    c = load_store(store)
    kept, dropped = figure(c, "$10 billion"), figure(c, "$12 billion")
    assert kept["conflict"] == dropped["conflict"] == ten["conflict"] and not kept["conflict_open"]
    assert review.summary(c)["conflicts"] == 1 and review.summary(c)["open_conflicts"] == 0
    # rejecting one report of two by hand leaves nothing to decide between
    store.decide(review.figure_event(kept, "undo", "Ann"))
    c = load_store(store)
    assert figure(c, "$10 billion")["review"] == "unreviewed" and not figure(c, "$10 billion")["conflict_open"]
