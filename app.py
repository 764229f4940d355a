"""Pakistan Tech Cooperation Tracker: the Streamlit entry point (``streamlit run app.py``)."""

import streamlit as st

from dashboard import ui

page = ui.app_navigation()
st.session_state["_filter"] = ui.sidebar_filter(ui.corpus())
page.run()
