"""The Sources page's reviewer tools: article upload, the review queue's forms, withdrawal and
the review log. Every decision goes through dashboard.ingest.review; nothing is chosen for the
reviewer (a select box the candidate left empty starts empty)."""

from __future__ import annotations

import streamlit as st

from dashboard import config, i18n, ingest
from dashboard.ingest import articles, assignments, review
from dashboard.ingest.extract.evaluate import BLIND_TEST
from dashboard.records import vocab
from dashboard.records.missing import is_missing, or_none
from dashboard.store import Store
from dashboard.ui import cache, cached, marked_text, md
from dashboard.views import sources as sources_view

CHOICES = {
    "country": vocab.COUNTRIES,
    "actor": vocab.ACTORS,
    "imposer": vocab.SANCTION_IMPOSERS,
    "event_type": vocab.EVENT_TYPES,
    "measure": vocab.SANCTION_MEASURES,
    "date_precision": vocab.DATE_PRECISIONS,
    "start_precision": vocab.DATE_PRECISIONS,
    "end_precision": vocab.DATE_PRECISIONS,
    "troops_kind": vocab.TROOPS_KINDS,
    "context": vocab.PRICE_CONTEXTS,
    "status": vocab.STATUSES,
    "reliability": vocab.SOURCE_GRADES,
}
NAMED = {
    "country": "country",
    "actor": "actor",
    "imposer": "actor",
    "event_type": "event_type",
    "measure": "measure",
}
# Select boxes whose options are shown through i18n keys `<prefix>.<value>`.
LABELLED = {
    "reliability": "grade",
    "status": "status",
    "date_precision": "precision",
    "start_precision": "precision",
    "end_precision": "precision",
    "troops_kind": "troops_kind",
    "context": "context",
}
QUEUE_SHOWN = 20


def labels(fields, lang: str) -> str:
    return ", ".join(md(i18n.t(f"field.{f}", lang)) for f in fields)


def upload(store: Store, lang: str) -> None:
    """Article files (and optional metadata) to candidates, a result line per file."""
    with st.expander(i18n.t("src.upload", lang), expanded=True):
        # A new key after each extraction: the old widget's files are dropped from memory.
        files = st.file_uploader(
            i18n.t("src.upload", lang),
            accept_multiple_files=True,
            type=[s.lstrip(".") for s in config.UPLOAD_TYPES],
            label_visibility="collapsed",
            key=f"upload-{st.session_state.get('upload_round', 0)}",
        )
        with st.popover(i18n.t("src.meta", lang)):
            meta = {
                "title": st.text_input(i18n.t("src.meta_title", lang)),
                "publisher": st.text_input(i18n.t("src.meta_publisher", lang)),
                "published": st.text_input(i18n.t("src.meta_published", lang)),
                "url": st.text_input(i18n.t("src.meta_url", lang)),
                "language": st.selectbox(i18n.t("src.meta_language", lang), ["", *i18n.LANGS]),
            }
        if not st.button(i18n.t("src.ingest", lang), disabled=not files, type="primary"):
            return
        overrides = {k: v for k, v in meta.items() if v}
        if not review.source_url_ok(overrides.get("url")):
            st.error(i18n.t("src.bad_url", lang))
            return
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        for f in files:
            result = ingest.ingest_bytes(store, f.getvalue(), f.name, overrides)
            show = {"stored": st.success, "duplicate": st.info, "rejected": st.error}[result.status]
            show(i18n.t("src.result_stored", lang, name=md(result.name), message=md(result.text(lang))))


def _options(field: str, loc_ids: list[str], lang: str):
    """A select box's options and how each is shown in the page's language."""
    if field == "location_id":
        return [review.COUNTRY_WIDE, *loc_ids], lambda v: v or i18n.t("src.country_wide", lang)
    if field in NAMED:
        return list(CHOICES[field]), lambda v: i18n.name(NAMED[field], v, lang)
    if field in LABELLED:
        return list(CHOICES[field]), lambda v: i18n.t(f"{LABELLED[field]}.{v}", lang)
    return list(CHOICES[field]), str


def _field(field: str, value, key: str, loc_ids: list[str], lang: str):
    """One review field, opened on the candidate's own value."""
    label = i18n.t(f"field.{field}", lang)
    if field == "location_id" or field in CHOICES:
        options, fmt = _options(field, loc_ids, lang)
        # A value the candidate did not carry leaves the box empty: nothing is chosen for the reviewer.
        index = options.index(value) if value in options else None
        return st.selectbox(
            label, options, index=index, key=key, placeholder=i18n.t("src.choose", lang), format_func=fmt
        )
    text = (
        ""
        if is_missing(value)
        else str(int(value) if isinstance(value, float) and value.is_integer() else value)
    )
    # A cap for what is typed; never below what the article itself carried (a long address).
    return st.text_input(
        label, value=text, key=key, max_chars=200 if field == "summary" else max(300, len(text))
    )


