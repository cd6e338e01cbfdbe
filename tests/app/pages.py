"""Opening one page of the app in AppTest, with URL parameters, as every page test does."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, timeout: int = 120, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(f"app_pages/{page}.py")
    return at.run()
