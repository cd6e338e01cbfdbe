"""The feed sources file (`SAHEL_FEEDS`, default feeds.toml): one `[[source]]` table a source.

    [[source]]
    name = "RFI Afrique"          # unique; how the fetch log and `fetch --source` name it
    kind = "rss"                  # rss | atom | reliefweb | folder
    url = "https://www.rfi.fr/fr/afrique/rss"   # or `path` for a folder
    language = "fr"               # the articles' language when an item does not say
    grade = "outlet"              # the source's default reliability grade (vocab.SOURCE_GRADES)
    interval = 60                 # minutes between two runs of this source

A reliefweb source also takes `countries` (ISO3 codes) and `languages`. A file with any
mistake is refused as a whole (FeedConfigError names the source and the field): a fetch never
runs on half a configuration.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import BadInput
from dashboard.i18n import LANGS
from dashboard.records import vocab

KINDS = ("rss", "atom", "reliefweb", "folder")


class FeedConfigError(BadInput):
    """The feed sources file cannot be used as it stands; the message says where and why."""


@dataclass(frozen=True)
class FeedSource:
    name: str
    kind: str
    language: str
    grade: str
    interval: float  # minutes
    url: str | None = None
    path: Path | None = None
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


def _field(table: dict, key: str, where: str, kind: type = str, required: bool = True):
    value = table.get(key)
    if value is None:
        if required:
            raise FeedConfigError(f"{where}: `{key}` is missing")
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise FeedConfigError(f"{where}: `{key}` must be a {kind.__name__}, not {value!r}")
    return value


def _source(table: dict, n: int, base: Path) -> FeedSource:
    where = f"source {n}" + (f" ({table['name']})" if isinstance(table.get("name"), str) else "")
    name = _field(table, "name", where).strip()
    kind = _field(table, "kind", where)
    if kind not in KINDS:
        raise FeedConfigError(f"{where}: `kind` must be one of {', '.join(KINDS)}, not {kind!r}")
    language = _field(table, "language", where)
    if language not in LANGS:
        raise FeedConfigError(f"{where}: `language` must be one of {', '.join(LANGS)}")
    grade = _field(table, "grade", where)
    if grade not in vocab.SOURCE_GRADES:
        raise FeedConfigError(f"{where}: `grade` must be one of {', '.join(vocab.SOURCE_GRADES)}")
    interval = table.get("interval", 60)
    if not isinstance(interval, (int, float)) or isinstance(interval, bool) or interval < 0:
        raise FeedConfigError(f"{where}: `interval` must be a number of minutes, 0 or more")
    url = path = None
    if kind == "folder":
        path = base / _field(table, "path", where)
    else:
        url = _field(table, "url", where)
        if not url.startswith(("http://", "https://")):
            raise FeedConfigError(f"{where}: `url` must start with http:// or https://")
    countries = tuple(c.upper() for c in table.get("countries", ()))
    if any(c not in vocab.COUNTRIES for c in countries):
        raise FeedConfigError(f"{where}: `countries` may hold {', '.join(vocab.COUNTRIES)}")
    return FeedSource(
        name=name,
        kind=kind,
        language=language,
        grade=grade,
        interval=float(interval),
        url=url,
        path=path,
        countries=countries,
        languages=tuple(table.get("languages", ())),
    )


def load(path: Path) -> list[FeedSource]:
    """Every source of the file, checked; FeedConfigError for a missing or wrong file."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedConfigError(f"{path}: no such feed sources file (see feeds.example.toml)") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise FeedConfigError(f"{path}: {err}") from None
    tables = raw.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise FeedConfigError(f"{path}: sources are written as [[source]] tables")
    sources = [_source(t, n, Path(path).parent) for n, t in enumerate(tables, start=1)]
    names = [s.name for s in sources]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise FeedConfigError(f"{path}: source names must be unique: {', '.join(twice)}")
    return sources
