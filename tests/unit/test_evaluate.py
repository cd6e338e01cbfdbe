"""Scoring against answer keys, the bundled corpus targets, and briefs held out of tuning."""

import json
from collections import Counter
from pathlib import Path

import pytest

from dashboard.ingest.extract import read_article
from dashboard.ingest.extract.evaluate import TARGETS, evaluate, main, meets_targets, score
from dashboard.ingest.extract.extractor import CANDIDATE_ONLY_TYPES, Candidate
from dashboard.ingest.extract.triggers import RULES
from dashboard.records import vocab

CORPUS = Path(__file__).resolve().parents[2] / "data" / "articles"


def cand(country, actor, event_type, date=None, precision=None, troops=None):
    return Candidate(
        country=country,
        actor=actor,
        force=None,
        event_type=event_type,
        date=date,
        date_precision=precision,
        troops=troops,
        location=None,
        evidence_start=0,
        evidence_end=1,
        confidence=0.5,
    )


def test_score_matches_on_the_triple_then_scores_date_and_troops():
    answers = {
        "a.txt": [
            {
                "country": "NER",
                "actor": "France",
                "event_type": "withdrawal_completed",
                "date": "2023-12-22",
                "troops": 50,
            },
            {"country": "NER", "actor": "Niger", "event_type": "coup", "date": "2023-07", "troops": None},
        ]
    }
    preds = {
        "a.txt": [
            cand("NER", "France", "withdrawal_completed", "2023-12-22", "day", troops=1500),
            cand("NER", "Niger", "coup", "2023-07-01", "month"),
            cand("MLI", "France", "deployment"),
        ]
    }
    r = score(answers, preds)
    assert (r["triple"]["tp"], r["triple"]["predicted"], r["triple"]["expected"]) == (2, 3, 2)
    assert r["triple"]["precision"] == pytest.approx(0.667, abs=1e-3) and r["triple"]["recall"] == 1.0
    assert (r["date"]["tp"], r["date"]["predicted"], r["date"]["expected"]) == (2, 2, 2)
    assert (r["troops"]["tp"], r["troops"]["predicted"], r["troops"]["expected"]) == (0, 1, 1)
    assert r["country"]["precision"] == 0.5 and r["country"]["recall"] == 1.0
    assert r["event_type"]["recall"] == 1.0


def test_score_pairs_same_triple_keys_by_date():
    answers = {
        "a": [
            {
                "country": "NER",
                "actor": "United States",
                "event_type": "withdrawal_completed",
                "date": "2024-07-07",
                "troops": None,
            },
            {
                "country": "NER",
                "actor": "United States",
                "event_type": "withdrawal_completed",
                "date": "2024-09-15",
                "troops": None,
            },
        ]
    }
    preds = {
        "a": [
            cand("NER", "United States", "withdrawal_completed", "2024-09-15", "day"),
            cand("NER", "United States", "withdrawal_completed", "2024-07-07", "day"),
        ]
    }
    r = score(answers, preds)
    assert r["date"]["tp"] == 2 and r["triple"]["precision"] == 1.0


def test_bundled_corpus_meets_the_targets():
    result = evaluate(CORPUS, min_seconds=0.2)
    triple = result["fields"]["triple"]
    assert triple["precision"] >= TARGETS["precision"], result
    assert triple["recall"] >= TARGETS["recall"], result
    for field in ("country", "actor", "event_type"):
        assert result["fields"][field]["precision"] >= 0.9, (field, result)
        assert result["fields"][field]["recall"] >= 0.8, (field, result)
    assert result["fields"]["date"]["precision"] >= 0.8
    # Timing depends on the machine; the 200 articles/s target is checked by the CLI.
    assert result["articles_per_second"] > 50


