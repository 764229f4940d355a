"""AppTest of the Review page, one store per test: every action (confirm, correct, reject, undo, a
story's date and partners, a conflict resolved), refused corrections, and two reviewers at once."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import review
from dashboard.load import load_store
from dashboard.store import ENV_URL, NewArticle, Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")

# Two outlets disagree on one thing (IT exports to China, actual, 2024): $5 billion against $8 billion.
DAWN = """Pakistan and China expand software trade

Published in Dawn, 3 March 2025

ISLAMABAD: Pakistan's IT exports to China reached $5 billion in 2024, the commerce ministry said on Monday.
Officials said Pakistan aims to raise its IT exports to $10 billion by 2030 under a new digital plan.
"""
RECORDER = """China becomes a bigger buyer of Pakistani software

Published in Business Recorder, 10 March 2025

KARACHI: Pakistan's IT exports to China reached $8 billion in 2024, according to an industry body.
The group said remittances could reach $40 billion next year.
"""
SAVE_FIX = "FormSubmitter:review_fix-Save correction"
SAVE_STORY = "FormSubmitter:review_story_form-Save the story's date and partners"


def two_articles(url: str, monkeypatch) -> Store:
    """The app pointed at a store holding only the two articles above (the seeds removed)."""
    s = Store(url).open()
    for article in s.articles():
        s.remove(article.id)
    s.add(NewArticle(text=DAWN, name="dawn.txt", how="cli"))
    s.add(NewArticle(text=RECORDER, name="recorder.txt", how="cli"))
    monkeypatch.setenv(ENV_URL, url)
    return s


@pytest.fixture
def store(tmp_path, monkeypatch):
    return two_articles(f"sqlite:///{tmp_path / 'review.sqlite3'}", monkeypatch)


@pytest.fixture
def any_store(store_url, monkeypatch):
    """The same on SQLite and on PostgreSQL (conftest's ``store_url``)."""
    return two_articles(store_url, monkeypatch)


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")  # the invisible breaks in addresses too


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def review_page(name: str = "Ann Reviewer") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    ok(at.switch_page("pages/review.py").run())
    if name is not None:
        ok(at.text_input(key="review_who").input(name).run())
    return at


def click(at: AppTest, key: str) -> AppTest:
    return ok(at.button(key=key).click().run())


def figures(s: Store):
    """Every figure of the store as the app reads it now, by its words."""
    c = load_store(s)
    return review.all_figures(c).set_index("raw")


def queue_labels(at: AppTest) -> list[str]:
    """The figures of the focus picker, in the queue's order: ``["$8B", "$5B", ...]``."""
    return [option.split(" · ")[0].split(". ", 1)[1] for option in at.selectbox(key="review_focus").options]


def focus_on(at: AppTest, raw: str) -> AppTest:
    """Bring the figure whose words are ``raw`` into focus."""
    label = {"$5 billion": "$5B", "$8 billion": "$8B", "$10 billion": "$10B", "$40 billion": "$40B", "$2 billion": "$2B"}[raw]
    return ok(at.selectbox(key="review_focus").select_index(queue_labels(at).index(label)).run())


def in_focus(at: AppTest) -> str:
    return at.selectbox(key="review_focus").value.split("|")[1]


def texts(at: AppTest, kind: str) -> str:
    return "\n".join(plain(el.value) for el in at.get(kind))


def test_the_page_lists_figures_most_doubtful_first_with_their_quote_story_outlet_and_date(store):
    at = review_page()
    assert [plain(s.value) for s in at.subheader][:2] == ["Conflicting reports (1 open conflict)", "Figures to review"]
    assert queue_labels(at) == ["$8B", "$5B", "$40B", "$10B"]  # the conflict's figures first, newest story first
    assert in_focus(at) == "$8 billion"
    card = texts(at, "markdown")
    assert "reached :orange-background[**$8 billion**] in 2024" in card
    assert "China becomes a bigger buyer of Pakistani software · Business Recorder · 10 Mar 2025" in texts(at, "caption")
    table = at.dataframe[0].value
    assert list(table["figure"]) == ["$8B", "$5B", "$40B", "$10B"] and set(table["status"]) == {"unreviewed"}
    assert table[""].iloc[0] == "▶"
    assert "Decisions are recorded as Ann Reviewer" in texts(at, "caption")


def test_confirm_records_who_and_when_and_the_next_figure_comes_up(store):
    at = review_page()
    click(at, "review_confirm")
    (event,) = store.decisions()
    assert (event.action, event.raw, event.who) == ("confirm", "$8 billion", "Ann Reviewer") and event.decided_at.tzinfo
    assert in_focus(at) == "$5 billion"  # the next one in the queue as shown
    assert "Confirmed $8B (Business Recorder · 10 Mar 2025)." in texts(at, "success")
    assert figures(store).loc["$8 billion", "review"] == "confirmed"
    table = at.dataframe[0].value.set_index("figure")
    assert table.loc["$8B", "status"] == "confirmed" and table.loc["$8B", "reviewed by"] == "Ann Reviewer"
    assert queue_labels(at)[:3] == ["$5B", "$8B", "$40B"]  # the conflict is open until $5B is decided too
    click(at, "review_reject")
    assert in_focus(at) == "$40 billion"  # the next one still unreviewed, not the confirmed $8B


def test_correct_kind_and_year(store):
    at = focus_on(review_page(), "$10 billion")
    assert at.text_input(key="fix_year").value == "2030" and at.selectbox(key="fix_kind").value == "target"
    at.selectbox(key="fix_kind").set_value("estimate")
    at.text_input(key="fix_year").input("2031")
    at.text_input(key="fix_note").input("the plan says 2031")
    click(at, SAVE_FIX)
    (event,) = store.decisions()
    assert (event.action, event.changes, event.note) == ("correct", {"kind": "estimate", "year": 2031}, "the plan says 2031")
    fixed = figures(store).loc["$10 billion"]
    assert (fixed["review"], fixed["kind"], fixed["year"]) == ("corrected", "estimate", 2031)
    assert in_focus(at) != "$10 billion"  # the next figure came up
    focus_on(at, "$10 billion")
    assert at.text_input(key="fix_year").value == "2031" and at.selectbox(key="fix_kind").value == "estimate"
    assert "corrected by Ann Reviewer" in texts(at, "caption")
    ok(at.text_input(key="review_who").input("Bob").run())
    click(at, "review_confirm")  # confirming the corrected figure keeps the correction
    fixed = figures(store).loc["$10 billion"]
    assert (fixed["review"], fixed["kind"], fixed["year"], fixed["reviewed_by"]) == ("corrected", "estimate", 2031, "Bob")


def test_correct_value_currency_metric_and_partner(store):
    at = focus_on(review_page(), "$40 billion")
    at.text_input(key="fix_value").input("4e10")  # the same value written otherwise: not a change
    at.text_input(key="fix_currency").input("pkr")
    at.selectbox(key="fix_metric").set_value("investment")
    at.text_input(key="fix_partner").input("Saudi Arabia")
    click(at, SAVE_FIX)
    (event,) = store.decisions()
    assert event.changes == {"value": 4e10, "currency": "PKR", "metric": "investment", "partner": "SAU"}
    fixed = figures(store).loc["$40 billion"]
    assert (fixed["currency"], fixed["metric"], fixed["partner"]) == ("PKR", "investment", "SAU")


def test_a_correction_to_pakistan_wide(store):
    at = focus_on(review_page(), "$40 billion")
    at.text_input(key="fix_partner").input("")
    click(at, SAVE_FIX)
    assert store.decisions()[0].changes == {"partner": None}
    assert figures(store).loc["$40 billion", "partners"] == ()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("fix_value", "abc", "value: 'abc' is not a number"),
        ("fix_value", "-5", "value: '-5' is not a finite positive number"),
        ("fix_year", "3000", "year: '3000' is not a year from 1947 to 2100"),
        ("fix_partner", "Atlantis", "partner: 'Atlantis' is not in the registry"),
        ("fix_currency", "XYZ", "currency: 'XYZ' is not an ISO 4217 code"),
    ],
)
def test_an_invalid_correction_is_refused_with_its_reason_and_nothing_is_written(store, field, typed, message):
    at = focus_on(review_page(), "$10 billion")
    at.text_input(key=field).input(typed)
    click(at, SAVE_FIX)
    assert message in texts(at, "error") and len(at.error) == 1
    assert store.decisions() == []
    assert in_focus(at) == "$10 billion" and at.text_input(key=field).value == typed  # still there, as typed


