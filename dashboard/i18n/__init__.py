"""Interface strings and names in English and French, with date and number formatting.

Pages never hold a user-facing literal: they call `t(key, lang)`. A test checks that every key
has both languages and that every key a page uses exists.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.records import vocab

LANGS = ("en", "fr")

STRINGS: dict[str, tuple[str, str]] = {
    # app frame
    "app.title": ("Sahel Presence Monitor", "Observatoire des présences au Sahel"),
    "app.tagline": ("Foreign forces, sanctions and prices in Mali, Burkina Faso and Niger, "
                    "every figure with its source.",
                    "Forces étrangères, sanctions et prix au Mali, au Burkina Faso et au Niger, "
                    "chaque chiffre avec sa source."),
    "app.language": ("Language", "Langue"),
    "app.newest": ("Newest evidence in the data: {date} ({age}).",
                   "Preuve la plus récente des données : {date} ({age})."),
    "nav.map": ("Map", "Carte"),
    "nav.timeline": ("Timeline", "Chronologie"),
    "nav.indicators": ("Indicators", "Indicateurs"),
    "nav.sources": ("Sources", "Sources"),
    "nav.present": ("Presentation", "Présentation"),
    "notice.bad_param": ("Ignored the URL parameter {name}={value}: {why}.",
                         "Paramètre d'URL ignoré {name}={value} : {why}."),
    "notice.not_a_date": ("not a date (use YYYY-MM or YYYY-MM-DD)",
                          "date invalide (format AAAA-MM ou AAAA-MM-JJ)"),
    "notice.out_of_range": ("outside the data's range", "hors de la période couverte"),
    "notice.unknown_value": ("unknown value", "valeur inconnue"),
    "notice.store_unavailable": ("The store cannot be opened: showing the bundled data only, and "
                                 "nothing can be saved until an administrator fixes it.",
                                 "Le stockage ne peut pas être ouvert : seules les données livrées "
                                 "sont affichées, et rien ne peut être enregistré avant qu'un "
                                 "administrateur le répare."),
    "notice.rows_skipped": ("{n} reviewed record(s) are left out of every page: their dates lie "
                            "outside 1960 to today. A reviewer can withdraw them on the Sources page.",
                            "{n} enregistrement(s) relu(s) sont écartés de toutes les pages : leurs "
                            "dates sont hors de la période 1960 à aujourd'hui. Un relecteur peut les "
                            "retirer sur la page Sources."),
    "notice.data_invalid": ("The data files failed their checks and were not loaded: the pages show "
                            "the data as last loaded. An administrator can run `python -m dashboard "
                            "validate` to see why.",
                            "Les fichiers de données n'ont pas passé leurs contrôles et n'ont pas été "
                            "chargés : les pages montrent les données du dernier chargement. Un "
                            "administrateur peut lancer `python -m dashboard validate` pour savoir "
                            "pourquoi."),
    # map page
    "map.title": ("Who is where", "Qui est où"),
    "map.date": ("Map date (end of month; today for this month)",
                 "Date de la carte (fin du mois ; aujourd'hui pour ce mois)"),
    "map.today": ("today, {date}", "aujourd'hui, {date}"),
    "map.newest": ("Newest evidence: {date} ({age}).", "Preuve la plus récente : {date} ({age})."),
    "map.newest_none": ("No evidence recorded on or before this date.",
                        "Aucune preuve enregistrée à cette date ou avant."),
    "map.newest_by_country": ("Newest per country: {list}.", "La plus récente par pays : {list}."),
    "map.stale": ("Last confirmed > 12 months", "Confirmées il y a > 12 mois"),
    "map.stale_help": ("Forces still counted as present, whose newest evidence is more than 12 "
                       "months older than the map's date: drawn with an open dotted marker.",
                       "Forces toujours comptées présentes, dont la preuve la plus récente a plus de "
                       "12 mois à la date de la carte : marqueur creux pointé."),
    "map.present_help": ("Forces present whose newest evidence is at most 12 months old at the "
                         "map's date.",
                         "Forces présentes dont la preuve la plus récente a au plus 12 mois à la "
                         "date de la carte."),
    "map.legend_stale": ("last confirmed over a year ago (dotted)", "confirmée il y a plus d'un an (pointé)"),
    "map.stale_tag": ("last confirmed {date}, {age}", "dernière confirmation {date}, {age}"),
    "map.play": ("Play", "Lecture"),
    "map.window": ("Changes over the last", "Changements sur les derniers"),
    "map.months": ("{n} months", "{n} mois"),
    "map.present": ("Confirmed ≤ 12 months", "Confirmées ≤ 12 mois"),
    "map.actors_present": ("Foreign actors present", "Acteurs étrangers présents"),
    "map.left_window": ("Forces that left in the window", "Forces parties sur la période"),
    "map.left_total": ("Forces that left since 2013", "Forces parties depuis 2013"),
    "map.headline": ("At the end of {date}: {present} forces of {actors} foreign actors present; "
                     "{left} left between {start} and {date}.",
                     "Fin {date} : {present} forces de {actors} acteurs étrangers présentes ; "
                     "{left} parties entre {start} et {date}."),
    "map.legend_left": ("left (small hollow marker)", "partie (petit marqueur creux)"),
    "map.changes": ("What changed", "Ce qui a changé"),
    "map.changes_cut": ("The newest {n} of {total} changes; the timeline lists them all.",
                        "Les {n} plus récents des {total} changements ; la chronologie les liste tous."),
    "map.no_changes": ("No recorded change in this window.",
                       "Aucun changement enregistré sur cette période."),
    "map.present_list": ("Present at this date", "Présentes à cette date"),
    "map.present_cut": ("The first {n} of {total} forces present, by actor and name; {rest} more "
                        "are on the map only.",
                        "Les {n} premières des {total} forces présentes, par acteur et par nom ; "
                        "{rest} autres figurent seulement sur la carte."),
    "map.nobody": ("No foreign force is recorded at this date.",
                   "Aucune force étrangère enregistrée à cette date."),
    "map.selected": ("Selected on the map", "Sélection sur la carte"),
    "map.click_hint": ("Click a marker for its sources.", "Cliquez sur un marqueur pour ses sources."),
    # hover and details
    "hover.since": ("since", "depuis"),
    "hover.first_reported": ("first reported", "première mention"),
    "hover.last_confirmed": ("last confirmed {date} ({age})", "dernière confirmation {date} ({age})"),
    "hover.latest_evidence": ("latest evidence {date}", "preuve la plus récente {date}"),
    "hover.strength_at": ("strength: the force's figure in this country is shown at {place}",
                          "effectif : le chiffre de la force dans ce pays figure à {place}"),
    "hover.strength_countrywide": ("strength: the force's figure in this country is on its "
                                   "country-wide marker",
                                   "effectif : le chiffre de la force dans ce pays figure sur son "
                                   "marqueur « ensemble du pays »"),
    "hover.troops_stale": ("figure over 12 months old", "chiffre de plus de 12 mois"),
    "hover.troops_age": ("{age}", "{age}"),
    "source.strongest": ("strongest source: {grade}", "source la plus solide : {grade}"),
    "source.weak": ("⚠ only copies, state media or weak sources", "⚠ seulement copies, médias d'État ou sources faibles"),
    "source.ungraded": ("sources not graded", "sources non évaluées"),
    "age.today": ("on this date", "à cette date"),
    "age.ago": ("{span} ago", "il y a {span}"),
    "age.before": ("{span} before this date", "{span} avant cette date"),
    "age.day": ("1 day", "1 jour"), "age.days": ("{n} days", "{n} jours"),
    "age.month": ("1 month", "1 mois"), "age.months": ("{n} months", "{n} mois"),
    "age.year": ("1 year", "1 an"), "age.years": ("{n} years", "{n} ans"),
    "hover.until": ("until", "jusqu'au"),
    "hover.leaving": ("leaving announced", "départ annoncé"),
    "hover.troops": ("troops", "militaires"),
    "hover.strength": ("{troops} troops (reported {date}{age})", "{troops} militaires (chiffre {de}{date}{age})"),
    "hover.troops_unknown": ("strength not reported", "effectif non rapporté"),
    "hover.sources": ("sources", "sources"),
    "hover.countrywide": ("country-wide", "ensemble du pays"),
    "hover.month_share": ("of the month present", "du mois en présence"),
    "hover.quarter_share": ("of the quarter present", "du trimestre en présence"),
    "hover.year_share": ("of the year present", "de l'année en présence"),
    "hover.merged": ("{n} periods of presence at {places} places, drawn as one bar",
                     "{n} périodes de présence sur {places} sites, en une seule barre"),
    "hover.left": ("left", "partie"),
    "hover.grouped": ("{n} periods of presence of {forces} force(s), drawn as one marker",
                      "{n} périodes de présence de {forces} force(s), en un seul marqueur"),
    "hover.forces": ("forces", "forces"),
    "hover.leaving_count": ("leaving announced for {n}", "départ annoncé pour {n}"),
    "hover.left_between": ("left between {first} and {last}", "parties entre {first} et {last}"),
    "col.date": ("Date", "Date"),
    "col.country": ("Country", "Pays"),
    "col.actor": ("Actor", "Acteur"),
    "col.force": ("Force", "Force"),
    "col.event_type": ("Event", "Événement"),
    "col.troops": ("Troops", "Effectifs"),
    "col.summary": ("Summary", "Résumé"),
    "col.sources": ("Sources", "Sources"),
    "col.status": ("Status", "Statut"),
    "col.place": ("Place", "Lieu"),
    "status.verified": ("verified", "vérifié"),
    "status.unverified": ("unverified", "non vérifié"),
    "status.disputed": ("disputed", "contesté"),
    # sources page
    "src.title": ("Sources and articles", "Sources et articles"),
    "src.intro": ("Every event, sanction and price cites these sources. Reviewers can add articles: "
                  "candidate events are extracted and wait for review before they reach the map.",
                  "Chaque événement, sanction et prix cite ces sources. Les relecteurs peuvent ajouter "
                  "des articles : les événements extraits attendent une relecture avant la carte."),
    "src.search": ("Search sources", "Rechercher des sources"),
    "src.cut": ("The {n} newest of {total} sources; search to find the others.",
                "Les {n} sources les plus récentes sur {total} ; cherchez pour trouver les autres."),
    "src.count": ("{n} sources", "{n} sources"),
    "src.token": ("Reviewer token", "Jeton de relecteur"),
    "src.token_help": ("Needed to add articles and review candidates.",
                       "Nécessaire pour ajouter des articles et relire les candidats."),
    "src.token_wrong": ("This token is not valid.", "Ce jeton n'est pas valide."),
    "src.token_wait": ("Too many attempts: wait {s} s, then try again.",
                       "Trop de tentatives : attendez {s} s, puis réessayez."),
    "src.token_retry": ("Try again", "Réessayer"),
    "src.token_locked": ("Too many wrong tokens from this address: locked for {m} min.",
                         "Trop de jetons erronés depuis cette adresse : bloqué pour {m} min."),
    "src.token_misconfigured": ("The reviewer token configured on this server is too short or a "
                                "placeholder: review is off until an administrator sets a proper one.",
                                "Le jeton de relecteur configuré sur ce serveur est trop court ou "
                                "provisoire : la relecture est désactivée jusqu'à ce qu'un "
                                "administrateur en fixe un vrai."),
    "src.signed_in": ("Signed in as a reviewer.", "Connecté en tant que relecteur."),
    "src.sign_out": ("Sign out", "Se déconnecter"),
    "src.read_only": ("Read-only: no reviewer credential is configured on this server.",
                      "Lecture seule : aucun identifiant de relecteur n'est configuré sur ce serveur."),
    "src.upload": ("Add articles (text, Markdown or HTML, English or French)",
                   "Ajouter des articles (texte, Markdown ou HTML, anglais ou français)"),
    "src.meta": ("Metadata when the file has none", "Métadonnées si le fichier n'en a pas"),
    "src.meta_title": ("Title", "Titre"),
    "src.meta_publisher": ("Publisher", "Éditeur"),
    "src.meta_published": ("Publication date (YYYY-MM-DD)", "Date de publication (AAAA-MM-JJ)"),
    "src.meta_url": ("Address (URL)", "Adresse (URL)"),
    "src.meta_language": ("Language", "Langue"),
    "src.ingest": ("Extract candidates", "Extraire les candidats"),
    "src.result_stored": ("{name}: {message}", "{name} : {message}"),
    "src.queue": ("Review queue", "File de relecture"),
    "src.queue_empty": ("No candidate waits for review.", "Aucun candidat en attente."),
    "src.accept": ("Accept", "Accepter"),
    "src.reject": ("Reject", "Rejeter"),
    "src.accepted": ("Accepted: {event_id} is stored in {table}.",
                     "Accepté : {event_id} est enregistré dans {table}."),
    "src.choose": ("Choose…", "Choisir…"),
    "src.country_wide": ("country-wide (no place)", "ensemble du pays (sans lieu)"),
    "src.kind_event": ("troop event → events", "événement militaire → événements"),
    "src.kind_price": ("price → prices", "prix → prix"),
    "src.kind_sanction": ("sanction → sanctions", "sanction → sanctions"),
    "src.invalid_missing": ("Not accepted. Fill in or choose: {fields}",
                            "Non accepté. À remplir ou choisir : {fields}"),
    "src.to_fill": ("To fill in before Accept: {fields}", "À remplir avant d'accepter : {fields}"),
    "src.reviewer_name": ("Your name (for the review log)", "Votre nom (pour le journal de relecture)"),
    "src.reviewer_name_help": ("Every accept and reject is logged with this name.",
                               "Chaque acceptation et rejet est journalisé sous ce nom."),
    "src.log": ("Review log", "Journal de relecture"),
    "src.similar": ("Already recorded? Stored events with the same country, actor, type and date: "
                    "{ids}. Reject this candidate if it says the same.",
                    "Déjà enregistré ? Événements du même pays, acteur, type et date : {ids}. "
                    "Rejetez ce candidat s'il dit la même chose."),
    "src.bad_url": ("The address must start with http:// or https://: nothing was stored.",
                    "L'adresse doit commencer par http:// ou https:// : rien n'a été enregistré."),
    "src.withdraw": ("Withdraw an accepted record (the log keeps both decisions)",
                     "Retirer un enregistrement accepté (le journal garde les deux décisions)"),
    "src.withdraw_pick": ("Accepted record", "Enregistrement accepté"),
    "src.withdraw_button": ("Withdraw", "Retirer"),
    "src.withdrawn": ("Withdrawn: {record} is no longer in {table}.",
                      "Retiré : {record} n'est plus dans {table}."),
    "src.log_empty": ("No review decision yet.", "Aucune décision de relecture."),
    "log.reviewed_at": ("When (UTC)", "Quand (UTC)"),
    "log.reviewer": ("Reviewer", "Relecteur"),
    "log.candidate_id": ("Candidate", "Candidat"),
    "log.action": ("Decision", "Décision"),
    "log.target_table": ("Table", "Table"),
    "log.record_id": ("Record", "Enregistrement"),
    "log.changes": ("Changed (proposed → chosen)", "Modifié (proposé → choisi)"),
    "log.reason": ("Reason", "Motif"),
    "field.country": ("Country", "Pays"),
    "field.actor": ("Actor", "Acteur"),
    "field.imposer": ("Imposed by", "Imposée par"),
    "field.force": ("Force", "Force"),
    "field.event_type": ("Event", "Événement"),
    "field.measure": ("Measure", "Mesure"),
    "field.date": ("Date (YYYY-MM-DD)", "Date (AAAA-MM-JJ)"),
    "field.date_precision": ("Date precision", "Précision de la date"),
    "field.start": ("Start (YYYY-MM-DD)", "Début (AAAA-MM-JJ)"),
    "field.start_precision": ("Start precision", "Précision du début"),
    "field.end": ("End (YYYY-MM-DD)", "Fin (AAAA-MM-JJ)"),
    "field.end_precision": ("End precision", "Précision de la fin"),
    "field.location_id": ("Place", "Lieu"),
    "field.place": ("Place (as written)", "Lieu (tel qu'écrit)"),
    "field.troops": ("Troops", "Effectifs"),
    "field.troops_kind": ("What the figure counts", "Ce que compte le chiffre"),
    "field.summary": ("Summary (your own words)", "Résumé (vos mots)"),
    "field.status": ("Status", "Statut"),
    "field.commodity": ("Commodity", "Produit"),
    "field.unit": ("Unit", "Unité"),
    "field.currency": ("Currency", "Monnaie"),
    "field.value": ("Price", "Prix"),
    "field.previous_value": ("Previous price", "Prix antérieur"),
    "field.change_pct": ("Change (%)", "Variation (%)"),
    "field.value_or_change_pct": ("Price or change (%)", "Prix ou variation (%)"),
    "field.context": ("Context", "Contexte"),
    "field.publisher": ("Source publisher", "Éditeur de la source"),
    "field.url": ("Source address", "Adresse de la source"),
    "field.reliability": ("Source grade", "Fiabilité de la source"),
    "precision.day": ("day", "jour"), "precision.month": ("month", "mois"),
    "precision.year": ("year", "année"),
    "troops_kind.strength": ("garrison strength", "effectif présent"),
    "troops_kind.leaving": ("number leaving", "nombre de partants"),
    "troops_kind.remaining": ("number remaining", "nombre restant"),
    "troops_kind.ceiling": ("authorised ceiling", "plafond autorisé"),
    "troops_kind.arriving": ("number arriving", "nombre d'arrivants"),
    "context.pre_coup": ("before the coup", "avant le coup d'État"),
    "context.sanctions": ("under sanctions", "sous sanctions"),
    "context.post_sanctions": ("after the sanctions", "après les sanctions"),
    "context.other": ("other", "autre"),
    "grade.official": ("official statement or document", "déclaration ou document officiel"),
    "grade.agency": ("news agency", "agence de presse"),
    "grade.outlet": ("established outlet", "média établi"),
    "grade.copy": ("copy or aggregator", "copie ou agrégateur"),
    "grade.state_media": ("foreign state media", "média d'État étranger"),
    "grade.weak": ("unknown or weak source", "source inconnue ou faible"),
    "src.rejected": ("Rejected.", "Rejeté."),
    "src.invalid": ("Not accepted: {why}", "Non accepté : {why}"),
    "src.evidence": ("Evidence", "Preuve"),
    "src.confidence": ("confidence", "confiance"),
    "src.articles": ("Stored articles", "Articles enregistrés"),
    "src.article_pick": ("Article", "Article"),
    "src.no_articles": ("No article stored yet.", "Aucun article enregistré."),
    "col.publisher": ("Publisher", "Éditeur"),
    "col.title": ("Title", "Titre"),
    "col.published": ("Published", "Publié"),
    "col.url": ("Address", "Adresse"),
    "col.language": ("Language", "Langue"),
    "col.precision": ("Date precision", "Précision de la date"),
    "col.location": ("Place", "Lieu"),
    # presentation
    "present.title": ("Foreign forces in the Sahel, 2012 to today",
                      "Les forces étrangères au Sahel, de 2012 à aujourd'hui"),
    "present.step": ("Step {n} of {total}", "Étape {n} sur {total}"),
    "present.next": ("Next", "Suivant"),
    "present.prev": ("Previous", "Précédent"),
    "present.autoplay": ("Autoplay", "Lecture automatique"),
    "present.sources": ("Sources", "Sources"),
    "list.more": ("and {n} more", "et {n} autres"),
    "present.milestones_cut": ("The first {n} of {total} milestones of the year.",
                               "Les {n} premiers des {total} jalons de l'année."),
    "present.map_at": ("Situation on {date}", "Situation au {date}"),
    "present.png_hint": ("The camera icon above the map saves this step as a PNG image, with its "
                         "title, legend and sources.",
                         "L'icône appareil photo au-dessus de la carte enregistre cette étape en "
                         "image PNG, avec titre, légende et sources."),
    "present.empty": ("No milestone in the data yet.", "Aucun jalon dans les données."),
    # timeline and indicators
    "timeline.title": ("Timeline: forces, sanctions and prices", "Chronologie : forces, sanctions et prix"),
    "timeline.presence": ("Foreign presence", "Présence étrangère"),
    "timeline.sanctions": ("Sanctions", "Sanctions"),
    "timeline.prices": ("Prices", "Prix"),
    "timeline.in_force": ("in force (no end reported)", "en vigueur (pas de fin rapportée)"),
    "timeline.events": ("Events", "Événements"),
    "timeline.table": ("Events in view", "Événements affichés"),
    "timeline.table_cut": ("The latest {n} of {total} events; the export holds them all.",
                           "Les {n} derniers des {total} événements ; l'export les contient tous."),
    "timeline.no_events": ("No event matches these filters.", "Aucun événement ne correspond à ces filtres."),
    "timeline.no_sanctions": ("No sanction matches these filters.", "Aucune sanction ne correspond à ces filtres."),
    "timeline.no_prices": ("No price matches these filters.", "Aucun prix ne correspond à ces filtres."),
    "timeline.counts": ("{events} events, {forces} force presences, {sanctions} sanction measures, "
                        "{prices} price figures in view.",
                        "{events} événements, {forces} présences de forces, {sanctions} mesures de "
                        "sanction, {prices} prix affichés."),
    "filter.heading": ("Filters", "Filtres"),
    "filter.country": ("Countries", "Pays"),
    "filter.actor": ("Actors", "Acteurs"),
    "filter.type": ("Event types and measures", "Types d'événement et mesures"),
    "filter.from": ("From", "Du"),
    "filter.to": ("To", "Au"),
    "filter.text": ("Text", "Texte"),
    "filter.reset": ("Clear filters", "Effacer les filtres"),
    "filter.share": ("This page's address reopens exactly this view: copy it to share.",
                     "L'adresse de cette page rouvre exactement cette vue : copiez-la pour la partager."),
    "export.heading": ("Export what is in view", "Exporter la sélection"),
    "export.csv": ("{what}: CSV (HXL)", "{what} : CSV (HXL)"),
    "export.json": ("{what}: JSON", "{what} : JSON"),
    "export.excel": ("{what}: CSV for Excel", "{what} : CSV pour Excel"),
    "export.excel_hint": ("“CSV for Excel” is the same file with a UTF-8 byte-order mark, so that "
                          "Excel shows accents right (é, è, ç) on any PC; the HXL row and the columns "
                          "are the same.",
                          "« CSV pour Excel » est le même fichier avec une marque d'ordre des octets "
                          "UTF-8, pour qu'Excel affiche bien les accents (é, è, ç) sur tout PC ; la "
                          "ligne HXL et les colonnes sont les mêmes."),
    "export.png": ("Charts: the camera icon above each chart saves it as PNG.",
                   "Graphiques : l'icône appareil photo au-dessus de chaque graphique l'enregistre en PNG."),
    "what.events": ("Events", "Événements"),
    "what.sanctions": ("Sanctions", "Sanctions"),
    "what.prices": ("Prices", "Prix"),
    "indicators.title": ("Indicators: sanctions and prices", "Indicateurs : sanctions et prix"),
    "indicators.value": ("Price", "Prix"),
    "indicators.change": ("Change (%)", "Variation (%)"),
    "indicators.compared_with": ("compared with", "par rapport à"),
    "indicators.n_measures": ("Measures in force", "Mesures en vigueur"),
    "indicators.none": ("No measure in force", "Aucune mesure en vigueur"),
    "indicators.map": ("Sanctions in force at the end of {date}", "Sanctions en vigueur fin {date}"),
    "indicators.map_date": ("Map date", "Date de la carte"),
    "indicators.periods": ("Sanction measures", "Mesures de sanction"),
    "indicators.prices": ("Prices reported by sources", "Prix rapportés par les sources"),
    "indicators.baseline": ("Baseline (compare later prices with the last figure on or before)",
                            "Référence (comparer les prix suivants au dernier chiffre à cette date ou avant)"),
    "indicators.mode": ("Show", "Afficher"),
    "indicators.mode_value": ("prices", "prix"),
    "indicators.mode_change": ("change against the baseline", "variation par rapport à la référence"),
    "indicators.no_baseline": ("No price series has a figure on or before the baseline.",
                               "Aucune série de prix n'a de chiffre à la date de référence ou avant."),
    "indicators.stated": ("Changes stated by sources", "Variations indiquées par les sources"),
    "col.imposer": ("Imposed by", "Imposée par"),
    "col.measure": ("Measure", "Mesure"),
    "col.start": ("Start", "Début"),
    "col.end": ("End", "Fin"),
    "col.commodity": ("Commodity", "Produit"),
    "col.value": ("Value", "Valeur"),
    "col.unit": ("Unit", "Unité"),
    "col.change": ("Change (%)", "Variation (%)"),
    "col.baseline": ("Baseline", "Référence"),
    "col.source": ("Source", "Source"),
    "col.grade": ("Strongest source", "Source la plus solide"),
    "col.reliability": ("Grade", "Fiabilité"),
    "what.situation": ("Forces present", "Forces présentes"),
}

COUNTRY_NAMES = {"MLI": ("Mali", "Mali"), "BFA": ("Burkina Faso", "Burkina Faso"),
                 "NER": ("Niger", "Niger")}
ACTOR_NAMES = {
    "France": ("France", "France"), "United States": ("United States", "États-Unis"),
    "Russia": ("Russia", "Russie"), "Germany": ("Germany", "Allemagne"),
    "Italy": ("Italy", "Italie"), "United Nations": ("United Nations", "Nations unies"),
    "European Union": ("European Union", "Union européenne"), "ECOWAS": ("ECOWAS", "Cédéao"),
    "WAEMU": ("WAEMU", "UEMOA"), "AES": ("Alliance of Sahel States", "Alliance des États du Sahel"),
    "Nigeria": ("Nigeria", "Nigeria"), "Benin": ("Benin", "Bénin"), "Mali": ("Mali", "Mali"),
    "Burkina Faso": ("Burkina Faso", "Burkina Faso"), "Niger": ("Niger", "Niger"),
    "World Bank": ("World Bank", "Banque mondiale"),
    "Turkey": ("Turkey", "Turquie"), "JNIM": ("JNIM", "JNIM"),
}
EVENT_TYPE_NAMES = {
    "deployment": ("deployment", "déploiement"),
    "base_opened": ("base opened", "base ouverte"),
    "presence_reported": ("presence reported", "présence rapportée"),
    "withdrawal_completed": ("withdrawal completed", "retrait achevé"),
    "base_handed_over": ("base handed over", "base rétrocédée"),
    "operation_ended": ("operation ended", "fin d'opération"),
    "withdrawal_announced": ("withdrawal announced", "retrait annoncé"),
    "expulsion_ordered": ("expulsion ordered", "départ exigé"),
    "agreement_revoked": ("agreement revoked", "accord dénoncé"),
    "withdrawal_started": ("withdrawal started", "retrait commencé"),
    "mandate_ended": ("mandate ended", "fin de mandat"),
    "agreement_signed": ("agreement signed", "accord signé"),
    "coup": ("coup", "coup d'État"),
    "alliance_formed": ("alliance formed", "alliance créée"),
    "joint_force_launched": ("joint force launched", "force conjointe lancée"),
    "sanctions_imposed": ("sanctions imposed", "sanctions imposées"),
    "sanctions_lifted": ("sanctions lifted", "sanctions levées"),
    "border_closed": ("border closed", "frontière fermée"),
    "border_reopened": ("border reopened", "frontière rouverte"),
    "price_change": ("price change", "variation de prix"),
}
MEASURE_NAMES = {
    "economic_sanctions": ("economic sanctions", "sanctions économiques"),
    "border_closure": ("border closure", "fermeture des frontières"),
    "financial_freeze": ("financial freeze", "gel financier"),
    "trade_suspension": ("trade suspension", "suspension des échanges"),
    "electricity_cut": ("electricity cut", "coupure d'électricité"),
    "aid_suspension": ("aid suspension", "suspension de l'aide"),
    "suspension_from_bloc": ("suspension from the bloc", "suspension des instances"),
    "bloc_exit": ("leaving the bloc", "retrait de l'organisation"),
    "airspace_closure": ("airspace closure", "fermeture de l'espace aérien"),
    "travel_ban": ("travel ban", "interdiction de voyager"),
    "no_fly_zone": ("no-fly zone", "zone d'exclusion aérienne"),
    "blockade": ("blockade", "blocus"),
    "import_levy": ("import levy", "prélèvement sur les importations"),
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}
# Forces by their canonical (English) name in data/events.csv; a force not listed (one typed
# by a reviewer) is shown as written.
FORCE_NAMES = {
    'AES': ('AES', 'AES'),
    'AFISMA': ('AFISMA', 'Misma'),
    'Africa Corps': ('Africa Corps', 'Africa Corps'),
    'Burkinabè army (Capt. Ibrahim Traoré)': ('Burkinabè army (Capt. Ibrahim Traoré)', 'Armée burkinabè (capitaine Ibrahim Traoré)'),
    'CNRDR': ('CNRDR', 'CNRDR'),
    'CNSP': ('CNSP', 'CNSP'),
    'CNSP (Mali)': ('CNSP (Mali)', 'CNSP (Mali)'),
    'EUCAP Sahel Niger': ('EUCAP Sahel Niger', 'EUCAP Sahel Niger'),
    'EUMPM Niger': ('EUMPM Niger', 'EUMPM Niger'),
    'EUTM Mali': ('EUTM Mali', 'EUTM Mali'),
    'French forces in Niger': ('French forces in Niger', 'Forces françaises au Niger'),
    'German forces in Mali': ('German forces in Mali', 'Forces allemandes au Mali'),
    'German forces in Niger': ('German forces in Niger', 'Forces allemandes au Niger'),
    'MINUSMA': ('MINUSMA', 'Minusma'),
    'MISIN': ('MISIN', 'MISIN'),
    'MPSR': ('MPSR', 'MPSR'),
    'Malian army (Col. Assimi Goïta)': ('Malian army (Col. Assimi Goïta)', 'Armée malienne (colonel Assimi Goïta)'),
    'Operation Barkhane': ('Operation Barkhane', 'Opération Barkhane'),
    'Operation Sabre': ('Operation Sabre', 'Opération Sabre'),
    'Operation Serval': ('Operation Serval', 'Opération Serval'),
    'Russian forces in Burkina Faso': ('Russian forces in Burkina Faso', 'Forces russes au Burkina Faso'),
    'Russian forces in Mali': ('Russian forces in Mali', 'Forces russes au Mali'),
    'Russian forces in Niger': ('Russian forces in Niger', 'Forces russes au Niger'),
    'Task Force Takuba': ('Task Force Takuba', 'Task Force Takuba'),
    'Turkish forces in Niger': ('Turkish forces in Niger', 'Forces turques au Niger'),
    'US forces in Niger': ('US forces in Niger', 'Forces américaines au Niger'),
    'Wagner Group': ('Wagner Group', 'Groupe Wagner'),
}
NAME_TABLES = {"country": COUNTRY_NAMES, "actor": ACTOR_NAMES, "event_type": EVENT_TYPE_NAMES,
               "measure": MEASURE_NAMES, "force": FORCE_NAMES}


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def t(key: str, lang: str = "en", **values) -> str:
    text = STRINGS[key][LANGS.index(normalise_lang(lang))]
    return text.format(**values) if values else text


def name(kind: str, value, lang: str = "en") -> str:
    """A country, actor, force, event type or measure in the interface language (the value if
    unknown, '' if missing: never the text 'nan')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    pair = NAME_TABLES[kind].get(value)
    return pair[LANGS.index(normalise_lang(lang))] if pair else str(value)