def test_corpus_is_complete_and_well_formed():
    answers = json.loads((CORPUS / "answers.json").read_text(encoding="utf-8"))
    languages = Counter()
    covered = set()
    for name, events in answers.items():
        raw = (CORPUS / name).read_bytes()
        article = read_article(raw, name)
        languages[article.language] += 1
        assert article.publisher == "Sahel Presence Monitor (brief)"
        assert 80 <= len(article.text.split()) <= 250, name
        for e in events:
            assert set(e) == {"country", "actor", "event_type", "date", "troops"}
            assert e["country"] in vocab.COUNTRIES
            assert e["actor"] in vocab.ACTORS + (None,)
            covered.add(e["event_type"])
    assert languages["en"] >= 12 and languages["fr"] >= 12
    # Every type the extractor has rules for is in the corpus, but for the AES joint force
    # (rules since round 2 of issue 12): no brief expects it; the dev set and
    # test_extract_issue12 cover it.
    not_in_briefs = {"joint_force_launched"}
    assert not_in_briefs <= set(RULES)
    assert covered == (set(vocab.EVENT_TYPES) | set(CANDIDATE_ONLY_TYPES)) - not_in_briefs
    html = [n for n in answers if n.endswith(".html")]
    assert html and any(b"<script" in (CORPUS / n).read_bytes() for n in html)


def test_main_prints_the_table(capsys):
    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    for field in ("country", "actor", "event_type", "date", "troops", "triple", "articles/s"):
        assert field in out


def test_main_reports_a_missing_corpus(tmp_path, capsys):
    assert main([str(tmp_path / "nothing")]) == 2
    assert "cannot evaluate" in capsys.readouterr().err


def test_strict_mode_fails_when_targets_are_missed(tmp_path):
    (tmp_path / "a.txt").write_text("published: 2024-01-01\n\nNothing happened here.", encoding="utf-8")
    (tmp_path / "answers.json").write_text(
        json.dumps(
            {
                "a.txt": [
                    {
                        "country": "NER",
                        "actor": "France",
                        "event_type": "deployment",
                        "date": None,
                        "troops": None,
                    }
                ]
            }
        )
    )
    assert main([str(tmp_path), "--strict", "--json"]) == 1
    assert not meets_targets(evaluate(tmp_path, min_seconds=0.05))


