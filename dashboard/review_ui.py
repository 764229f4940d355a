"""The Streamlit layer of the Review page: who decides, conflicts first, one figure at a time in focus
(confirm, correct, reject, undo), its story's date and partners, the queue as a table, and the
decisions that need a look again.

Every decision is written with ``store_ui.store().decide`` from a widget callback, built from the
state the page *showed* (a row's ``review_seq``, the corpus of that run), never from a fresh read: a
decision someone else wrote meanwhile then raises ``DecidedMeanwhile`` and the reviewer is told whose
it is, instead of overwriting it. A callback leaves one message for the next run (:func:`show_message`);
the store's version moved, so that run reads the new state.

Every article- or user-supplied string goes to Streamlit escaped (``ui.md``) or through a text-only
element (``st.dataframe``, option labels); no HTML.
"""

from __future__ import annotations

import dataclasses
import getpass

import pandas as pd
import streamlit as st

from dashboard import review, store_ui, ui, views, vocab
from dashboard.charts import format_value
from dashboard.filters import Filter
from dashboard.load import Corpus
from dashboard.partners import registry
from dashboard.schemas import KINDS
from dashboard.store import DecidedMeanwhile
from dashboard.text import counted, display

WHO = "review_who"  # the name widget
WHO_KEPT = "_review_who_kept"  # the name, kept when the page is left (a widget's state is not)
FOCUS = "review_focus"  # the figure in focus (a figure_id; the focus picker's key)
MESSAGE = "_review_message"  # (where, level, text): what the last action did, shown once
LAST = "_review_last"  # this session's last decision: {"text": str, "events": [review.Event]}
FIX_FOR = "_review_fix_for"  # the figure whose values the correction form holds
SHORTCUTS = {"confirm": "Alt+A", "reject": "Alt+X", "skip": "Alt+N", "undo": "Alt+Z"}  # keyboard review, shown on the buttons
FIX_LABEL = "fix_for_label"  # the same, as the form shows it (sent back with the form: checked on save)
STORY = "review_story"  # the story picker
STORY_FOR = "_review_story_for"  # the story whose values the story form holds
STORY_FOCUS = "_review_story_focus"  # the focused figure the story picker last followed
FIX_FIELDS = ("value", "currency", "metric", "kind", "year", "partner")
MAX_CONFLICTS = 12  # open conflicts drawn as cards; the rest are counted
MAX_SIDE_BY_SIDE = 3
PAKISTAN_WIDE = views.PAKISTAN_WIDE


# --------------------------------------------------------------------------- the corpus this page reviews
def reviewable() -> Corpus:
    """The store's corpus under the sidebar's filter (partners, themes, dates), rejected figures
    included and unreviewed figures never hidden; cached per store version and filter (``ui.unchecked``)."""
    return ui.unchecked()


@st.cache_resource(show_spinner=False, max_entries=16)
def _queue(_c: Corpus, version: str, flt: Filter, status: tuple, metric: tuple, kind: tuple) -> pd.DataFrame:
    return review.queue(_c, status=status, metric=metric, kind=kind)


def queue(c: Corpus, status=(), metric=(), kind=()) -> pd.DataFrame:
    """``review.queue`` on this page's corpus, cached per store version, filter and page filters."""
    return _queue(c, c.version, dataclasses.replace(ui.current_filter(), checked_only=False), tuple(status), tuple(metric), tuple(kind))


# --------------------------------------------------------------------------- words
def figure_label(row) -> str:
    """``"$5B"``; a range as ``"$5B–$8B"``."""
    label = format_value(row["value"], row["currency"], row["unit"])
    high = row.get("value_high")
    if high is not None and not pd.isna(high) and high != row["value"]:
        label += "–" + format_value(high, row["currency"], row["unit"])
    return label


def partner_name(code) -> str:
    return registry().name(code) if isinstance(code, str) and code else PAKISTAN_WIDE


def _date(value) -> str:
    return "undated" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _year(value) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def _when(value) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M} UTC"


def _number(value: float) -> str:
    """A value as the correction form shows it: ``5e9`` -> ``"5,000,000,000"``, ``2.5`` -> ``"2.5"``."""
    return format(float(value), ",.15g")


def _outlets(c: Corpus) -> dict[str, str]:
    return dict(zip(c.stories["story_id"], c.stories["outlet"], strict=True))


