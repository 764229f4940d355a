"""Partners: a world map of partner countries; organisations and companies beside it."""

import streamlit as st

from dashboard import ui

ui.ensure_app_navigation()

st.title("Partners")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    show_blocs = st.toggle("Draw blocs through their member countries", value=True, key="blocs")
    left, right = st.columns([3, 1])
    with left:
        spec = ui.view("map_spec", show_blocs)
        ui.show_chart(spec, clickable_map=True)
        st.caption("Click a country to filter the whole app by it.")
    with right:
        st.subheader("Without territory")
        others = ui.table("non_territorial")
        if others.num_rows == 0:
            st.caption("No bloc, organisation or company for this filter.")
        else:
            st.dataframe(others, hide_index=True, width="stretch")
    ui.zip_button([spec], corpus, "partners")