# Briefs written after the rules, to check they are not tuned to the bundled corpus.
# The first four were used once to find general fixes; the last three were scored before
# any change (their first score: triple precision 0.89, recall 0.67).
HELD_OUT = {
    "h1_eutm_ends.txt": """\
title: EU training mission in Mali ends
publisher: Sahel Presence Monitor (brief)
published: 2024-05-19
url: urn:brief:h1
language: en

BRUSSELS, May 19 - The European Union's training mission in Mali, EUTM Mali, came to an end on Saturday when its mandate expired, EU foreign policy chief Josep Borrell said.

EU member states decided earlier this month not to extend the mission beyond May 18, citing the political and security situation in the country.

The mission, launched in 2013, trained tens of thousands of Malian soldiers and at times had up to 700 European personnel. All EU-flagged staff have now left Mali.
""",
    "h2_wagner_quitte_mali.txt": """\
titre: Wagner annonce son départ du Mali, l'Africa Corps reste
source: Sahel Presence Monitor (brief)
date: 2025-06-07
langue: fr

BAMAKO, 7 juin - Le groupe paramilitaire russe Wagner a annoncé vendredi son départ du Mali, après environ trois ans et demi de présence aux côtés de l'armée malienne.

« Mission accomplie », a affirmé le groupe sur sa chaîne Telegram. L'Africa Corps, placé sous le contrôle du ministère russe de la Défense, a toutefois assuré que la présence russe au Mali se poursuivrait.

Les premiers éléments de Wagner étaient arrivés à Bamako fin 2021, alors que la force française Barkhane réduisait son dispositif dans le nord du pays.
""",
    "h3_niger_eu_missions.txt": """\
title: Niger ends EU security missions
publisher: Sahel Presence Monitor (brief)
published: 2023-12-05
language: en

NIAMEY, Dec 5 - Niger's military government on Monday revoked the agreement that allowed the European Union's civilian mission, EUCAP Sahel Niger, to operate in the country and withdrew its consent for the EU military partnership mission.

The foreign ministry said the civilian mission would have six months to wind up its activities.

The announcement came as Russia's deputy defence minister visited Niamey, where the two countries signed agreements to strengthen military cooperation. French troops are due to complete their withdrawal from Niger by the end of the year.
""",
    "h4_niger_rouvre_nigeria.txt": """\
titre: Le Niger rouvre sa frontière avec le Nigeria
source: Sahel Presence Monitor (brief)
date: 2024-03-23
langue: fr

NIAMEY, 23 mars - Le Niger a rouvert vendredi sa frontière avec le Nigeria, fermée depuis le coup d'État de juillet 2023, a annoncé le gouvernement.

Le président nigérian Bola Tinubu avait ordonné le 13 mars la réouverture des frontières terrestres et aériennes de son pays avec le Niger, conformément à la décision de la CEDEAO de lever ses sanctions le 24 février.

La frontière avec le Bénin reste en revanche fermée, Niamey accusant son voisin d'abriter des bases militaires françaises.
""",
    "h5_mali_ends_sofa.txt": """\
title: Mali ends defence accords with France
publisher: Sahel Presence Monitor (brief)
published: 2022-05-03
language: en

BAMAKO, May 3 - Mali's military rulers said on Monday they were ending, with immediate effect, the 2013 status-of-forces agreement that governs the presence of French and European troops in the country.

The junta also terminated the 2014 defence cooperation treaty with France, with six months' notice.

France announced in February that its Barkhane and Takuba forces would leave Mali. Some 2,400 French soldiers were still in the country at the time.
""",
    "h6_minusma_tessalit.txt": """\
titre: La MINUSMA quitte Tessalit
source: Sahel Presence Monitor (brief)
date: 2023-10-22
langue: fr

BAMAKO, 22 octobre - La Mission de l'ONU au Mali (MINUSMA) a achevé samedi le retrait accéléré de son camp de Tessalit, dans la région de Kidal, a annoncé la mission.

Il s'agit de la première emprise fermée par les casques bleus dans cette région du nord, où l'armée malienne et des groupes armés se disputent le contrôle du terrain.

La mission, dont le mandat a pris fin le 30 juin, doit avoir quitté le Mali d'ici au 31 décembre.
""",
    "h7_aes_quit_ecowas.txt": """\
title: Sahel juntas quit West African bloc
publisher: Sahel Presence Monitor (brief)
published: 2024-01-29
language: en

OUAGADOUGOU, Jan 29 - Burkina Faso, Mali and Niger said on Sunday they were withdrawing from ECOWAS with immediate effect, accusing the regional bloc of failing to help them fight jihadist violence.

The three military-led governments formed the Alliance of Sahel States last September after a wave of coups.

ECOWAS said it had not yet received formal notification of the decision.
""",
}