def queue(store: Store, loc_ids: list[str], who: str, lang: str) -> None:
    """About QUEUE_SHOWN candidates, each a form opened on its own values: those of the stories
    this reviewer holds, so that two reviewers never get the same card."""
    st.subheader(i18n.t("src.queue", lang))
    st.caption(_reliability(lang))
    pending = review.queue(store)  # one card per story: its lead article's candidates
    if who.strip():
        shown = assignments.cards(store, pending, who.strip(), QUEUE_SHOWN)
    else:  # nobody to hold them for (a name is needed to accept or reject anyway)
        shown = pending.head(QUEUE_SHOWN)
        if not pending.empty:
            st.caption(i18n.t("src.name_to_hold", lang))
    sent = st.session_state.pop(SENT, None)
    if sent is not None and sent not in set(shown["candidate_id"]):  # its form is gone: say why
        _reviewed_meanwhile(store, sent, lang)
    if shown.empty:
        st.write(i18n.t("src.queue_empty", lang))
    _watch(who.strip(), tuple(sorted(set(shown["story_id"]))), lang)
    proposed_all = review.proposals(store, shown)
    text_of = articles.texts(store, shown["article_id"])
    for cand in shown.to_dict("records"):
        _candidate(
            store, cand, proposed_all[cand["candidate_id"]], text_of[cand["article_id"]], loc_ids, who, lang
        )


def _reliability(lang: str) -> str:
    """How far the extractor's candidates can be trusted, as measured once on the blind test."""
    m = BLIND_TEST
    pct = {
        f"{word}_{of}": i18n.fmt_percent(round(m[of][field] * 100), lang, places=0)
        for word, field in (("found", "recall"), ("right", "precision"))
        for of in ("en", "fr")
    }
    return i18n.t(
        "src.queue_reliability", lang, n=m["articles"], date=i18n.fmt_date(m["date"], "day", lang), **pct
    )


SENT = "_review_sent"  # the candidate whose form was just sent


def _reviewed_meanwhile(store: Store, cid: str, lang: str) -> None:
    st.warning(
        i18n.t("src.reviewed_meanwhile", lang, id=md(cid), who=md(review.decided_by(store, cid) or "?"))
    )


def _sent(cid: str) -> None:
    """Runs before the page does: a form sent for a card that another session took meanwhile
    is no longer drawn, so its answer would otherwise vanish without a word."""
    st.session_state[SENT] = cid


@st.fragment(run_every=config.QUEUE_POLL_SECONDS)
def _watch(who: str, shown: tuple[str, ...], lang: str) -> None:
    """Stories that arrived since the queue was drawn (an upload elsewhere, a command, another
    replica): an empty queue is drawn again at once; a reviewer with cards open is told how
    many more wait, and nothing they are typing is lost."""
    store = cache.store()
    waiting = set(review.queue(store)["story_id"]) - set(shown)
    busy = assignments.held_by_others(store, who) & waiting if who else set()
    waiting -= busy
    if waiting and not shown:
        st.rerun(scope="app")
    if waiting:
        st.caption(i18n.t("src.more_waiting", lang, n=len(waiting)))
    if busy:
        st.caption(i18n.t("src.held_by_others", lang, n=len(busy), m=config.CLAIM_MINUTES))


