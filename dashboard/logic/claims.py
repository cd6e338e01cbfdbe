"""Article-stated prices against WFP's market series: the claims an article makes, checked.

`claims_vs_market` sets each price an article states beside the market's price that month,
and a change the article states or implies beside the market's change over the same months
("agrees" within config.AGREE_PP percentage points, else "differs"). Pure: frames in (the
prices as stored, the graded market prices of `logic.alps`), a frame out.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from dashboard import config
from dashboard.logic.indicators import as_text, conform

# WFP's names of the goods an article's commodity stands for (retail prices per KG).
CLAIM_GOODS = {
    "millet": ("Millet",),
    "maize": ("Maize",),
    "sorghum": ("Sorghum",),
    "rice": ("Rice (imported)",),
    "coarse_grains": ("Millet", "Sorghum", "Maize"),
}
CLAIM_COLUMNS = [
    "price_id",
    "country",
    "date",
    "date_precision",
    "place",
    "commodity",
    "commodity_detail",
    "unit",
    "currency",
    "value",
    "value_per_kg",
    "wfp_commodity",
    "wfp_where",
    "n_markets",
    "proxy",
    "month",
    "market_price",
    "base_month",
    "market_base_price",
    "claim_change",
    "claim_basis",
    "market_change",
    "difference_pp",
    "verdict",
    "source_ids",
]
_BAG = re.compile(r"^(\d+(?:[.,]\d+)?) ?kg(?: (?:bag|sack))?$")
_COUNTRY_WORDS = {"NER": ("niger",), "MLI": ("mali",), "BFA": ("burkina faso", "burkina")}


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", as_text(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _claim_goods(commodity: str, detail: str) -> tuple[str, ...]:
    goods = CLAIM_GOODS.get(commodity, ())
    folded = _fold(detail)
    if commodity == "rice" and "local" in folded and "import" not in folded:
        return ("Rice (local)",)
    if commodity == "coarse_grains":
        named = tuple(g for g in goods if g.casefold() in folded)
        return named or goods
    return goods


def _claim_markets(row, markets: pd.DataFrame, place_names: dict[str, str]) -> tuple[list, bool]:
    """The market ids a claim's place names (its own words, or its gazetteer place), and
    whether it is a national figure (every market of the country then stands in, as a median)."""
    mine = markets[markets["country"] == row["country"]]
    words = f" {_fold(row.get('place'))} {_fold(place_names.get(as_text(row.get('location_id')), ''))} "
    found = []
    for mid, names in zip(mine["market_id"], zip(mine["market"], mine["admin1"], mine["admin2"])):
        if any(_fold(n) and f" {_fold(n)} " in words for n in names):
            found.append(mid)
    if found:
        return found, False
    place = _fold(row.get("place"))
    national = not place or any(place.startswith(w) for w in _COUNTRY_WORDS.get(row["country"], ()))
    return (list(mine["market_id"]), True) if national else ([], False)


def _per_kg(value, unit) -> float | None:
    m = _BAG.match(as_text(unit).casefold())
    if value is None or pd.isna(value) or not m:
        return None
    return float(value) / float(m[1].replace(",", "."))


def _claim_change(row) -> tuple[float | None, pd.Period | None, str]:
    """The change an article states or implies, the month it is measured from, and how."""
    month = pd.Period(row["date"], "M")
    unit, notes = as_text(row.get("unit")), as_text(row.get("notes"))
    yoy = unit == "percent change year-on-year" or "change_pct is year-on-year" in notes
    if yoy and pd.notna(row.get("change_pct")):
        return float(row["change_pct"]), month - 12, "year_on_year"
    value, prev, prev_date = row.get("value"), row.get("previous_value"), row.get("previous_date")
    if pd.notna(value) and pd.notna(prev) and pd.notna(prev_date) and float(prev) > 0:
        if (pd.Timestamp(row["date"]) - pd.Timestamp(prev_date)).days >= config.MIN_CLAIM_DAYS:
            return (float(value) / float(prev) - 1) * 100, pd.Period(prev_date, "M"), "two_prices"
        return None, None, "period_under_a_month"
    return None, None, "no_change_stated"


def claims_vs_market(
    prices: pd.DataFrame, market: pd.DataFrame, locations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each article-stated price whose place, commodity and month the WFP series cover, beside
    the market's figures: the market's price that month (per KG, retail; the median of the
    country's markets for a national figure, flagged `proxy`), and where the article states or
    implies a change over a known period (a year-on-year percent, or two dated prices at least
    config.MIN_CLAIM_DAYS apart), the market's change over the same months and a verdict: 'agrees'
    within config.AGREE_PP percentage points, else 'differs'. A claim dated only to its year is left
    out (no month to compare)."""
    rows = []
    if market.empty or prices.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    frame = conform(prices, "prices")
    retail = market[(market["pricetype"] == "Retail") & (market["unit"] == "KG")]
    retail = retail.assign(month=retail["date"].dt.to_period("M"))
    catalogue = retail.drop_duplicates("market_id")[["country", "market_id", "market", "admin1", "admin2"]]
    names = {}
    if locations is not None and not locations.empty:
        names = {str(k): str(v) for k, v in zip(locations["location_id"], locations["name"])}
    for row in frame.to_dict("records"):
        if row.get("date_precision") not in ("day", "month") or pd.isna(row.get("date")):
            continue
        goods = _claim_goods(as_text(row.get("commodity")), as_text(row.get("commodity_detail")))
        ids, national = _claim_markets(row, catalogue, names)
        if not goods or not ids:
            continue
        month = pd.Period(row["date"], "M")
        change, base, basis = _claim_change(row)
        for good in goods:
            series = retail[(retail["commodity"] == good) & retail["market_id"].isin(ids)]
            if not (series["month"] == month).any():
                continue  # the series does not cover that month
            now = series[series["month"] == month].set_index("market_id")["price"]
            then = (
                series[series["month"] == base].set_index("market_id")["price"]
                if base is not None
                else now[:0]
            )
            both = now.index.intersection(then.index)  # a change compares the same markets
            n = int(now.size)
            market_price = float(now.median())
            base_price = float(then[both].median()) if len(both) else None
            market_change = (float(now[both].median()) / base_price - 1) * 100 if base_price else None
            diff = change - market_change if change is not None and market_change is not None else None
            if change is None:
                verdict = basis
            elif market_change is None:
                verdict = "no_market_base"
            else:
                verdict = "agrees" if abs(diff) <= config.AGREE_PP else "differs"
            where = ", ".join(sorted(set(series[series["month"] == month]["market"])))
            rows.append(
                {
                    "price_id": row["price_id"],
                    "country": row["country"],
                    "date": row["date"],
                    "date_precision": row["date_precision"],
                    "place": row.get("place"),
                    "commodity": row.get("commodity"),
                    "commodity_detail": row.get("commodity_detail"),
                    "unit": row.get("unit"),
                    "currency": row.get("currency"),
                    "value": row.get("value"),
                    "value_per_kg": _per_kg(row.get("value"), row.get("unit")),
                    "wfp_commodity": good,
                    "wfp_where": where,
                    "n_markets": n,
                    "proxy": bool(national),
                    "month": str(month),
                    "market_price": market_price,
                    "base_month": str(base) if base is not None else None,
                    "market_base_price": base_price,
                    "claim_change": change,
                    "claim_basis": basis,
                    "market_change": market_change,
                    "difference_pp": diff,
                    "verdict": verdict,
                    "source_ids": row.get("source_ids"),
                }
            )
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in (
        "value",
        "value_per_kg",
        "market_price",
        "market_base_price",
        "claim_change",
        "market_change",
        "difference_pp",
    ):
        out[col] = pd.to_numeric(out[col]).astype("Float64")
    return out.sort_values(["date", "price_id", "wfp_commodity"], kind="stable", ignore_index=True)
