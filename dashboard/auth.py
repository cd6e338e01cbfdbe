"""The reviewer credential: ingest and review are offered only to whoever presents it."""
from __future__ import annotations

import hmac
import os


def configured_token(secrets=None) -> str | None:
    """SAHEL_REVIEWER_TOKEN, else the Streamlit secret `reviewer_token`; None when neither is set."""
    token = os.environ.get("SAHEL_REVIEWER_TOKEN")
    if not token and secrets is not None:
        try:
            token = secrets.get("reviewer_token")
        except Exception:  # no secrets file at all: read-only
            token = None
    return token or None


def is_reviewer(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so response time says nothing about how close a guess was."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