def describe(row) -> str:
    """``"$5B · actual · IT exports · 2024 · China"`` (plain text: escape it before Markdown)."""
    year = _year(row["year"]) or "no year"
    return " · ".join((figure_label(row), row["kind"], vocab.metric_label(row["metric"]), year, partner_name(row["partner"])))


def status_line(row) -> str:
    """``"confirmed by Ann, 2026-01-05 10:00 UTC"``, ``"not reviewed yet"``."""
    if row["review"] == "unreviewed":
        return "not reviewed yet"
    who = display(row["reviewed_by"])
    return f"{row['review']}" + (f" by {who}" if who else "") + (f", {_when(row['reviewed_at'])}" if _when(row["reviewed_at"]) else "")


def quote_segments(row) -> list[tuple[str, str | None]]:
    """The quote cut around the figure's words, for ``ui.highlighted_markdown``."""
    quote, raw = str(row["quote"]), str(row["raw"])
    at = quote.find(raw) if raw else -1
    if at < 0:
        return [(quote, None)]
    return [(quote[:at], None), (raw, raw), (quote[at + len(raw):], None)]


def _say(where: str, level: str, text: str) -> None:
    st.session_state[MESSAGE] = (where, level, text)


def show_message(where: str) -> None:
    """The last action's outcome, once, where it happened (one line, escaped)."""
    message = st.session_state.get(MESSAGE)
    if not message or message[0] != where:
        return
    st.session_state.pop(MESSAGE, None)
    _, level, text = message
    icon = {"success": ":material/check_circle:", "warning": ":material/group:", "error": ":material/error:"}[level]
    getattr(st, level)(ui.md(text), icon=icon)


def _meanwhile(exc: DecidedMeanwhile) -> str:
    current = exc.current
    if current is None:
        return "Someone else decided on this meanwhile; yours was not saved. Here is the current state: decide again if needed."
    what = {"confirm": "confirmed it", "correct": "corrected it", "reject": "rejected it", "undo": "undid a decision",
            "set": "set it"}.get(current.action, current.action)
    if current.changes:
        what += " (" + ", ".join(f"{k}: {display(v) if not isinstance(v, list) else ', '.join(map(str, v))}" for k, v in current.changes.items()) + ")"
    return (f"{current.who} {what} at {current.decided_at:%Y-%m-%d %H:%M} UTC, after this page showed it: yours was not saved. "
            "Their decision is shown now (anything you typed in a form is kept): decide again if needed.")


# --------------------------------------------------------------------------- who decides
def reviewer() -> str:
    """The reviewer's name: asked once per session (the server's user by default), kept while the
    session lasts, shown with every decision. Returns it as typed (checked when a decision is written)."""
    state = st.session_state
    if WHO not in state:
        state[WHO] = state.get(WHO_KEPT, _default_who())
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.text_input("Your name", key=WHO, max_chars=review.MAX_WHO, help="Kept with every decision you make in this session, with the time.")
    state[WHO_KEPT] = state.get(WHO)
    who = " ".join((state.get(WHO) or "").split())
    if who:
        right.caption("Decisions are recorded as " + ui.md(who) + ", with the time.")
    else:
        right.warning("Say who you are first: a name is kept with every decision.", icon=":material/badge:")
    return who


def _default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment: the reviewer types one
        return ""


def summary_line(c: Corpus) -> None:
    s = review.summary(c)
    left, mid, right = st.columns(3)
    left.metric("Figures reviewed", f"{s['reviewed']} / {s['figures']}")
    mid.metric("Open conflicts", s["open_conflicts"], help="Reports of the same thing that differ; resolved below.")
    right.metric("Need a look again", s["stale"], help="Decisions whose figure the extractor no longer finds.")


# --------------------------------------------------------------------------- writing
def _write(events: list[review.Event], where: str, done: str) -> bool:
    """Write ``events`` (all or nothing); leave the outcome as the page's message. True when written."""
    if not events:
        _say(where, "success", "Nothing to change: " + done)
        return False
    try:
        stored = store_ui.store().decide(*events)
    except review.InvalidDecision as exc:
        _say(where, "error", f"Not saved: {exc}.")
        return False
    except DecidedMeanwhile as exc:
        _say(where, "warning", _meanwhile(exc))
        return False
    except Exception as exc:  # the database failed: one line, nothing half-written (one transaction)
        _say(where, "error", f"Not saved: the store could not be written ({type(exc).__name__}); try again.")
        return False
    if any(e.action != "undo" for e in stored):
        st.session_state[LAST] = {"text": done, "events": stored}
    _say(where, "success", done[:1].upper() + done[1:] + ".")
    return True


