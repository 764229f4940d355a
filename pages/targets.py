"""Targets: target-versus-current bars, implied growth, scale context and the path to each target;
under a partner filter, the stories' Pakistan-wide targets apart, for context."""

import streamlit as st

from dashboard import ui, views

ui.ensure_app_navigation()

st.title("Targets")
st.caption("Each target against the latest reported value of the same metric and partner. Nothing is invented to fill a bar.")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    specs = ui.view(views.page_specs, "targets")
    for spec in specs:
        ui.show_chart(spec)
    ui.zip_button(specs, corpus, "targets")
