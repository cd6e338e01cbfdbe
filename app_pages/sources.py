"""Sources: every cited source; for reviewers, article upload and the review queue."""
import streamlit as st

from dashboard import i18n, ingest, ui
from dashboard.ingest import review
from dashboard.records import vocab
from dashboard.records.missing import is_missing, or_none

SOURCE_ROWS = 2000
view = ui.page_view()
lang = view.lang
store = ui.store()
data = ui.tables()
sources = data["sources"]

st.title(i18n.t("src.title", lang))
st.write(i18n.t("src.intro", lang))

# --- who may write -------------------------------------------------------------------------
reviewer = ui.reviewer_sign_in(lang)

# --- upload ----------------------------------------------------------------------------------
if reviewer and not store.warning:
    with st.expander(i18n.t("src.upload", lang), expanded=True):
        # A new key after each extraction: the old widget's files are dropped from memory.
        files = st.file_uploader(i18n.t("src.upload", lang), accept_multiple_files=True,
                                 type=[s.lstrip(".") for s in ingest.SUFFIXES],
                                 label_visibility="collapsed",
                                 key=f"upload-{st.session_state.get('upload_round', 0)}")
        with st.popover(i18n.t("src.meta", lang)):
            meta = {"title": st.text_input(i18n.t("src.meta_title", lang)),
                    "publisher": st.text_input(i18n.t("src.meta_publisher", lang)),
                    "published": st.text_input(i18n.t("src.meta_published", lang)),
                    "url": st.text_input(i18n.t("src.meta_url", lang)),
                    "language": st.selectbox(i18n.t("src.meta_language", lang), ["", *i18n.LANGS])}
        if st.button(i18n.t("src.ingest", lang), disabled=not files, type="primary"):
            overrides = {k: v for k, v in meta.items() if v}
            if not review.source_url_ok(overrides.get("url")):
                st.error(i18n.t("src.bad_url", lang))
                files = []
            if files:
                st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            for f in files:
                result = ingest.ingest_bytes(store, f.getvalue(), f.name, overrides)
                show = {"stored": st.success, "duplicate": st.info, "rejected": st.error}[result.status]
                show(i18n.t("src.result_stored", lang, name=ui.md(result.name),
                            message=ui.md(result.message)))

# --- review queue ------------------------------------------------------------------------------
CHOICES = {"country": vocab.COUNTRIES, "actor": vocab.ACTORS, "imposer": vocab.SANCTION_IMPOSERS,
           "event_type": vocab.EVENT_TYPES, "measure": vocab.SANCTION_MEASURES,
           "date_precision": vocab.DATE_PRECISIONS, "start_precision": vocab.DATE_PRECISIONS,
           "end_precision": vocab.DATE_PRECISIONS, "troops_kind": vocab.TROOPS_KINDS,
           "context": vocab.PRICE_CONTEXTS, "status": vocab.STATUSES,
           "reliability": vocab.SOURCE_GRADES}
NAMED = {"country": "country", "actor": "actor", "imposer": "actor", "event_type": "event_type",
         "measure": "measure"}
# Select boxes whose options are shown through i18n keys `<prefix>.<value>`.
LABELLED = {"reliability": "grade", "status": "status", "date_precision": "precision",
            "start_precision": "precision", "end_precision": "precision",
            "troops_kind": "troops_kind", "context": "context"}
QUEUE_SHOWN = 20


def labels(fields) -> str:
    return ", ".join(ui.md(i18n.t(f"field.{f}", lang)) for f in fields)


def field_widget(field: str, value, key: str, loc_ids: list[str]):
    """One review field, opened on the candidate's own value. A select box whose value the
    candidate did not carry starts empty: nothing is chosen for the reviewer."""
    label = i18n.t(f"field.{field}", lang)
    if field == "location_id":
        options = [review.COUNTRY_WIDE] + loc_ids
        return st.selectbox(label, options, index=options.index(value) if value in options else None,
                            key=key, placeholder=i18n.t("src.choose", lang),
                            format_func=lambda v: v or i18n.t("src.country_wide", lang))
    if field in CHOICES:
        options = list(CHOICES[field])
        prefix = LABELLED.get(field)
        fmt = ((lambda v: i18n.name(NAMED[field], v, lang)) if field in NAMED
               else (lambda v: i18n.t(f"{prefix}.{v}", lang)) if prefix else str)
        return st.selectbox(label, options, index=options.index(value) if value in options else None,
                            key=key, placeholder=i18n.t("src.choose", lang), format_func=fmt)
    text = "" if is_missing(value) else str(int(value) if isinstance(value, float) and value.is_integer()
                                             else value)
    # A cap for what is typed; never below what the article itself carried (a long address).
    return st.text_input(label, value=text, key=key,
                         max_chars=200 if field == "summary" else max(300, len(text)))