def _who() -> str | None:
    """The reviewer's name, or None (with the message said) when there is none."""
    try:
        return review.clean_who(st.session_state.get(WHO))
    except review.InvalidDecision as exc:
        _say("focus", "error", f"Not saved: {exc}.")
        return None


def _next_after(figure_id: str, shown: list[tuple[str, str]]) -> str | None:
    """The figure to show after a decision on ``figure_id``: the next one in the queue as shown that is
    still unreviewed (after it, then before it), else simply the next one. ``shown``: (figure_id, review)."""
    ids = [fid for fid, _ in shown]
    if figure_id not in ids:
        return ids[0] if ids else None
    at = ids.index(figure_id)
    rest = shown[at + 1:] + shown[:at]
    return next((fid for fid, status in rest if status == "unreviewed"), rest[0][0] if rest else figure_id)


def _decide_figure(row: dict, action: str, shown: list[tuple[str, str]], changes: dict | None = None, note: str = "", where: str = "focus") -> None:
    who = _who()
    if who is None:
        return
    words = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected", "undo": "undid the last decision on"}[action]
    done = f"{words} {row['label']} ({row['where']})"
    try:
        events = [review.figure_event(row, action, who, changes=changes, note=note)]
    except review.InvalidDecision as exc:
        _say(where, "error", f"Not saved: {exc}.")
        return
    if _write(events, where, done):
        st.session_state.pop(FIX_FOR, None)  # the form shows the new state
        if action != "undo":
            st.session_state[LAST]["figure_id"] = row["figure_id"]  # an undo of it brings it back into focus
            st.session_state[FOCUS] = _next_after(row["figure_id"], shown)  # the next figure comes up


def _fix_label(args: dict) -> str:
    return f"{args['label']} ({args['where']})"


def _correct(row: dict, shown: list[tuple[str, str]]) -> None:
    """Form callback: the fields that differ from what the form was filled with are the correction."""
    state = st.session_state
    if state.get(FIX_LABEL) not in (None, _fix_label(row)):
        _say("focus", "error", f"Not saved: the form held {state.get(FIX_LABEL)}, and {_fix_label(row)} is in focus now; check the form and save again.")
        state.pop(FIX_FOR, None)
        return
    changes = {}
    for field in FIX_FIELDS:
        typed = state.get(f"fix_{field}")
        typed = "" if typed is None else str(typed).strip()
        if typed != row["form"][field]:
            changes[field] = typed
    if not changes:
        _say("focus", "error", "Not saved: nothing was changed; edit a field first, or confirm the figure as it is.")
        return
    try:
        changes = review.check_correction(changes)
    except review.InvalidDecision as exc:
        _say("focus", "error", f"Not saved: {exc}.")
        return
    _decide_figure(row, "correct", shown, changes=changes, note=state.get("fix_note") or "")


def _skip(figure_id: str, shown: list[tuple[str, str]]) -> None:
    ids = [fid for fid, _ in shown]
    st.session_state[FOCUS] = ids[(ids.index(figure_id) + 1) % len(ids)] if figure_id in ids else ids[0]


def _undo_last() -> None:
    """Undo this session's last decision (all of it: a conflict's resolution is one)."""
    last = st.session_state.get(LAST)
    who = _who()
    if not last or who is None:
        return
    undos = [dataclasses.replace(e, seq=e.seq + 1, action="undo", changes={}, who=who, decided_at=review.now(), note="", batch="")
             for e in last["events"]]
    if _write(undos, "focus", f"undid your last decision ({last['text']})"):
        if last.get("figure_id"):
            st.session_state[FOCUS] = last["figure_id"]  # the figure it was about comes back into focus
        st.session_state.pop(LAST, None)
        st.session_state.pop(FIX_FOR, None)
        st.session_state.pop(STORY_FOR, None)


def _figure_args(row: pd.Series, outlets: dict[str, str]) -> dict:
    """What a decision needs of a row, as the page showed it (its ``review_seq``), plus words for messages."""
    where = " · ".join(x for x in (display(outlets.get(row["story_id"])), _date(row["published"])) if x)
    return {
        "figure_id": row["figure_id"], "review_key": row["review_key"], "review_seq": int(row["review_seq"]),
        "article_id": row["article_id"], "source": row["source"], "label": figure_label(row), "where": where,
        "form": _form_values(row), "review": row["review"], "unit": row["unit"], "horizon_years": _year(row["horizon_years"]),
    }


