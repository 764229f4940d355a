"""Timeline: engagements over time by partner, coloured by theme, with the figures announced."""

import streamlit as st

from dashboard import ui, views

ui.ensure_app_navigation()

st.title("Timeline")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    spec = ui.view(views.timeline_spec)
    ui.show_chart(spec)
    undated = ui.table(views.undated)
    if undated.num_rows:
        st.subheader("Undated stories")
        st.caption("These stories give no date in their text; they are listed here rather than placed on a made-up date.")
        st.dataframe(undated, hide_index=True, width="stretch")
    ui.zip_button([spec], corpus, "timeline")