if reviewer:
    st.subheader(i18n.t("src.queue", lang))
    who = st.sidebar.text_input(i18n.t("src.reviewer_name", lang), key="reviewer_name",
                                help=i18n.t("src.reviewer_name_help", lang))
    queue = review.pending(store)
    if queue.empty:
        st.write(i18n.t("src.queue_empty", lang))
    loc_ids = list(data["locations"]["location_id"])
    shown = queue.head(QUEUE_SHOWN)
    proposed_all = review.proposals(store, shown)
    for cand in shown.to_dict("records"):
        cid = cand["candidate_id"]
        kind = review.kind(cand["event_type"])
        proposed = proposed_all[cid]
        with st.form(f"cand-{cid}"):
            st.markdown(f"**{ui.md(cand['title'])}** · {ui.md(cand['publisher'])} · "
                        f"{i18n.t('src.confidence', lang)} {cand['confidence']:.2f} · "
                        f"{i18n.t(f'src.kind_{kind}', lang)}")
            text = store.query("SELECT text FROM articles WHERE article_id = ?",
                               [cand["article_id"]])["text"].iloc[0]
            st.markdown(f"> {ui.md(text[int(cand['evidence_start']):int(cand['evidence_end'])])}")
            twins = review.similar(store, proposed)
            if not twins.empty:
                st.warning(i18n.t("src.similar", lang, ids=", ".join(ui.md(e) for e in twins["event_id"])))
            todo = review.missing_fields(kind, proposed, proposed["reliability"] is not None)
            if todo:
                st.caption(i18n.t("src.to_fill", lang, fields=labels(todo)))
            names = [f for f in review.fields(kind)
                     if f not in review.SOURCE_FIELDS or proposed["reliability"] is None]
            chosen, cols = {}, st.columns(4)
            for i, field in enumerate(names):
                with cols[i % 4]:
                    chosen[field] = field_widget(field, proposed.get(field), f"{cid}-{field}", loc_ids)
            b1, b2 = st.columns(2)
            accept = b1.form_submit_button(i18n.t("src.accept", lang), type="primary")
            reject = b2.form_submit_button(i18n.t("src.reject", lang))
        try:
            if accept:
                done = review.accept(store, cid, {f: or_none(v) if f != "location_id" else v
                                                  for f, v in chosen.items()}, who)
                st.success(i18n.t("src.accepted", lang, event_id=ui.md(done.record_id),
                                  table=i18n.t(f"what.{done.table}", lang)))
            elif reject:
                review.reject(store, cid, who)
                st.info(i18n.t("src.rejected", lang))
        except review.ReviewError as err:
            st.error(i18n.t("src.invalid_missing", lang, fields=labels(err.missing)) if err.missing
                     else i18n.t("src.invalid", lang, why=ui.md(err)))

    taken = review.accepted(store)
    if not taken.empty:
        with st.form("withdraw"):
            st.markdown(f"**{i18n.t('src.withdraw', lang)}**")
            record = st.selectbox(i18n.t("src.withdraw_pick", lang), list(taken["record_id"]),
                                  index=None, placeholder=i18n.t("src.choose", lang))
            reason = st.text_input(i18n.t("log.reason", lang), max_chars=300)
            if st.form_submit_button(i18n.t("src.withdraw_button", lang)):
                try:
                    table = review.withdraw(store, record or "", who, reason)
                    st.info(i18n.t("src.withdrawn", lang, record=ui.md(record),
                                   table=i18n.t(f"what.{table}", lang)))
                except review.ReviewError as err:
                    st.error(i18n.t("src.invalid", lang, why=ui.md(err)))

    st.subheader(i18n.t("src.log", lang))
    decisions = review.log(store)
    if decisions.empty:
        st.write(i18n.t("src.log_empty", lang))
    else:
        st.dataframe(decisions, hide_index=True, width="stretch",
                     column_config={c: i18n.t(f"log.{c}", lang) for c in decisions.columns})

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
    st.markdown(f"**{ui.md(art['title'])}** · {ui.md(art['publisher'])}")
    # As HTML, every character escaped: markdown would turn addresses in the text into links.
    st.html(ui.marked_text(str(art["text"]), zip(spans["evidence_start"], spans["evidence_end"])))

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
shown = shown.assign(reliability=[i18n.t(f"grade.{g}", lang) if g in vocab.SOURCE_GRADES
                                  else i18n.t("source.ungraded", lang)
                                  for g in shown.get("reliability", [None] * len(shown))])
st.dataframe(
    shown[["published", "publisher", "title", "reliability", "url", "language"]], hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn(i18n.t("col.url", lang)),
                   "reliability": i18n.t("col.reliability", lang),
                   "published": i18n.t("col.published", lang),
                   "publisher": i18n.t("col.publisher", lang), "title": i18n.t("col.title", lang),
                   "language": i18n.t("col.language", lang)})