def test_a_correction_that_changes_nothing_is_refused(store):
    at = review_page()
    click(at, SAVE_FIX)
    assert "nothing was changed" in texts(at, "error") and store.decisions() == []


def test_reject_then_undo_on_the_figure(store):
    at = focus_on(review_page(), "$40 billion")
    assert at.button(key="review_undo").disabled  # nothing to undo yet
    click(at, "review_reject")
    assert figures(store).loc["$40 billion", "review"] == "rejected"
    assert "$40 billion" not in set(load_store(store).figures["raw"])  # never charted
    focus_on(at, "$40 billion")  # still listed for review
    assert "Status: rejected by Ann Reviewer" in texts(at, "caption")
    click(at, "review_undo")
    assert [e.action for e in store.decisions()] == ["reject", "undo"]
    assert figures(store).loc["$40 billion", "review"] == "unreviewed"
    assert in_focus(at) == "$40 billion" and at.button(key="review_undo").disabled


def test_undo_my_last_decision(store):
    at = review_page()
    click(at, "review_confirm")
    assert "Your last decision: confirmed $8B" in texts(at, "caption")
    assert in_focus(at) != "$8 billion"  # the next figure came up
    click(at, "review_undo_last")
    assert [e.action for e in store.decisions()] == ["confirm", "undo"]
    assert figures(store).loc["$8 billion", "review"] == "unreviewed"
    assert in_focus(at) == "$8 billion"  # the undone figure is back in focus
    assert not [b for b in at.button if b.key == "review_undo_last"]


