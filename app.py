"""Pakistan Tech Cooperation Tracker: the Streamlit entry point (``streamlit run app.py``)."""

import streamlit as st

from dashboard import ui

st.set_page_config(page_title="Pakistan Tech Cooperation Tracker", page_icon="🤝", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("pages/targets.py", title="Targets", icon=":material/flag:", url_path="targets"),
    st.Page("pages/partners.py", title="Partners", icon=":material/public:", url_path="partners"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/sources.py", title="Sources", icon=":material/article:", url_path="sources"),
    st.Page("pages/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    st.Page("pages/add.py", title="Add articles", icon=":material/note_add:", url_path="add"),
]
page = st.navigation(pages)
st.session_state["_filter"] = ui.sidebar_filter(ui.corpus())
page.run()
