"""Partners: a world map of partner countries; blocs, organisations and companies below it."""

import streamlit as st

from dashboard import ui, views

ui.ensure_app_navigation()

st.title("Partners")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    show_blocs = st.toggle("Draw blocs through their member countries", value=True, key="blocs")
    spec = ui.view(views.map_spec, show_blocs)
    if ui.show_chart(spec, clickable_map=True):
        st.caption("Click a country to filter the whole app by it.")
    others = ui.table(views.non_territorial)
    if others.num_rows:
        st.subheader("Without territory")
        st.caption("Blocs, organisations and companies named as partners" + ("" if show_blocs else " (blocs are not drawn on the map)") + ".")
        st.dataframe(others, hide_index=True, width="stretch")
    ui.zip_button([spec], corpus, "partners")