def _candidate(store: Store, cand: dict, proposed: dict, text: str, loc_ids, who: str, lang: str):
    cid = cand["candidate_id"]
    kind = review.kind(cand["event_type"])
    with st.form(f"cand-{cid}"):
        st.markdown(
            f"**{md(cand['title'])}** · {md(cand['publisher'])} · "
            f"{i18n.t('src.confidence', lang)} {cand['confidence']:.2f} · "
            f"{i18n.t(f'src.kind_{kind}', lang)}"
        )
        st.markdown(f"> {md(text[int(cand['evidence_start']) : int(cand['evidence_end'])])}")
        if not is_missing(cand.get("admin1_name")):
            st.caption(f"{i18n.t('col.admin1_name', lang)}: {md(cand['admin1_name'])}")
        if cand.get("also"):
            st.caption(i18n.t("feeds.also", lang, names=", ".join(md(n) for n in cand["also"])))
        twins = review.similar(store, proposed)
        if not twins.empty:
            st.warning(i18n.t("src.similar", lang, ids=", ".join(md(e) for e in twins["event_id"])))
        todo = review.missing_fields(kind, proposed, proposed["reliability"] is not None)
        if todo:
            st.caption(i18n.t("src.to_fill", lang, fields=labels(todo, lang)))
        names = [
            f for f in review.fields(kind) if f not in review.SOURCE_FIELDS or proposed["reliability"] is None
        ]
        chosen, cols = {}, st.columns(4)
        for i, field in enumerate(names):
            with cols[i % 4]:
                chosen[field] = _field(field, proposed.get(field), f"{cid}-{field}@{lang}", loc_ids, lang)
        b1, b2 = st.columns(2)
        accept = b1.form_submit_button(
            i18n.t("src.accept", lang), type="primary", on_click=_sent, args=(cid,)
        )
        reject = b2.form_submit_button(i18n.t("src.reject", lang), on_click=_sent, args=(cid,))
    try:
        if accept:
            done = review.accept(
                store, cid, {f: or_none(v) if f != "location_id" else v for f, v in chosen.items()}, who
            )
            st.success(
                i18n.t(
                    "src.accepted",
                    lang,
                    event_id=md(done.record_id),
                    table=i18n.t(f"what.{done.table}", lang),
                )
            )
        elif reject:
            review.reject(store, cid, who)
            st.info(i18n.t("src.rejected", lang))
    except review.AlreadyReviewed:  # another window or replica was first: its form is stale
        _reviewed_meanwhile(store, cid, lang)
    except review.ReviewError as err:
        st.error(
            i18n.t("src.invalid_missing", lang, fields=labels(err.missing, lang))
            if err.missing
            else i18n.t("src.invalid", lang, why=md(err))
        )


def withdrawal(store: Store, who: str, lang: str) -> None:
    taken = review.accepted(store)
    if taken.empty:
        return
    with st.form("withdraw"):
        st.markdown(f"**{i18n.t('src.withdraw', lang)}**")
        record = st.selectbox(
            i18n.t("src.withdraw_pick", lang),
            list(taken["record_id"]),
            index=None,
            placeholder=i18n.t("src.choose", lang),
        )
        reason = st.text_input(i18n.t("log.reason", lang), max_chars=300)
        if st.form_submit_button(i18n.t("src.withdraw_button", lang)):
            try:
                table = review.withdraw(store, record or "", who, reason)
                st.info(i18n.t("src.withdrawn", lang, record=md(record), table=i18n.t(f"what.{table}", lang)))
            except review.ReviewError as err:
                st.error(i18n.t("src.invalid", lang, why=md(err)))


def decisions(store: Store, lang: str) -> None:
    st.subheader(i18n.t("src.log", lang))
    logged = review.log(store)
    if logged.empty:
        st.write(i18n.t("src.log_empty", lang))
    else:
        st.dataframe(
            logged,
            hide_index=True,
            width="stretch",
            column_config={c: i18n.t(f"log.{c}", lang) for c in logged.columns},
        )


def stored_articles(store: Store, lang: str) -> None:
    """Every stored article, the chosen one shown with its evidence highlighted; before any
    upload, the bundled sample briefs, so that a read-only visitor has something to read."""
    listed = articles.stored(store)
    if listed.empty:
        return _samples(lang)
    st.subheader(i18n.t("src.articles", lang))
    by_id = listed.set_index("article_id")
    titles = by_id["title"].to_dict()
    choice = st.selectbox(
        i18n.t("src.article_pick", lang), list(listed["article_id"]), format_func=lambda a: titles.get(a) or a
    )
    art = by_id.loc[choice]
    st.markdown(f"**{md(art['title'])}** · {md(art['publisher'])}")
    # As HTML, every character escaped: markdown would turn addresses in the text into links.
    st.html(marked_text(str(art["text"]), articles.evidence_spans(store, choice)))


def _samples(lang: str) -> None:
    files = sources_view.sample_files()
    if not files:
        return
    st.subheader(i18n.t("src.samples", lang))
    st.caption(i18n.t("src.samples_note", lang))
    name = st.selectbox(i18n.t("src.article_pick", lang), [p.name for p in files], key="sample_pick")
    brief = cached(_sample, name)
    if brief is not None:
        st.markdown(f"**{md(brief.title)}** · {md(brief.publisher)}")
        st.html(marked_text(brief.text, brief.spans))


def _sample(data, name: str):  # reads files, not the store: `data` is unused
    return sources_view.sample(name)
