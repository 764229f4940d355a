"""Overview: headline figures, counts, the latest engagements and a small partner map."""

import streamlit as st

from dashboard import ui, views

ui.ensure_app_navigation()

st.title("Pakistan Tech Cooperation Tracker")
st.caption("Pakistan's technology partnerships and digital-economy goals, from news articles. Every number links to its sentence.")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    for col, (label, value) in zip(st.columns(3), ui.view(views.counts).items(), strict=True):
        col.metric(label.capitalize(), value)
    for col, (label, value, about) in zip(st.columns(3), ui.review_metrics(), strict=False):
        col.metric(ui.md(label), value, help=ui.md(about))

    cards = ui.view(views.headline_figures)
    if len(cards):
        st.subheader("Headline figures")
        for col, card in zip(st.columns(3) * 2, cards.itertuples(), strict=False):
            col.metric(
                ui.md(f"{card.metric_label} · {card.partner_name} ({card.kind})"),
                card.label,
                help=ui.md(f"“{card.quote}” — {card.when} · {card.review_text}"),
                border=True,
            )
            col.caption(ui.md(card.when))

    st.subheader("Latest engagements")
    st.dataframe(ui.table(views.latest_engagements), hide_index=True, width="stretch")
    if note := ui.view(views.latest_caption):
        st.caption(ui.md(note))

    specs = ui.view(views.page_specs, "overview")
    for spec in specs:
        ui.show_chart(spec)
    ui.zip_button(specs, corpus, "overview")
