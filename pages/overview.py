"""Overview: headline figures, counts, the latest engagements and a small partner map."""

import streamlit as st

from dashboard import ui

ui.ensure_app_navigation()

st.title("Pakistan Tech Cooperation Tracker")
st.caption("Pakistan's technology partnerships and digital-economy goals, from news articles. Every number links to its sentence.")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    for col, (label, value) in zip(st.columns(3), ui.view("counts").items(), strict=True):
        col.metric(label.capitalize(), value)

    st.subheader("Headline figures")
    cards = ui.view("headline_figures")
    for col, card in zip(st.columns(3) * 2, cards.itertuples(), strict=False):
        col.metric(
            f"{card.metric_label}{' · ' + card.partner_name if card.partner_name else ''} ({card.kind})",
            card.label,
            help=f"“{card.quote}” — {card.when}",
            border=True,
        )
        col.caption(card.when)

    st.subheader("Latest engagements")
    st.dataframe(ui.table("latest_engagements"), hide_index=True, width="stretch")

    specs = ui.view("page_specs", "overview")
    for spec in specs:
        ui.show_chart(spec)
    ui.zip_button(specs, corpus, "overview")