def test_a_correction_meant_for_another_figure_is_refused(store):
    at = review_page()
    held = at.session_state["fix_for_label"]
    at.session_state["fix_for_label"] = "$5B (another figure, as the browser still showed it)"
    at.text_input(key="fix_year").input("2023")
    click(at, SAVE_FIX)
    assert "Not saved: the form held $5B" in texts(at, "error") and held in texts(at, "error")
    assert store.decisions() == []


def test_filters_status_metric_kind_and_the_sidebar_partner(store):
    at = review_page()
    click(at, "review_reject")  # $8B rejected: still listed, and it passes the partner filter
    ok(at.multiselect(key="review_status").select("rejected").run())
    assert queue_labels(at) == ["$8B"]
    ok(at.multiselect(key="review_status").unselect("rejected").run())
    ok(at.multiselect(key="review_kind").select("target").run())
    assert queue_labels(at) == ["$10B"]
    ok(at.multiselect(key="review_kind").unselect("target").run())
    ok(at.multiselect(key="review_metric").select("remittances").run())
    assert queue_labels(at) == ["$40B"]
    ok(at.multiselect(key="review_metric").unselect("remittances").run())
    ok(at.multiselect(key="partner").select("CHN").run())
    assert set(queue_labels(at)) == {"$8B", "$5B", "$40B"}
    ok(at.multiselect(key="review_kind").select("estimate").run())
    ok(at.multiselect(key="review_metric").select("it_exports").run())
    assert not at.get("selectbox") or "review_focus" not in [s.key for s in at.selectbox]
    assert "No figure matches these filters" in texts(at, "info")


def test_skip_shows_the_next_figure_and_writes_nothing(store):
    at = review_page()
    click(at, "review_skip")
    assert in_focus(at) == "$5 billion" and store.decisions() == []