def _form_values(row) -> dict:
    return {
        "value": _number(row["value"]), "currency": display(row["currency"]), "metric": row["metric"], "kind": row["kind"],
        "year": _year(row["year"]), "partner": display(row["partner"]),
    }


# --------------------------------------------------------------------------- conflicts
def conflicts_section(c: Corpus, who: str) -> None:
    """Conflicting reports first: the figures of each open conflict side by side, resolved by keeping
    one, both (different things) or neither; resolved conflicts listed below as a table."""
    found = review.conflicts(c)
    show_message("conflicts")
    if found.empty:
        return
    open_ids = list(dict.fromkeys(found.loc[found["conflict_open"], "conflict"]))
    st.subheader(f"Conflicting reports ({counted(len(open_ids), 'open conflict')})")
    st.caption(f"Reports of the same metric, partner, kind and year whose values differ by more than "
               f"{review.CONFLICT_TOLERANCE:.0%}. Keep the right one, keep both when they are different things, or neither.")
    outlets = _outlets(c)
    for cid in open_ids[:MAX_CONFLICTS]:
        _conflict_card(c, cid, found[found["conflict"] == cid], outlets, who)
    if len(open_ids) > MAX_CONFLICTS:
        st.caption(f"{counted(len(open_ids) - MAX_CONFLICTS, 'more open conflict')}: resolve these first, or narrow the partner filter.")
    resolved = found[~found["conflict_open"]]
    if len(resolved):
        with st.expander(f"Resolved conflicts ({resolved['conflict'].nunique()})"):
            st.dataframe(_figure_rows(resolved, outlets, conflict=True), hide_index=True, width="stretch")


def _conflict_card(c: Corpus, cid: str, members: pd.DataFrame, outlets: dict[str, str], who: str) -> None:
    first = members.iloc[0]
    with st.container(border=True, key=f"conflict_{cid}"):
        year = _year(first["year"]) or "no year"
        st.markdown("**" + ui.md(f"{vocab.metric_label(first['metric'])} · {partner_name(first['partner'])} · {first['kind']} · {year}") + "**")
        width = min(len(members), MAX_SIDE_BY_SIDE)
        for at in range(0, len(members), width):
            chunk = members.iloc[at : at + width]
            for n, (column, (_, row)) in enumerate(zip(st.columns(width), chunk.iterrows(), strict=False), start=at):
                with column, st.container(border=True):
                    st.markdown(f"### {ui.md(figure_label(row))}")
                    st.caption(ui.md(f"{display(outlets.get(row['story_id'])) or 'outlet not named'} · {_date(row['published'])} · {status_line(row)}"))
                    st.markdown(ui.highlighted_markdown(quote_segments(row)))
                    st.caption(ui.md(f"{display(row['title'])} · file {row['source']}"))
                    st.button("Keep this one", key=f"keep_{cid}_{n}", on_click=_resolve, args=(c, cid, [row["figure_id"]], figure_label(row)),
                              icon=":material/check:", disabled=not who)
        both, neither, _ = st.columns([1, 1, 2])
        both.button("Both (different things)", key=f"both_{cid}", on_click=_resolve, args=(c, cid, "both", "both"),
                    icon=":material/done_all:", disabled=not who)
        neither.button("Neither", key=f"neither_{cid}", on_click=_resolve, args=(c, cid, "neither", "neither"),
                       icon=":material/close:", disabled=not who)


def _resolve(c: Corpus, cid: str, keep, what: str) -> None:
    """Button callback: one conflict resolved, with the corpus as the page showed it."""
    try:
        who = review.clean_who(st.session_state.get(WHO))
        events = review.resolution_events(c, cid, keep, who)
    except review.InvalidDecision as exc:
        _say("conflicts", "error", f"Not saved: {exc}.")
        return
    _write(events, "conflicts", f"resolved a conflict: kept {what}")