HELD_OUT_ANSWERS = {
    "h1_eutm_ends.txt": [
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "operation_ended",
            "date": "2024-05-18",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "mandate_ended",
            "date": "2024-05-18",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "withdrawal_announced",
            "date": "2024-05",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "deployment",
            "date": "2013",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "presence_reported",
            "date": None,
            "troops": 700,
        },
        {
            "country": "MLI",
            "actor": "European Union",
            "event_type": "withdrawal_completed",
            "date": "2024-05-19",
            "troops": None,
        },
    ],
    "h2_wagner_quitte_mali.txt": [
        {
            "country": "MLI",
            "actor": "Russia",
            "event_type": "withdrawal_announced",
            "date": "2025-06-06",
            "troops": None,
        },
        {"country": "MLI", "actor": "Russia", "event_type": "deployment", "date": "2021", "troops": None},
    ],
    "h3_niger_eu_missions.txt": [
        {
            "country": "NER",
            "actor": "European Union",
            "event_type": "agreement_revoked",
            "date": "2023-12-04",
            "troops": None,
        },
        {"country": "NER", "actor": "Russia", "event_type": "agreement_signed", "date": None, "troops": None},
        {
            "country": "NER",
            "actor": "France",
            "event_type": "withdrawal_announced",
            "date": None,
            "troops": None,
        },
    ],
    "h4_niger_rouvre_nigeria.txt": [
        {
            "country": "NER",
            "actor": "Niger",
            "event_type": "border_reopened",
            "date": "2024-03-22",
            "troops": None,
        },
        {
            "country": "NER",
            "actor": "Niger",
            "event_type": "border_closed",
            "date": "2023-07",
            "troops": None,
        },
        {"country": "NER", "actor": "Niger", "event_type": "coup", "date": "2023-07", "troops": None},
        {
            "country": "NER",
            "actor": "Nigeria",
            "event_type": "border_reopened",
            "date": "2024-03-13",
            "troops": None,
        },
        {
            "country": "NER",
            "actor": "ECOWAS",
            "event_type": "sanctions_lifted",
            "date": "2024-02-24",
            "troops": None,
        },
    ],
    "h5_mali_ends_sofa.txt": [
        {
            "country": "MLI",
            "actor": "France",
            "event_type": "agreement_revoked",
            "date": "2022-05-02",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "France",
            "event_type": "withdrawal_announced",
            "date": "2022-02",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "France",
            "event_type": "presence_reported",
            "date": "2022-02",
            "troops": 2400,
        },
    ],
    "h6_minusma_tessalit.txt": [
        {
            "country": "MLI",
            "actor": "United Nations",
            "event_type": "withdrawal_completed",
            "date": "2023-10-21",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "United Nations",
            "event_type": "mandate_ended",
            "date": "2023-06-30",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "United Nations",
            "event_type": "withdrawal_announced",
            "date": None,
            "troops": None,
        },
    ],
    "h7_aes_quit_ecowas.txt": [
        {
            "country": "BFA",
            "actor": "AES",
            "event_type": "withdrawal_announced",
            "date": "2024-01-28",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "AES",
            "event_type": "withdrawal_announced",
            "date": "2024-01-28",
            "troops": None,
        },
        {
            "country": "NER",
            "actor": "AES",
            "event_type": "withdrawal_announced",
            "date": "2024-01-28",
            "troops": None,
        },
        {
            "country": "BFA",
            "actor": "AES",
            "event_type": "alliance_formed",
            "date": "2023-09",
            "troops": None,
        },
        {
            "country": "MLI",
            "actor": "AES",
            "event_type": "alliance_formed",
            "date": "2023-09",
            "troops": None,
        },
        {
            "country": "NER",
            "actor": "AES",
            "event_type": "alliance_formed",
            "date": "2023-09",
            "troops": None,
        },
        {"country": "BFA", "actor": "Burkina Faso", "event_type": "coup", "date": None, "troops": None},
        {"country": "MLI", "actor": "Mali", "event_type": "coup", "date": None, "troops": None},
        {"country": "NER", "actor": "Niger", "event_type": "coup", "date": None, "troops": None},
    ],
}


def test_held_out_briefs_still_do_reasonably(tmp_path):
    for name, text in HELD_OUT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(HELD_OUT_ANSWERS), encoding="utf-8")
    result = evaluate(tmp_path, min_seconds=0.05)
    triple = result["fields"]["triple"]
    assert triple["precision"] >= 0.8, result
    assert triple["recall"] >= 0.7, result


FROZEN = ("validation", "test", "holdout", "holdout2", "holdout3", "holdout4")


@pytest.mark.parametrize("name", FROZEN)
def test_held_out_sets_are_as_frozen_and_named(name):
    """Each held-out set's texts (and keys, where they were hashed with them) are the bytes
    recorded when it was frozen; `--set NAME` finds it."""
    import hashlib

    from dashboard.ingest.extract.evaluate import SETS

    folder = CORPUS / name
    assert SETS[name] == folder
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, file = line.partition("  ")
        listed[file] = digest
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert set(answers) <= set(listed), "every keyed text was hashed"
    for file, digest in listed.items():
        assert hashlib.sha256((folder / file).read_bytes()).hexdigest() == digest, file
