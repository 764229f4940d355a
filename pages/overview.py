"""Overview: headline figures, counts, the latest engagements and a small partner map."""

import streamlit as st

from dashboard import ui, views

st.title("Pakistan Tech Cooperation Tracker")
st.caption("Pakistan's technology partnerships and digital-economy goals, from news articles. Every number links to its sentence.")
corpus, flt = ui.filtered()
if not ui.empty_state(corpus):
    counts = views.counts(corpus)
    cols = st.columns(3)
    for col, (label, value) in zip(cols, counts.items()):
        col.metric(
            f"{card.metric_label} {('· ' + card.partner_name) if card.partner_name else ''} ({card.kind})",
            card.label,
            help=f"“{card.quote}” — {card.when}",
            border=True,
        )
        col.caption(card.when)

    st.subheader("Latest engagements")
    st.dataframe(views.latest_engagements(corpus), hide_index=True, width="stretch")

    specs = views.page_specs(corpus, "overview")
    for spec in specs:
        ui.show_chart(spec)
    ui.zip_button(specs, corpus, "overview")