# --------------------------------------------------------------------------- the queue and the figure in focus
def queue_filters(c: Corpus) -> tuple[list[str], list[str], list[str]]:
    """The page's own filters (the partner filter is the sidebar's): status, metric, kind."""
    figures = review.all_figures(c)
    metrics = sorted(set(figures["metric"]), key=vocab.metric_label)
    left, mid, right = st.columns(3)
    status = left.multiselect("Status", list(review.STATUSES), key="review_status", placeholder="Any status")
    metric = mid.multiselect("Metric", metrics, key="review_metric", format_func=vocab.metric_label, placeholder="Any metric")
    kind = right.multiselect("Kind", list(KINDS), key="review_kind", placeholder="Any kind")
    return status, metric, kind


def focus(c: Corpus, q: pd.DataFrame, who: str) -> pd.Series | None:
    """The figure in focus: a picker over the queue (most doubtful first), the figure with its quote,
    story, outlet and date, and Confirm / Reject / Skip / Undo, then the correction form. Returns it."""
    show_message("focus")
    ids = list(q["figure_id"])
    shown = list(zip(ids, q["review"], strict=True))
    if not ids:
        st.info("No figure matches these filters: clear the status, metric or kind filter above, or the partner filter in the sidebar.",
                icon=":material/filter_alt_off:")
        return None
    state = st.session_state
    if state.get(FOCUS) not in ids:
        state[FOCUS] = ids[0]
    labels = {r["figure_id"]: f"{n}. {figure_label(r)} · {r['review']} · {vocab.metric_label(r['metric'])} · {display(r['title'])[:70]}"
              for n, r in enumerate(q.to_dict("records"), start=1)}
    unreviewed = int((q["review"] == "unreviewed").sum())
    st.selectbox(f"Figure in focus ({counted(unreviewed, 'figure')} of {len(ids)} not reviewed yet; most doubtful first)",
                 ids, key=FOCUS, format_func=lambda fid: labels.get(fid, fid))
    row = q.iloc[ids.index(state[FOCUS])]
    outlets = _outlets(c)
    args = _figure_args(row, outlets)
    with st.container(border=True, key="review_card"):
        st.markdown("**" + ui.md(describe(row)) + "**")
        st.caption(ui.md(f"Status: {status_line(row)}" + (f" · note: {row['review_note']}" if display(row["review_note"]) else "")))
        if row["doubts"]:
            st.caption(ui.md(f"Why look: {row['doubts']}"))
        st.markdown(ui.highlighted_markdown(quote_segments(row)))
        st.caption(ui.md(f"{display(row['title']) or 'untitled story'} · {display(outlets.get(row['story_id'])) or 'outlet not named'} · "
                         f"{_date(row['published'])} · file {row['source']}"))
        cues = [f"kind from “{row['kind_cue']}”" if row["kind_cue"] else "", f"partner: {row['partner_cue']}" if row["partner_cue"] else ""]
        if any(cues):
            st.caption(ui.md(" · ".join(x for x in cues if x)))
        can_undo = int(row["review_seq"]) > 0 and row["review"] != "unreviewed" and row["reviewed_by"] != review.OVERLAY_WHO
        confirm, reject, skip, undo = st.columns(4)
        confirm.button("Confirm", key="review_confirm", type="primary", icon=":material/check:", on_click=_decide_figure,
                       args=(args, "confirm", shown), disabled=not who, width="stretch", shortcut=SHORTCUTS["confirm"],
                       help="Confirm the figure as it is shown; the next one comes up.")
        reject.button("Reject", key="review_reject", icon=":material/block:", on_click=_decide_figure, args=(args, "reject", shown),
                      disabled=not who, width="stretch", shortcut=SHORTCUTS["reject"],
                      help="Not a figure, or wrong beyond correcting: never charted; the next one comes up.")
        skip.button("Skip", key="review_skip", icon=":material/skip_next:", on_click=_skip, args=(row["figure_id"], shown),
                    disabled=len(ids) < 2, width="stretch", shortcut=SHORTCUTS["skip"], help="Leave this figure for later and show the next one.")
        # Alt+Z undoes this session's last decision when there is one (the figure just confirmed is no longer
        # in focus: the next one is), else the last decision on the figure shown
        undo.button("Undo", key="review_undo", icon=":material/undo:", on_click=_decide_figure, args=(args, "undo", shown),
                    disabled=not (who and can_undo), width="stretch", shortcut=None if st.session_state.get(LAST) else SHORTCUTS["undo"],
                    help="Undo the last decision on this figure (the one before it stands again).")
        correction_form(row, args, shown, who)
    return row


