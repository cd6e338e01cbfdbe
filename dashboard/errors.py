"""Named errors of the library. The UI and the command line turn each into a clear message;
anything else that escapes is a bug, and is not caught as if it were bad input."""


class DashboardError(Exception):
    """Base class: its message is written for the person who can act on it."""


class BadInput(DashboardError, ValueError):
    """A file, a value or an argument that cannot be used as given; nothing was stored."""


class StoreUnavailable(DashboardError):
    """The store could not be opened or written; pages fall back to the bundled data."""


class StoreChanged(DashboardError):
    """A write landed while a page was reading an older version; the page runs again."""


class NotAuthorised(DashboardError):
    """The action needs the reviewer credential."""


class TooSlow(DashboardError):
    """Reading one input took longer than config.EXTRACT_SECONDS; the input was rejected."""
