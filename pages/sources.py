"""Sources: every story as text with its figures highlighted in place, and all figures with quotes."""

import streamlit as st

from dashboard import export, store_ui, ui, views

ui.ensure_app_navigation()

st.title("Sources")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    st.subheader("All figures with their quotes")
    figures = ui.table(views.figure_table)
    if figures.num_rows:
        st.dataframe(figures, hide_index=True, width="stretch")
        sources = ui.view(views.sources_csv)
        st.download_button("sources.csv", lambda: export.frame_csv(sources), "sources.csv", "text/csv", on_click="ignore")
    else:
        st.caption("No figure counts for this filter.")
    context = ui.table(views.figure_table, True)
    if context.num_rows:
        st.subheader("Pakistan-wide, for context")
        st.caption("Figures with no partner of their own from the stories above: shown for context, not counted for the selected partner.")
        st.dataframe(context, hide_index=True, width="stretch")

    st.subheader("Stories")
    st.dataframe(ui.table(views.story_table), hide_index=True, width="stretch")
    labels = ui.view(views.story_labels)
    story_id = st.selectbox("Story", list(labels), format_func=labels.get, key="story")
    if story_id:
        st.caption(ui.md(ui.view(views.story_caption, story_id)))
        store_ui.article_controls(corpus.stories, story_id)
        with st.container(border=True):
            st.markdown(ui.highlighted_markdown(ui.view(views.story_segments, story_id)))
