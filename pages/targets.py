"""Targets: target-versus-current bars, implied growth, scale context and the path to each target."""

import streamlit as st

from dashboard import ui

ui.ensure_app_navigation()

st.title("Targets")
st.caption("Each target against the latest reported value of the same metric and partner. Nothing is invented to fill a bar.")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    bars, paths, _ = ui.view("target_specs")
    ui.show_chart(bars)
    ui.show_chart(paths)
    ui.zip_button([bars, paths], corpus, "targets")
