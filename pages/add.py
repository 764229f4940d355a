"""Add articles: upload files or paste text, see what will be extracted, then save or cancel."""

from datetime import date

import streamlit as st

from dashboard import store_ui, ui

ui.ensure_app_navigation()

st.title("Add articles")
st.caption("Saved news pages (.html), text (.txt) or Markdown (.md) files, several at once, or pasted text. "
           "Nothing is stored until you save; the same article is stored once.")


@st.fragment
def add_articles() -> None:
    """The batch: inputs, preview, save or cancel. A fragment: its buttons rerun only it, so the saved
    line shows as soon as the articles are stored; the rest of the app reads them at its next rerun."""
    st.file_uploader("Article files", type=["txt", "md", "html", "htm"], accept_multiple_files=True,
                     key=store_ui.uploads_key(), help=store_ui.upload_help())
    st.text_area("…or paste an article", key="add_text", height=180, placeholder="Title on the first line, then the article text")
    with st.expander("Details (optional; they apply to every article of this batch)"):
        left, right = st.columns(2)
        left.text_input("URL (http or https)", key="add_url")
        right.text_input("Outlet", key="add_outlet")
        left.text_input("Title", key="add_title")
        right.date_input("Publication date", value=None, min_value=date(1947, 1, 1), max_value=date(2100, 12, 31), key="add_date", format="YYYY-MM-DD")
    st.button("Preview", type="primary", icon=":material/preview:", key="add_preview", on_click=store_ui.prepare_batch)

    store_ui.show_results()
    batch = store_ui.batch()
    if batch:
        st.subheader("What will be stored")
        for item in batch:
            store_ui.show_preview(item)
        save, cancel = st.columns(2)
        save.button("Save", type="primary", icon=":material/save:", key="add_save", on_click=store_ui.save_batch,
                    disabled=not any(item.article for item in batch))
        cancel.button("Cancel", icon=":material/close:", key="add_cancel", on_click=store_ui.cancel_batch)


add_articles()
