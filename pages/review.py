"""Review: confirm, correct or reject extracted figures, most doubtful first; resolve conflicting
reports; set a story's date and partners. Every decision is kept in the store with who and when."""

import streamlit as st

from dashboard import review_ui, ui

ui.ensure_app_navigation()

st.title("Review")
st.caption("Check what was read from the articles: conflicting reports first, then one figure at a time, the most doubtful first. "
           "The partner filter in the sidebar applies here; unreviewed figures are always listed.")
who = review_ui.reviewer()
corpus = review_ui.reviewable()
review_ui.summary_line(corpus)
review_ui.session_undo()
review_ui.conflicts_section(corpus, who)

st.subheader("Figures to review")
status, metric, kind = review_ui.queue_filters(corpus)
queue = review_ui.queue(corpus, status, metric, kind)
in_focus = review_ui.focus(corpus, queue, who)
review_ui.story_section(corpus, in_focus, who)
review_ui.queue_table(corpus, queue, None if in_focus is None else in_focus["figure_id"])
review_ui.stale_section(corpus)