def correction_form(row: pd.Series, args: dict, shown: list[tuple[str, str]], who: str) -> None:
    """Value, currency, metric, kind, year and partner, filled with the figure's; Enter saves.
    Filled again when another figure comes into focus; kept when a save is refused."""
    state = st.session_state
    if state.get(FIX_FOR) != row["figure_id"]:
        for field, value in args["form"].items():
            state[f"fix_{field}"] = value
        state["fix_note"] = ""
        state[FIX_FOR] = row["figure_id"]
        state[FIX_LABEL] = _fix_label(args)
    metrics = sorted(vocab.metric_codes() | {row["metric"]}, key=vocab.metric_label)
    with st.form("review_fix", border=False):
        st.markdown("**Correct it**")
        st.text_input("Correcting", key=FIX_LABEL, disabled=True, help="The figure this form holds; a save is refused if another figure came into focus meanwhile.")
        value, currency, year = st.columns(3)
        value.text_input("Value", key="fix_value", help="A plain number: 5000000000, 5e9 or 2.5 (a percent).")
        currency.text_input("Currency", key="fix_currency", help="An ISO 4217 code: USD, PKR, CNY …; empty for a percent.")
        year.text_input("Year", key="fix_year", help=f"{review.YEARS[0]} to {review.YEARS[1]}; empty when the text states none.")
        metric, kind, partner = st.columns(3)
        metric.selectbox("Metric", metrics, key="fix_metric", format_func=vocab.metric_label)
        kind.selectbox("Kind", list(KINDS), key="fix_kind")
        partner.text_input("Partner", key="fix_partner", help="An ISO3 code (CHN) or a name (China); empty: Pakistan-wide.")
        st.text_input("Note (optional)", key="fix_note")
        st.form_submit_button("Save correction", type="primary", icon=":material/edit:", on_click=_correct, args=(args, shown),
                              disabled=not who)


def session_undo() -> None:
    """This session's last decision, with an Undo."""
    last = st.session_state.get(LAST)
    if not last:
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(ui.md(f"Your last decision: {last['text']}."))
    right.button("Undo my last decision", key="review_undo_last", icon=":material/undo:", on_click=_undo_last, shortcut=SHORTCUTS["undo"])


def _figure_rows(f: pd.DataFrame, outlets: dict[str, str], conflict: bool = False, in_focus: str | None = None) -> pd.DataFrame:
    """The figures as a compact text table (for st.dataframe)."""
    frame = pd.DataFrame(
        {
            **({"": ["▶" if fid == in_focus else "" for fid in f["figure_id"]]} if in_focus is not None else {}),
            **({"conflict": f["conflict"]} if conflict else {}),
            "figure": [figure_label(r) for _, r in f.iterrows()],
            "status": f["review"],
            "kind": f["kind"],
            "metric": f["metric"].map(vocab.metric_label),
            "year": f["year"],
            "partner": f["partner"].map(partner_name),
            **({"why look": f["doubts"]} if "doubts" in f and not conflict else {}),
            "date": f["published"].map(_date),
            "outlet": f["story_id"].map(outlets),
            "story": f["title"],
            "reviewed by": f["reviewed_by"],
            "quote": f["quote"],
        }
    )
    return views.for_display(frame)


def queue_table(c: Corpus, q: pd.DataFrame, in_focus: str | None) -> None:
    """The queue as a compact table, in its order; the figure in focus marked ▶."""
    if q.empty:
        return
    st.subheader(f"The queue ({counted(len(q), 'figure')})")
    st.dataframe(_figure_rows(q, _outlets(c), in_focus=in_focus or ""), hide_index=True, width="stretch", key="review_queue")


# --------------------------------------------------------------------------- stories
def _story_options(c: Corpus) -> dict[str, str]:
    return views.story_labels(c)