def summary(row, lang: str = "en") -> str:
    """A record's summary in the interface language: the curated French one where written."""
    get = row.get if hasattr(row, "get") else lambda k, d=None: getattr(row, k, d)
    french = get("summary_fr")
    if normalise_lang(lang) == "fr" and isinstance(french, str) and french.strip():
        return french
    text = get("summary")
    return text if isinstance(text, str) else ""


def fmt_number(value, lang: str = "en") -> str:
    text = f"{int(value):,}"
    return text.replace(",", "\u202f") if normalise_lang(lang) == "fr" else text


def fmt_range(low, high, lang: str = "en") -> str:
    if pd.isna(low):
        return ""
    if pd.isna(high) or low == high:
        return fmt_number(low, lang)
    return f"{fmt_number(low, lang)}–{fmt_number(high, lang)}"


def fmt_date(value, precision: str | None = "day", lang: str = "en") -> str:
    """A date written at its precision: '15 August 2022', 'August 2022', 'Q3 2022' or '2022'."""
    if value is None or pd.isna(value):
        return ""
    d = pd.Timestamp(value)
    month = MONTHS[normalise_lang(lang)][d.month - 1]
    if precision == "year":
        return str(d.year)
    if precision == "quarter":  # French writes T (trimestre) where English writes Q
        return f"{'T' if normalise_lang(lang) == 'fr' else 'Q'}{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "month":
        return f"{month} {d.year}"
    return f"{d.day} {month} {d.year}"