def test_set_a_story_date_and_partners_then_undo_the_date(store):
    at = review_page()
    story = "dawn.txt#0"
    ok(at.selectbox(key="review_story").set_value(story).run())
    assert at.text_input(key="story_date").value == "2025-03-03" and at.multiselect(key="story_partners").value == ["CHN"]
    at.text_input(key="story_date").input("2025-03-04")
    at.multiselect(key="story_partners").select("JPN")
    click(at, SAVE_STORY)
    assert sorted((e.field, e.action, str(e.changes)) for e in store.decisions()) == [
        ("date", "set", "{'date': '2025-03-04'}"), ("partners", "set", "{'partners': ['CHN', 'JPN']}")]
    c = load_store(store)
    stories = c.stories.set_index("story_id")
    assert (f"{stories.loc[story, 'published']:%Y-%m-%d}", stories.loc[story, "date_source"]) == ("2025-03-04", "review")
    assert list(c.engagements.set_index("story_id").loc[story, "partners"]) == ["CHN", "JPN"]
    assert "Set the story's date and partners." in texts(at, "success")
    assert at.text_input(key="story_date").value == "2025-03-04"
    click(at, "story_undo_date")
    stories = load_store(store).stories.set_index("story_id")
    assert f"{stories.loc[story, 'published']:%Y-%m-%d}" == "2025-03-03"
    assert at.text_input(key="story_date").value == "2025-03-03"


def test_a_bad_story_date_is_refused(store):
    at = review_page()
    at.text_input(key="story_date").input("3 Marchish")
    click(at, SAVE_STORY)
    assert "date: '3 Marchish' is not a date (YYYY-MM-DD)" in texts(at, "error") and store.decisions() == []


@pytest.mark.parametrize(("button", "expected"), [
    ("keep_{cid}_0", {"$5 billion": "confirmed", "$8 billion": "rejected"}),
    ("keep_{cid}_1", {"$5 billion": "rejected", "$8 billion": "confirmed"}),
    ("both_{cid}", {"$8 billion": "confirmed", "$5 billion": "confirmed"}),
    ("neither_{cid}", {"$8 billion": "rejected", "$5 billion": "rejected"}),
])
def test_resolve_a_conflict(store, button, expected):
    at = review_page()
    (cid,) = set(review.conflicts(load_store(store))["conflict"])
    values = [plain(m.value) for m in at.markdown if m.value.startswith("### ")]
    assert values == ["### $5B", "### $8B"]  # side by side, smaller first
    click(at, button.format(cid=cid))
    assert {e.raw: e.action for e in store.decisions()} == {k: {"confirmed": "confirm", "rejected": "reject"}[v] for k, v in expected.items()}
    assert len({e.batch for e in store.decisions()}) == 1  # one resolution, one batch
    now = figures(store)
    assert {raw: now.loc[raw, "review"] for raw in expected} == expected
    assert "Resolved a conflict" in texts(at, "success")
    headings = [plain(s.value) for s in at.subheader]
    # however it was resolved, the conflict stays listed, as resolved
    assert headings[0] == "Conflicting reports (0 open conflicts)"
    assert "Resolved conflicts (1)" in [e.label for e in at.expander]
    assert not review.conflicts(load_store(store))["conflict_open"].any()


def test_two_reviewers_on_the_same_figure_the_later_one_is_told(any_store):
    store = any_store
    ann, bob = review_page("Ann"), review_page("Bob")
    assert in_focus(ann) == in_focus(bob) == "$8 billion"
    click(ann, "review_confirm")
    bob.text_input(key="fix_year").input("2023")
    click(bob, SAVE_FIX)  # Bob's page still shows the figure as it was before Ann's decision
    (event,) = store.decisions()
    assert (event.who, event.action) == ("Ann", "confirm")
    warning = texts(bob, "warning")
    assert "Ann confirmed it at " in warning and "yours was not saved" in warning
    assert in_focus(bob) == "$8 billion" and bob.text_input(key="fix_year").value == "2023"  # kept as typed
    assert "Status: confirmed by Ann" in texts(bob, "caption")  # the fresh state
    click(bob, SAVE_FIX)  # now deciding on what Ann decided: written after hers
    assert [(e.who, e.action, e.seq) for e in store.decisions()] == [("Ann", "confirm", 1), ("Bob", "correct", 2)]


