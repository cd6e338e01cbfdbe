"""`python -m dashboard.serve`: the launcher lives with the other Streamlit code, in dashboard.ui.serve."""

import sys

from dashboard.ui.serve import main

if __name__ == "__main__":
    sys.exit(main())
