"""`python -m dashboard.serve [streamlit flags]`: `streamlit run app.py` with pages/ left alone.

Streamlit treats a folder named pages/ beside the entry script as old-style pages until the
first run calls st.navigation, so a first request for /present would skip app.py. Pages are
listed by app.py only; saying so before the server starts removes that first-request quirk.
"""
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> int:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
