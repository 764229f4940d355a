"""Sources: every story as text with its figures highlighted in place, and all figures with quotes."""

import streamlit as st

from dashboard import ui

ui.ensure_app_navigation()

st.title("Sources")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    st.subheader("All figures with their quotes")
    st.dataframe(ui.view("figure_table"), hide_index=True, width="stretch")
    st.download_button("sources.csv", lambda: ui.view("sources_csv").to_csv(index=False), "sources.csv", "text/csv", on_click="ignore")

    st.subheader("Stories")
    options = ui.view("story_options")
    st.dataframe(options.drop(columns="story_id"), hide_index=True, width="stretch")
    story_id = st.selectbox("Story", options["story_id"], format_func=dict(zip(options["story_id"], options["label"], strict=False)).get, key="story")
    row = options.set_index("story_id").loc[story_id]
    st.caption(f"{row['source']} · {row['outlet'] or 'outlet not named in the text'}")
    with st.container(border=True):
        st.markdown(ui.highlighted_markdown(ui.view("story_segments", story_id)))