def story_section(c: Corpus, in_focus: pd.Series | None, who: str) -> None:
    """Set or correct a story's date and partners (the story of the figure in focus by default)."""
    labels = _story_options(c)
    if not labels:
        return
    st.subheader("The story: date and partners")
    show_message("story")
    state = st.session_state
    focus_story = in_focus["story_id"] if in_focus is not None else None
    if focus_story in labels and state.get(STORY_FOCUS) != focus_story:
        state[STORY] = focus_story  # a new figure in focus brings its story
    state[STORY_FOCUS] = focus_story
    if state.get(STORY) not in labels:
        state[STORY] = next(iter(labels))
    story_id = st.selectbox("Story", list(labels), key=STORY, format_func=labels.get)
    story = c.stories.set_index("story_id").loc[story_id]
    engagement = c.engagements.set_index("story_id")
    current = list(engagement.loc[story_id, "partners"]) if story_id in engagement.index else []
    shown = {"date": "" if pd.isna(story["published"]) else f"{pd.Timestamp(story['published']):%Y-%m-%d}", "partners": current}
    if state.get(STORY_FOR) != story_id:
        state["story_date"], state["story_partners"] = shown["date"], list(current)
        state[STORY_FOR] = story_id
    dated = {"text": "from the text", "given": "given when added", "overlay": "from data/overlay.csv", "review": "set by a reviewer",
             "none": "not found"}.get(story["date_source"], story["date_source"])
    st.caption(ui.md(f"Date: {shown['date'] or 'undated'} ({dated}) · partners: {', '.join(map(partner_name, current)) or 'none named'}"))
    reg = registry()
    options = list(dict.fromkeys([*sorted(reg.entities, key=reg.name), *current, *state.get("story_partners", [])]))
    with st.form("review_story_form", border=False):
        day, partners = st.columns([1, 2])
        day.text_input("Date", key="story_date", placeholder="YYYY-MM-DD", help="The day the story was published (YYYY-MM-DD).")
        partners.multiselect("Partners", options, key="story_partners", format_func=reg.name, placeholder="No partner",
                             help="Who Pakistan engaged with in this story.")
        st.form_submit_button("Save the story's date and partners", icon=":material/save:", on_click=_set_story,
                              args=(c, story_id, shown), disabled=not who)
    standing = c.story_reviews
    mine = standing[(standing["story_id"] == story_id) & (standing["layer"] == "store")] if len(standing) else standing
    if len(mine):
        columns = st.columns(4)
        for column, field in zip(columns, ("date", "partners"), strict=False):
            if field in set(mine["field"]):
                column.button(f"Undo the {field} decision", key=f"story_undo_{field}", icon=":material/undo:", on_click=_undo_story,
                              args=(c, story_id, field), disabled=not who)


def _set_story(c: Corpus, story_id: str, shown: dict) -> None:
    """Form callback: the story's date and/or partners, as changed in the form (one transaction)."""
    state = st.session_state
    try:
        who = review.clean_who(state.get(WHO))
        events = []
        typed = (state.get("story_date") or "").strip()
        if typed != shown["date"]:
            events.append(review.story_event(c, story_id, "date", typed, who))
        partners = list(state.get("story_partners") or [])
        if set(partners) != set(shown["partners"]):
            events.append(review.story_event(c, story_id, "partners", partners, who))
        for event in events:
            review.check_event(event)
    except review.InvalidDecision as exc:
        _say("story", "error", f"Not saved: {exc}.")
        return
    except (KeyError, ValueError):
        _say("story", "error", "Not saved: this story is no longer in the store.")
        return
    if not events:
        _say("story", "error", "Not saved: nothing was changed; edit the date or the partners first.")
        return
    fields = " and ".join(e.field for e in events)
    if _write(events, "story", f"set the story's {fields}"):
        state.pop(STORY_FOR, None)


def _undo_story(c: Corpus, story_id: str, field: str) -> None:
    try:
        events = [review.story_event(c, story_id, field, None, review.clean_who(st.session_state.get(WHO)), action="undo")]
    except review.InvalidDecision as exc:
        _say("story", "error", f"Not saved: {exc}.")
        return
    if _write(events, "story", f"undid the story's {field} decision"):
        st.session_state.pop(STORY_FOR, None)


# --------------------------------------------------------------------------- needs a look again
def stale_section(c: Corpus) -> None:
    """Decisions whose figure the extractor no longer finds: listed, never dropped."""
    stale = c.stale
    st.subheader(f"Needs a look again ({len(stale)})")
    if stale.empty:
        st.caption("None: every decision still points at a figure the extractor finds.")
        return
    st.caption("These decisions point at words that no longer give a figure (the article's text or the extractor changed). "
               "Find the figure in the queue and decide again; the old decision is kept here until then.")
    frame = pd.DataFrame(
        {
            "file": stale["source"], "words": stale["raw"], "decision": stale["action"], "changes": stale["changes"].replace("{}", ""),
            "who": stale["who"], "when": stale["decided_at"].map(_when), "note": stale["note"], "around": stale["context"],
        }
    )
    st.dataframe(views.for_display(frame), hide_index=True, width="stretch", key="review_stale")