def test_two_reviewers_resolving_one_conflict_the_later_one_is_told(store):
    ann, bob = review_page("Ann"), review_page("Bob")
    (cid,) = set(review.conflicts(load_store(store))["conflict"])
    click(ann, f"both_{cid}")
    click(bob, f"neither_{cid}")
    assert "Ann confirmed it at" in texts(bob, "warning")
    assert {e.who for e in store.decisions()} == {"Ann"}


def test_without_a_name_nothing_can_be_decided(store):
    at = review_page(name=None)
    ok(at.text_input(key="review_who").input("   ").run())
    assert "Say who you are first" in texts(at, "warning")
    assert at.button(key="review_confirm").disabled and at.button(key="review_reject").disabled


def test_the_name_is_asked_once_per_session(store):
    at = review_page("Ann")
    at.switch_page("pages/sources.py").run()
    ok(at.switch_page("pages/review.py").run())
    assert at.text_input(key="review_who").value == "Ann"


def test_a_decision_whose_figure_is_gone_needs_a_look_again(store):
    article = next(a for a in store.articles() if a.source == "dawn.txt")
    at = review_page()
    gone = review.Event(article.id, "figure", 0, 8, "Pakistan", "", 1, "correct", {"kind": "target"}, "Cleo", review.now(),
                        note="from an older extractor")
    store.decide(gone)
    ok(at.run())
    assert [plain(s.value) for s in at.subheader][-1] == "Needs a look again (1)"
    stale = at.dataframe[-1].value
    assert list(stale[["file", "words", "decision", "who", "note"]].iloc[0]) == ["dawn.txt", "Pakistan", "correct", "Cleo", "from an older extractor"]
    assert "Pakistan and China expand" in stale["around"].iloc[0]


HOSTILE = """Pakistan and **Japan** <b>sign</b> :red[a] $x$ pact

Published in Dawn, 5 May 2025

TOKYO: Japan's investment in Pakistan reached $2 billion in 2024 <img src=x onerror=alert(1)> **bold** $y$, officials said.
"""


def test_article_and_user_text_is_shown_as_text(store):
    store.add(NewArticle(text=HOSTILE, name="hostile.txt", how="cli"))
    at = review_page("<b>Eve</b> **x** $z$")
    focus_on(at, "$2 billion")
    click(at, "review_confirm")
    focus_on(at, "$2 billion")
    shown = [el.value for kind in ("markdown", "caption", "success", "warning", "error", "subheader") for el in at.get(kind)]
    for raw in ("**Japan**", "<b>", ":red[", "$x$", "<img", "**bold**", "$y$", "**x**", "$z$"):
        assert not [text for text in shown if raw in re.sub(r"\\.", "", text)], raw  # nothing of it left unescaped
    assert "Status: confirmed by <b>Eve</b> **x** $z$" in texts(at, "caption")
    assert any("<img src=x onerror=alert(1)> **bold** $y$" in plain(text) for text in shown)


def test_a_decision_made_elsewhere_shows_in_an_open_session_at_its_next_rerun(store):
    """The app's caches are keyed on the store's version: a decision written by another process (the
    CLI, another server) changes it, so the open Overview counts it at its next rerun."""
    at = AppTest.from_file(APP, default_timeout=60)
    ok(at.run())
    reviewed = lambda: next(m.value for m in at.metric if plain(m.label) == "Figures reviewed")  # noqa: E731
    before = reviewed()
    assert before.startswith("0 / ")
    figure = figures(store).loc["$8 billion"]
    store.decide(review.figure_event(figure, "confirm", "Ann"))
    ok(at.run())
    assert reviewed() == "1 / " + before.split(" / ")[1]
    n_figures = lambda: next(m.value for m in at.metric if m.label == "Figures")  # noqa: E731
    everything = n_figures()
    ok(at.checkbox(key="checked").check().run())  # another filter, another result: only the confirmed figure
    assert n_figures() == "1" != everything
    ok(at.checkbox(key="checked").uncheck().run())
    assert n_figures() == everything