def fmt_span(earlier, later, lang: str = "en") -> str:
    """How long from `earlier` to `later`: days under a month, months under two years, then years."""
    a, b = pd.Timestamp(earlier), pd.Timestamp(later)
    days = (b - a).days
    months = (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)
    if months < 1:
        n, unit = days, "day"
    elif months < 24:
        n, unit = months, "month"
    else:
        n, unit = months // 12, "year"
    return t(f"age.{unit}", lang) if n == 1 else t(f"age.{unit}s", lang, n=n)


def fmt_strength(low, high, reported, when=None, lang: str = "en", today: bool = False,
                 stale: bool = False) -> str:
    """'250–350 troops (reported August 2023, 3 years ago): figure over 12 months old', or
    '' when no figure is known. French elides: « chiffre d'août 2023 »."""
    troops = fmt_range(low, high, lang)
    if not troops:
        return ""
    date = fmt_date(reported, "month", lang)
    age = f", {fmt_age(reported, when, lang, today)}" if when is not None and date else ""
    de = "d'" if date[:1].lower() in "aeiouéèh" else "de "
    text = t("hover.strength", lang, troops=troops, date=date, age=age, de=de)
    return f"{text}: {t('hover.troops_stale', lang)}" if stale else text


def fmt_age(earlier, when, lang: str = "en", today: bool = False) -> str:
    """'10 months ago' when `when` is today, '10 months before this date' otherwise."""
    if pd.isna(earlier):
        return ""
    if (pd.Timestamp(when) - pd.Timestamp(earlier)).days <= 0:
        return t("age.today", lang)
    return t("age.ago" if today else "age.before", lang, span=fmt_span(earlier, when, lang))


def fmt_month(value: dt.date | pd.Timestamp | str, lang: str = "en") -> str:
    return fmt_date(pd.Timestamp(value), "month", lang)


def all_keys_complete() -> list[str]:
    """Keys whose text is missing in a language (an empty list when the tables are complete)."""
    missing = [k for k, pair in STRINGS.items() if len(pair) != len(LANGS) or not all(pair)]
    for kind, table in NAME_TABLES.items():
        missing += [f"{kind}:{k}" for k, pair in table.items() if len(pair) != 2 or not all(pair)]
    for actor in vocab.ACTORS:
        if actor not in ACTOR_NAMES:
            missing.append(f"actor:{actor}")
    for et in vocab.EVENT_TYPES:
        if et not in EVENT_TYPE_NAMES:
            missing.append(f"event_type:{et}")
    for m in vocab.SANCTION_MEASURES:
        if m not in MEASURE_NAMES:
            missing.append(f"measure:{m}")
    return missing
