"""The page's document language: `<html lang>` follows the language the reader chose.

Streamlit's index.html says `lang="en"` and nothing in Streamlit changes it, so a French page
would be read by screen readers (and offered for translation by browsers) as English. Under the
server's Content-Security-Policy no inline script runs (dashboard.ui.serve), so the attribute is
set by a tiny custom component: its index.html and doclang.js are served from this origin
(/component/...), its iframe is same-origin, and on each render it writes the language it is
given to the parent document's root element. It draws nothing, is 0 px high and its block is
hidden (no gap in the layout); it sends nothing over the network.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from dashboard import i18n

KEY = "_doclang"
FOLDER = Path(__file__).resolve().parent / "doclang_component"
# The block of the component, its iframe included, takes no place in the page; the iframe
# still loads and runs while hidden. Style-only st.html goes to Streamlit's hidden event
# container, so the rule itself takes no place either.
_HIDE = f"<style>.st-key-{KEY} {{ display: none !important; }}</style>"


def set_document_language(lang: str) -> None:
    """Make `lang` (one of i18n.LANGS; anything else reads as English) the language of the
    page's document, on this run and after every switch without a reload."""
    lang = lang if lang in i18n.LANGS else "en"
    st.html(_HIDE)
    # Keyed: one iframe that stays across reruns and page switches and is sent each new
    # language; height=0 also keeps Streamlit's loading skeleton away.
    _component()(lang=lang, height=0, key=KEY, default=None)


@functools.cache
def _component():
    """Declared on first use, inside a running app: declared at import, it would register with
    no runtime when the launcher imports dashboard.ui before the server starts (its files 404)."""
    return components.declare_component("doclang", path=str(FOLDER))
