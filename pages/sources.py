"""Sources: every cited source; for reviewers, article upload and the review queue."""
import pandas as pd
import streamlit as st

from dashboard import auth, i18n, ingest, ui, vocab

SOURCE_ROWS = 2000
view = ui.page_view()
lang = view.lang
store = ui.store()
data = ui.tables()
sources = data["sources"]

st.title(i18n.t("src.title", lang))
st.write(i18n.t("src.intro", lang))

# --- who may write -------------------------------------------------------------------------
expected = auth.configured_token(st.secrets)
reviewer = False
if expected is None:
    st.caption(i18n.t("src.read_only", lang))
else:
    given = st.sidebar.text_input(i18n.t("src.token", lang), type="password",
                                  help=i18n.t("src.token_help", lang), key="reviewer_token")
    reviewer = auth.is_reviewer(given, expected)
    if given and not reviewer:
        st.sidebar.error(i18n.t("src.token_wrong", lang))

# --- upload ----------------------------------------------------------------------------------
if reviewer and not store.warning:
    with st.expander(i18n.t("src.upload", lang), expanded=True):
        files = st.file_uploader(i18n.t("src.upload", lang), accept_multiple_files=True,
                                 type=["txt", "md", "html", "htm"], label_visibility="collapsed")
        with st.popover(i18n.t("src.meta", lang)):
            meta = {"title": st.text_input(i18n.t("src.meta_title", lang)),
                    "publisher": st.text_input(i18n.t("src.meta_publisher", lang)),
                    "published": st.text_input(i18n.t("src.meta_published", lang)),
                    "url": st.text_input(i18n.t("src.meta_url", lang)),
                    "language": st.selectbox(i18n.t("src.meta_language", lang), ["", "en", "fr"])}
        if st.button(i18n.t("src.ingest", lang), disabled=not files, type="primary"):
            overrides = {k: v for k, v in meta.items() if v}
            for f in files:
                result = ingest.ingest_bytes(store, f.getvalue(), f.name, overrides)
                show = {"stored": st.success, "duplicate": st.info, "rejected": st.error}[result.status]
                show(i18n.t("src.result_stored", lang, name=ui.md(result.name),
                            message=ui.md(result.message)))

def pick(label, options, value, fmt=str):
    """A select box opened on the extractor's value when it is one of the options."""
    return st.selectbox(label, options, index=options.index(value) if value in options else 0,
                        format_func=fmt)


# --- review queue ------------------------------------------------------------------------------
if reviewer:
    st.subheader(i18n.t("src.queue", lang))
    queue = ingest.pending(store)
    if queue.empty:
        st.write(i18n.t("src.queue_empty", lang))
    locations = data["locations"]
    loc_ids = [""] + list(locations["location_id"])
    for cand in queue.head(20).itertuples():
        with st.form(f"cand-{cand.candidate_id}"):
            st.markdown(f"**{ui.md(cand.title)}** · {ui.md(cand.publisher)} · "
                        f"{i18n.t('src.confidence', lang)} {cand.confidence:.2f}")
            text = store.query("SELECT text FROM articles WHERE article_id = ?",
                               [cand.article_id])["text"].iloc[0]
            st.markdown(f"> {ui.md(text[int(cand.evidence_start):int(cand.evidence_end)])}")
            c1, c2, c3, c4 = st.columns(4)
            with c1:
                country = pick(i18n.t("col.country", lang), list(vocab.COUNTRIES), cand.country,
                               lambda c: i18n.name("country", c, lang))
                actor = pick(i18n.t("col.actor", lang), list(vocab.ACTORS), cand.actor,
                             lambda a: i18n.name("actor", a, lang))
            with c2:
                force = st.text_input(i18n.t("col.force", lang), value=cand.force or cand.actor or "")
                event_type = pick(i18n.t("col.event_type", lang), list(vocab.EVENT_TYPES),
                                  cand.event_type, lambda e: i18n.name("event_type", e, lang))
            with c3:
                date = st.text_input(i18n.t("col.date", lang), value=cand.date or "")
                precision = pick(i18n.t("col.precision", lang), list(vocab.DATE_PRECISIONS),
                                 cand.date_precision)
            with c4:
                troops = st.text_input(i18n.t("col.troops", lang),
                                       value="" if pd.isna(cand.troops) else str(int(cand.troops)))
                location = pick(i18n.t("col.location", lang), loc_ids, cand.location or "")
            summary = st.text_input(i18n.t("col.summary", lang), max_chars=200,
                                    placeholder=i18n.t("src.summary_hint", lang))
            b1, b2 = st.columns(2)
            accept = b1.form_submit_button(i18n.t("src.accept", lang), type="primary")
            reject = b2.form_submit_button(i18n.t("src.reject", lang))
        if accept:
            edits = {"country": country, "actor": actor, "force": force, "event_type": event_type,
                     "date": date or None, "date_precision": precision,
                     "troops": int(troops) if troops.strip().isdigit() else None,
                     "location": location or None, "summary": summary.strip() or None}
            try:
                event_id = ingest.accept(store, cand.candidate_id, edits)
                st.success(i18n.t("src.accepted", lang, event_id=ui.md(event_id)))
            except ValueError as err:
                st.error(i18n.t("src.invalid", lang, why=ui.md(err)))
        elif reject:
            ingest.reject(store, cand.candidate_id)
            st.info(i18n.t("src.rejected", lang))

# --- stored articles, evidence highlighted --------------------------------------------------
articles = store.query("SELECT article_id, title, publisher, published, text FROM articles "
                       "ORDER BY ingested_at DESC")
if not articles.empty:
    st.subheader(i18n.t("src.articles", lang))
    by_id = articles.set_index("article_id")
    titles = by_id["title"].to_dict()
    choice = st.selectbox(i18n.t("src.article_pick", lang), list(articles["article_id"]),
                          format_func=lambda a: titles.get(a) or a)
    art = by_id.loc[choice]
    spans = store.query("SELECT DISTINCT evidence_start, evidence_end FROM candidates "
                        "WHERE article_id = ? ORDER BY 1", [choice])
    text, out, pos = str(art["text"]), [], 0
    for s, e in zip(spans["evidence_start"], spans["evidence_end"]):
        if s < pos:
            continue
        out += [ui.md(text[pos:s]), f":orange-background[{ui.md(text[s:e])}]"]
        pos = e
    out.append(ui.md(text[pos:]))
    st.markdown(f"**{ui.md(art['title'])}** · {ui.md(art['publisher'])}")
    st.markdown("".join(out).replace("\n", "  \n"))

# --- every source --------------------------------------------------------------------------
st.subheader(i18n.t("src.count", lang, n=len(sources)))
needle = st.text_input(i18n.t("src.search", lang), value=view.text)
shown = sources
if needle:
    hay = (sources["publisher"].fillna("") + " " + sources["title"].fillna("")).str.casefold()
    shown = sources[hay.str.contains(needle.casefold(), regex=False)]
if len(shown) > SOURCE_ROWS:  # a large archive: the newest here, the search finds the rest
    st.caption(i18n.t("src.cut", lang, n=SOURCE_ROWS, total=len(shown)))
    shown = shown.sort_values("published", ascending=False, kind="stable").head(SOURCE_ROWS)
st.dataframe(
    shown[["published", "publisher", "title", "url", "language"]], hide_index=True, width="stretch",
    column_config={"url": st.column_config.LinkColumn(i18n.t("col.url", lang)),
                   "published": i18n.t("col.published", lang),
                   "publisher": i18n.t("col.publisher", lang), "title": i18n.t("col.title", lang),
                   "language": i18n.t("col.language", lang)})
