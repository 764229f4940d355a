"""The Streamlit edge of the article store: one opened store per server, its version (the key of
every cache), the Add page's batch (prepare, preview, save or cancel) and removal with confirmation.

Every article- or user-supplied string goes to Streamlit as text: ``st.text``/``st.dataframe``, or
through ``ui.escape_markdown``; a URL becomes a link only when it is http(s).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard import ingest
from dashboard.store import AddResult, Store, StoreError, database_url
from dashboard.text import counted

BATCH = "_add_batch"
RESULTS = "_add_results"
REMOVE = "_remove_confirm"
REMOVED = "_removed_message"


@st.cache_resource(show_spinner="Opening the article store…")
def _open(url: str) -> Store:
    return Store(url).open()


def store() -> Store:
    """The store, upgraded and seeded once per server; a store that cannot be opened stops the page
    with what to do (never a traceback)."""
    try:
        return _open(database_url())
    except StoreError as exc:
        from dashboard.ui import escape_markdown

        st.error(escape_markdown(str(exc)), icon=":material/database:")
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers honest


def version() -> str:
    """The store's version now: a new article anywhere changes it, so every session's next rerun reloads."""
    return store().version()


def _escape(text: str) -> str:
    from dashboard.ui import escape_markdown

    return escape_markdown(text)


# --------------------------------------------------------------------------- the Add page
def uploads_key() -> str:
    """The uploader's key; a new one after a save empties it."""
    return f"add_uploads_{st.session_state.get('add_uploads_key', 0)}"


def prepare_batch() -> None:
    """Button callback: read and extract every input (nothing stored yet); keep the batch for the preview.
    Reads the widgets' values from the session (a callback's bound arguments would be one run old)."""
    state = st.session_state
    state.pop(RESULTS, None)
    try:
        given = ingest.meta(url=state.get("add_url"), outlet=state.get("add_outlet"), published=state.get("add_date"), title=state.get("add_title"))
    except ingest.Refused as exc:
        state[BATCH] = [ingest.Prepared(name="details", article=None, reason=str(exc))]
        return
    files = [(f.name, f.getvalue()) for f in state.get(uploads_key()) or []]
    pasted = state.get("add_text") or ""
    if not files and not pasted.strip():
        state[RESULTS] = [AddResult("nothing to add", "refused", reason="upload a file or paste an article first")]
        return
    state[BATCH] = ingest.prepare(files, pasted, given)


def batch() -> list[ingest.Prepared]:
    return st.session_state.get(BATCH) or []


def save_batch() -> None:
    """Button callback: store every prepared article (one transaction each); refusals keep their reason."""
    results = []
    s = store()
    for item in batch():
        if item.article is None:
            results.append(AddResult(item.name, "refused", reason=item.reason))
            continue
        try:
            results.append(replace(s.add(item.article), name=item.name))
        except Exception as exc:  # a database failure on one article: said, the others still go in
            results.append(AddResult(item.name, "refused", reason=f"could not store it: {type(exc).__name__}"))
    st.session_state[RESULTS] = results
    st.session_state.pop(BATCH, None)
    st.session_state["add_uploads_key"] = st.session_state.get("add_uploads_key", 0) + 1  # empty the uploader
    st.session_state["add_text"] = ""


def cancel_batch() -> None:
    st.session_state.pop(BATCH, None)


def show_results() -> None:
    """One line per input of the last save: added, already stored (with the stored title), or refused."""
    for result in st.session_state.get(RESULTS) or []:
        line = _escape(result.line())
        if result.status == "added":
            st.success(line, icon=":material/check_circle:")
        elif result.status == "stored":
            st.info(line, icon=":material/inventory_2:")
        else:
            st.error(line, icon=":material/block:")


def show_preview(item: ingest.Prepared) -> None:
    """What one input will give: its stories and figures, or why it will be refused."""
    if item.article is None:
        st.error(_escape(f"{item.name}: refused: {item.reason}"), icon=":material/block:")
        return
    stories, figures = ingest.preview_frames(item)
    st.markdown(f"**{_escape(item.name)}**: {counted(len(stories), 'story')}, {counted(len(figures), 'figure')}")
    st.dataframe(stories, hide_index=True, width="stretch")
    if len(figures):
        st.dataframe(figures, hide_index=True, width="stretch")


# --------------------------------------------------------------------------- the Sources page
def _remove(article_id: str, label: str) -> None:
    gone = store().remove(article_id)
    st.session_state.pop(REMOVE, None)
    st.session_state[REMOVED] = f"Removed {label}." if gone else f"{label} was already removed."


def article_controls(stories, story_id: str) -> None:
    """Under a story: a link to the original (http(s) only) and Remove, with a confirmation.
    ``stories`` is the corpus's stories table."""
    message = st.session_state.pop(REMOVED, None)
    if message:
        st.success(_escape(message), icon=":material/delete:")
    rows = stories[stories["story_id"] == story_id]
    if rows.empty or not isinstance(rows["article_id"].iloc[0], str):
        return
    article_id, source = rows["article_id"].iloc[0], rows["source"].iloc[0]
    url = rows["url"].iloc[0]
    n_stories = int((stories["article_id"] == article_id).sum())
    left, right = st.columns([1, 1])
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        left.link_button("Open the original article", url, icon=":material/open_in_new:")
    if st.session_state.get(REMOVE) != article_id:
        right.button("Remove this article…", key=f"remove_{article_id}", on_click=st.session_state.__setitem__, args=(REMOVE, article_id),
                     icon=":material/delete:")
        return
    label = f"“{source}”" + (f" ({n_stories} stories)" if n_stories > 1 else "")
    with st.container(border=True):
        st.warning(_escape(f"Remove {label} from the store? Its stories and figures leave every page. Nothing else is touched."))
        yes, no = st.columns(2)
        yes.button("Yes, remove it", key="remove_yes", type="primary", on_click=_remove, args=(article_id, label))
        no.button("Cancel", key="remove_no", on_click=st.session_state.pop, args=(REMOVE, None))


def upload_help() -> str:
    """The uploader's tooltip: the store's own size limit (the uploader's own, larger, is Streamlit's)."""
    return f"Up to {ingest.limit_text()} an article: a larger file is refused, with its reason."
