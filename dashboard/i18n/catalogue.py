"""The interface's text in English and French: one entry per key, (English, French).

An entry is a plain string, or `Plural(one, other)` when it counts something: `t` and `tn`
choose the form by the language's plural rule for the count `n` (CLDR, through Babel: English
"1 day", "0 days"; French "0 jour", "1 jour", "2 jours"). A sentence that counts several things
names a counting entry in its field, `{forces:count.forces}`, which writes "1 force" or
"3 forces" by the same rule. Placeholders are filled with `str.format`.
"""

from __future__ import annotations

from typing import NamedTuple


class Plural(NamedTuple):
    """One text per plural category: `one` for the singular ("1 day"; French also 0), `other`
    for the rest (French "many", a round million, takes `other`)."""

    one: str
    other: str

    def form(self, category: str) -> str:
        return self.one if category == "one" else self.other


Text = str | Plural

STRINGS: dict[str, tuple[Text, Text]] = {
    # app frame
    "app.title": ("Sahel Presence Monitor", "Observatoire des présences au Sahel"),
    "app.tagline": (
        "Foreign forces, sanctions and prices in Mali, Burkina Faso and Niger, every figure with its source.",
        "Forces étrangères, sanctions et prix au Mali, au Burkina Faso et au Niger, "
        "chaque chiffre avec sa source.",
    ),
    "app.language": ("Language", "Langue"),
    "app.newest": (
        "Newest evidence in the data: {date} ({age}).",
        "Preuve la plus récente des données : {date} ({age}).",
    ),
    "nav.map": ("Map", "Carte"),
    "nav.timeline": ("Timeline", "Chronologie"),
    "nav.indicators": ("Indicators", "Indicateurs"),
    "nav.sources": ("Sources", "Sources"),
    "nav.present": ("Presentation", "Présentation"),
    "notice.bad_param": (
        "Ignored the URL parameter {name}={value}: {why}.",
        "Paramètre d'URL ignoré {name}={value} : {why}.",
    ),
    "notice.not_a_date": (
        "not a date (use YYYY-MM or YYYY-MM-DD)",
        "date invalide (format AAAA-MM ou AAAA-MM-JJ)",
    ),
    "notice.out_of_range": ("outside the data's range", "hors de la période couverte"),
    "notice.unknown_value": ("unknown value", "valeur inconnue"),
    "notice.store_stale": (
        "The database does not answer since {since}: showing the data as it stood then. New "
        "reviews and imports show up as soon as it answers again.",
        "La base de données ne répond plus depuis {since} : les données sont affichées telles "
        "qu'elles étaient alors. Les nouvelles relectures et importations apparaîtront dès "
        "qu'elle répondra de nouveau.",
    ),
    "notice.store_unavailable": (
        "The store cannot be opened: showing the bundled data only, and "
        "nothing can be saved. The dashboard goes back to the store by itself "
        "as soon as it is free (if it stays closed, an administrator must fix it).",
        "Le stockage ne peut pas être ouvert : seules les données livrées "
        "sont affichées, et rien ne peut être enregistré. Le tableau de bord "
        "y revient de lui-même dès qu'il est libre (sinon, un administrateur "
        "doit le réparer).",
    ),
    "notice.rows_skipped": (
        Plural(
            "{n} reviewed record is left out of every page: its dates lie outside 1960 to "
            "today. A reviewer can withdraw it on the Sources page.",
            "{n} reviewed records are left out of every page: their dates lie outside 1960 to "
            "today. A reviewer can withdraw them on the Sources page.",
        ),
        Plural(
            "{n} enregistrement relu est écarté de toutes les pages : ses dates sont hors de la "
            "période 1960 à aujourd'hui. Un relecteur peut le retirer sur la page Sources.",
            "{n} enregistrements relus sont écartés de toutes les pages : leurs dates sont hors "
            "de la période 1960 à aujourd'hui. Un relecteur peut les retirer sur la page "
            "Sources.",
        ),
    ),
    "notice.data_invalid": (
        "The data files failed their checks and were not loaded: the pages show "
        "the data as last loaded. An administrator can run `python -m dashboard "
        "validate` to see why.",
        "Les fichiers de données n'ont pas passé leurs contrôles et n'ont pas été "
        "chargés : les pages montrent les données du dernier chargement. Un "
        "administrateur peut lancer `python -m dashboard validate` pour savoir "
        "pourquoi.",
    ),
    # map page
    "map.title": ("Who is where", "Qui est où"),
    "map.date": (
        "Map date (end of month; today for this month)",
        "Date de la carte (fin du mois ; aujourd'hui pour ce mois)",
    ),
    "map.today": ("today, {date}", "aujourd'hui, {date}"),
    "map.newest": ("Newest evidence: {date} ({age}).", "Preuve la plus récente : {date} ({age})."),
    "map.newest_none": (
        "No evidence recorded on or before this date.",
        "Aucune preuve enregistrée à cette date ou avant.",
    ),
    "map.newest_by_country": ("Newest per country: {list}.", "La plus récente par pays : {list}."),
    "map.stale": ("Last confirmed > 12 months", "Confirmées il y a > 12 mois"),
    "map.stale_help": (
        "Forces still counted as present, whose newest evidence is more than 12 "
        "months older than the map's date: drawn with an open dotted marker.",
        "Forces toujours comptées présentes, dont la preuve la plus récente a plus de "
        "12 mois à la date de la carte : marqueur creux pointé.",
    ),
    "map.present_help": (
        "Forces present whose newest evidence is at most 12 months old at the map's date.",
        "Forces présentes dont la preuve la plus récente a au plus 12 mois à la date de la carte.",
    ),
    "map.legend_stale": ("last confirmed over a year ago (dotted)", "confirmée il y a plus d'un an (pointé)"),
    "map.stale_tag": ("last confirmed {date}, {age}", "dernière confirmation {date}, {age}"),
    "map.play": ("Play", "Lecture"),
    "map.window": ("Changes over the last", "Changements sur les derniers"),
    "map.months": (Plural("{n} month", "{n} months"), "{n} mois"),
    "map.present": ("Confirmed ≤ 12 months", "Confirmées ≤ 12 mois"),
    "map.actors_present": ("Foreign actors present", "Acteurs étrangers présents"),
    "map.left_window": ("Forces that left in the window", "Forces parties sur la période"),
    "map.left_total": ("Forces that left since 2013", "Forces parties depuis 2013"),
    "map.headline": (
        "At the end of {date}: {present:count.forces} of "
        "{actors:count.foreign_actors} present; {left:count.forces_left} between "
        "{start} and {date}.",
        "Fin {date} : {present:count.forces_present}, de "
        "{actors:count.foreign_actors} ; {left:count.forces_left} entre {start} et "
        "{date}.",
    ),
    "map.legend_left": ("left (small hollow marker)", "départ effectué (petit marqueur creux)"),
    "map.changes": ("What changed", "Ce qui a changé"),
    "map.changes_cut": (
        "The newest {n} of {total} changes; the timeline lists them all.",
        "Les {n} plus récents des {total} changements ; la chronologie les liste tous.",
    ),
    "map.no_changes": (
        "No recorded change in this window.",
        "Aucun changement enregistré sur cette période.",
    ),
    "map.present_list": ("Present at this date", "Présentes à cette date"),
    "map.present_cut": (
        "The first {n} of {total} forces present, by actor and name; {rest} more are on the map only.",
        "Les {n} premières des {total} forces présentes, par acteur et par nom ; "
        "{rest} autres figurent seulement sur la carte.",
    ),
    "map.nobody": (
        "No foreign force is recorded at this date.",
        "Aucune force étrangère enregistrée à cette date.",
    ),
    "map.selected": ("Selected on the map", "Sélection sur la carte"),
    "map.click_hint": ("Click a marker for its sources.", "Cliquez sur un marqueur pour ses sources."),
    # hover and details
    "hover.since": ("since", "depuis"),
    "hover.first_reported": ("first reported", "première mention"),
    "hover.last_confirmed": ("last confirmed {date} ({age})", "dernière confirmation {date} ({age})"),
    "hover.latest_evidence": ("latest evidence {date}", "preuve la plus récente {date}"),
    "hover.strength_at": (
        "strength: the force's figure in this country is shown at {place}",
        "effectif : le chiffre de la force dans ce pays figure à {place}",
    ),
    "hover.strength_countrywide": (
        "strength: the force's figure in this country is on its country-wide marker",
        "effectif : le chiffre de la force dans ce pays figure sur son marqueur « ensemble du pays »",
    ),
    "hover.troops_stale": ("figure over 12 months old", "chiffre de plus de 12 mois"),
    "hover.strength_stale": ("{strength}: {stale}", "{strength} : {stale}"),
    "hover.troops_age": ("{age}", "{age}"),
    "source.strongest": ("strongest source: {grade}", "source la plus solide : {grade}"),
    "source.weak": (
        "⚠ only copies, state media or weak sources",
        "⚠ seulement copies, médias d'État ou sources faibles",
    ),
    "source.ungraded": ("sources not graded", "sources non évaluées"),
    "age.today": ("on this date", "à cette date"),
    "age.ago": ("{span} ago", "il y a {span}"),
    "age.before": ("{span} before this date", "{span} avant cette date"),
    "age.day": ("1 day", "1 jour"),
    "age.month": ("1 month", "1 mois"),
    "age.year": ("1 year", "1 an"),
    "age.days": (Plural("{n} day", "{n} days"), Plural("{n} jour", "{n} jours")),
    "age.months": (Plural("{n} month", "{n} months"), "{n} mois"),
    "age.years": (Plural("{n} year", "{n} years"), Plural("{n} an", "{n} ans")),
    "hover.until": ("until", "jusqu'au"),
    "hover.leaving": ("leaving announced", "départ annoncé"),
    "hover.troops": ("troops", "militaires"),
    "hover.strength": (
        "{troops} troops (reported {date}{age})",
        "{troops} militaires (chiffre {de}{date}{age})",
    ),
    "hover.troops_unknown": ("strength not reported", "effectif non rapporté"),
    "hover.sources": ("sources", "sources"),
    "hover.countrywide": ("country-wide", "ensemble du pays"),
    "hover.month_share": ("of the month present", "du mois en présence"),
    "hover.quarter_share": ("of the quarter present", "du trimestre en présence"),
    "hover.year_share": ("of the year present", "de l'année en présence"),
    "hover.merged": (
        "{n:count.periods} of presence at {places:count.places}, drawn as one bar",
        "{n:count.periods} de présence sur {places:count.places}, en une seule barre",
    ),
    "hover.left": ("left", "départ effectué"),
    "hover.grouped": (
        "{n:count.periods} of presence of {forces:count.forces}, drawn as one marker",
        "{n:count.periods} de présence de {forces:count.forces}, en un seul marqueur",
    ),
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
    "src.intro": (
        "Every event, sanction and price cites these sources. Reviewers can add articles: "
        "candidate events are extracted and wait for review before they reach the map.",
        "Chaque événement, sanction et prix cite ces sources. Les relecteurs peuvent ajouter "
        "des articles : les événements extraits attendent une relecture avant la carte.",
    ),
    "src.search": ("Search sources", "Rechercher des sources"),
    "src.cut": (
        "The {n} newest of {total} sources; search to find the others.",
        "Les {n} sources les plus récentes sur {total} ; cherchez pour trouver les autres.",
    ),
    "src.count": (Plural("{n} source", "{n} sources"), Plural("{n} source", "{n} sources")),
    "src.token": ("Reviewer token", "Jeton de relecteur"),
    "src.token_help": (
        "Needed to add articles and review candidates.",
        "Nécessaire pour ajouter des articles et relire les candidats.",
    ),
    "src.token_wrong": ("This token is not valid.", "Ce jeton n'est pas valide."),
    "src.token_wait": (
        "Too many attempts: wait {s} s, then try again.",
        "Trop de tentatives : attendez {s} s, puis réessayez.",
    ),
    "src.token_retry": ("Try again", "Réessayer"),
    "src.token_locked": (
        "Too many wrong tokens from this address: locked for {m} min.",
        "Trop de jetons erronés depuis cette adresse : bloqué pour {m} min.",
    ),
    "src.token_misconfigured": (
        "The reviewer token configured on this server is too short or a "
        "placeholder: review is off until an administrator sets a proper one.",
        "Le jeton de relecteur configuré sur ce serveur est trop court ou "
        "provisoire : la relecture est désactivée jusqu'à ce qu'un "
        "administrateur en fixe un vrai.",
    ),
    "src.signed_in": ("Signed in as a reviewer.", "Connecté en tant que relecteur."),
    "src.sign_out": ("Sign out", "Se déconnecter"),
    "src.reviewed_meanwhile": (
        "Not stored: {id} was reviewed meanwhile by {who}, in another window or on another "
        "server. Nothing from your form was saved.",
        "Non enregistré : {id} a été relu entre-temps par {who}, dans une autre fenêtre ou sur "
        "un autre serveur. Rien de votre formulaire n'a été enregistré.",
    ),
    "src.more_waiting": (
        "Stories waiting beyond these cards: {n}. They come up as you clear these.",
        "Récits en attente au-delà de ces fiches : {n}. Ils arrivent à mesure que vous traitez celles-ci.",
    ),
    "src.held_by_others": (
        "Stories open with other reviewers, not shown here: {n}. Each comes back to the queue "
        "when it is left alone for {m} minutes.",
        "Récits ouverts par d'autres relecteurs, non affichés ici : {n}. Chacun revient dans la "
        "file quand il reste {m} minutes sans suite.",
    ),
    "src.name_to_hold": (
        "Give your name in the sidebar: the cards you open are then kept for you, and other "
        "reviewers get other ones.",
        "Indiquez votre nom dans la barre latérale : les fiches que vous ouvrez vous sont alors "
        "réservées, et les autres relecteurs en reçoivent d'autres.",
    ),
    "src.read_only_store": (
        "Read-only: the store cannot be opened, so nothing can be reviewed or saved for now.",
        "Lecture seule : le stockage ne peut pas être ouvert, rien ne peut être relu ni "
        "enregistré pour l'instant.",
    ),
    "src.read_only": (
        "Read-only: no reviewer credential is configured on this server.",
        "Lecture seule : aucun identifiant de relecteur n'est configuré sur ce serveur.",
    ),
    "src.upload": (
        "Add articles (text, Markdown or HTML, English or French)",
        "Ajouter des articles (texte, Markdown ou HTML, anglais ou français)",
    ),
    "src.meta": ("Metadata when the file has none", "Métadonnées si le fichier n'en a pas"),
    "src.meta_title": ("Title", "Titre"),
    "src.meta_publisher": ("Publisher", "Éditeur"),
    "src.meta_published": ("Publication date (YYYY-MM-DD)", "Date de publication (AAAA-MM-JJ)"),
    "src.meta_url": ("Address (URL)", "Adresse (URL)"),
    "src.meta_language": ("Language", "Langue"),
    "src.ingest": ("Extract candidates", "Extraire les candidats"),
    "src.result_stored": ("{name}: {message}", "{name} : {message}"),
    # Why an article file was refused, and what became of each file (dashboard.ingest).
    "article.unsupported": (
        "unsupported file type '{ext}'. Upload a plain-text (.txt), Markdown (.md) or HTML (.html) file.",
        "type de fichier non pris en charge « {ext} ». Déposez un fichier texte (.txt), Markdown (.md) ou HTML (.html).",
    ),
    "article.empty": ("the file is empty.", "le fichier est vide."),
    "article.too_big": (
        "the file is {size} bytes; the limit is {limit} bytes. Upload the article text only.",
        "le fichier fait {size} octets ; la limite est de {limit} octets. Déposez seulement le texte de l'article.",
    ),
    "article.html_unreadable": (
        "the HTML could not be read ({error}).",
        "le HTML n'a pas pu être lu ({error}).",
    ),
    "article.html_empty": (
        "the HTML page contains no readable text (it may be broken, or be only scripts and markup).",
        "la page HTML ne contient aucun texte lisible (elle est peut-être abîmée, ou faite seulement de scripts et de balises).",
    ),
    "article.no_text": (
        "the file has a header but no article text.",
        "le fichier a un en-tête mais pas de texte d'article.",
    ),
    "article.binary_nul": (
        "this looks like a binary file (it contains NUL bytes), not a text article.",
        "ce fichier semble binaire (il contient des octets NUL) : ce n'est pas un article en texte.",
    ),
    "article.binary": (
        "this looks like a binary file (mostly non-text characters), not a text article.",
        "ce fichier semble binaire (surtout des caractères qui ne sont pas du texte) : ce n'est pas un article en texte.",
    ),
    "article.encoding": (
        "the text encoding could not be recognised: it is not valid UTF-8 (byte {byte} at position {position}) and does not read as Windows-1252 text either. Save the file as UTF-8 and upload it again.",
        "l'encodage du texte n'a pas été reconnu : ce n'est pas de l'UTF-8 valide (octet {byte} à la position {position}) ni du texte Windows-1252. Enregistrez le fichier en UTF-8 et déposez-le à nouveau.",
    ),
    "article.date_implausible": (
        "the publication date '{value}' cannot be right (it must lie between {first} and {last}), so it is treated as unknown. Add a 'published: YYYY-MM-DD' line to the header, or enter the date in the form: it is needed to resolve dates such as 'yesterday' or 'in March'.",
        "la date de publication « {value} » ne peut pas être juste (elle doit se situer entre {first} et {last}) ; elle est donc tenue pour inconnue. Ajoutez une ligne « published: AAAA-MM-JJ » à l'en-tête, ou saisissez la date dans le formulaire : elle sert à situer des dates comme « hier » ou « en mars ».",
    ),
    "article.date_unreadable": (
        "the publication date '{value}' could not be read. Write it as YYYY-MM-DD.",
        "la date de publication « {value} » n'a pas pu être lue. Écrivez-la AAAA-MM-JJ.",
    ),
    "article.no_date": (
        "no publication date found. Add a 'published: YYYY-MM-DD' line to the header, or enter the date in the form: it is needed to resolve dates such as 'yesterday' or 'in March'.",
        "aucune date de publication trouvée. Ajoutez une ligne « published: AAAA-MM-JJ » à l'en-tête, ou saisissez la date dans le formulaire : elle sert à situer des dates comme « hier » ou « en mars ».",
    ),
    "ingest.stored": (
        Plural("{n} candidate for review", "{n} candidates for review"),
        Plural("{n} candidat à relire", "{n} candidats à relire"),
    ),
    "ingest.duplicate": ("already stored: nothing changed", "déjà enregistré : rien n'a changé"),
    "ingest.too_slow": (
        "extraction took longer than {seconds} s ({chars} characters of text) and was stopped; nothing was stored. Split the article into smaller files and upload them again.",
        "la lecture a pris plus de {seconds} s ({chars} caractères de texte) et a été arrêtée ; rien n'a été enregistré. Coupez l'article en fichiers plus petits et déposez-les à nouveau.",
    ),
    "ingest.internal": (
        "could not be {step} because of an internal error ({error}); nothing was stored",
        "n'a pas pu être {step} à cause d'une erreur interne ({error}) ; rien n'a été enregistré",
    ),
    "ingest.store_failed": (
        "could not be stored ({error}); nothing was stored",
        "n'a pas pu être enregistré ({error}) ; rien n'a été enregistré",
    ),
    "ingest.step_read": ("read", "lu"),
    "ingest.step_extracted": ("extracted", "analysé"),
    "ingest.step_ingested": ("ingested", "intégré"),
    "ingest.unreadable": ("cannot be read: {error}", "illisible : {error}"),
    "src.queue": ("Review queue", "File de relecture"),
    "src.queue_reliability": (
        "Candidates are proposed by rules. On {n} reports written apart from them (blind test, "
        "{date}), they found {found_en} of the events a careful reader lists in English and "
        "{found_fr} in French; {right_en} (English) and {right_fr} (French) of the candidates were "
        "right. Check each against its evidence; the article may tell of events they missed.",
        "Les candidats sont proposés par des règles. Sur {n} articles écrits sans elles (test "
        "à l'aveugle, {date}), elles ont trouvé {found_en} des événements qu'un lecteur attentif "
        "relève en anglais et {found_fr} en français ; {right_en} (anglais) et {right_fr} "
        "(français) des candidats étaient justes. Vérifiez chacun sur son extrait ; l'article "
        "peut relater des événements qu'elles ont manqués.",
    ),
    "src.queue_empty": ("No candidate waits for review.", "Aucun candidat en attente."),
    "src.accept": ("Accept", "Accepter"),
    "src.reject": ("Reject", "Rejeter"),
    "src.accepted": (
        "Accepted: {event_id} is stored in {table}.",
        "Accepté : {event_id} est enregistré dans {table}.",
    ),
    "src.choose": ("Choose…", "Choisir…"),
    "src.country_wide": ("country-wide (no place)", "ensemble du pays (sans lieu)"),
    "src.kind_event": ("troop event → events", "événement militaire → événements"),
    "src.kind_price": ("price → prices", "prix → prix"),
    "src.kind_sanction": ("sanction → sanctions", "sanction → sanctions"),
    "src.invalid_missing": (
        "Not accepted. Fill in or choose: {fields}",
        "Non accepté. À remplir ou choisir : {fields}",
    ),
    "src.to_fill": ("To fill in before Accept: {fields}", "À remplir avant d'accepter : {fields}"),
    "src.reviewer_name": ("Your name (for the review log)", "Votre nom (pour le journal de relecture)"),
    "src.reviewer_name_help": (
        "Every accept and reject is logged with this name.",
        "Chaque acceptation et rejet est journalisé sous ce nom.",
    ),
    "src.log": ("Review log", "Journal de relecture"),
    "src.similar": (
        "Already recorded? Stored events with the same country, actor, type and date: "
        "{ids}. Reject this candidate if it says the same.",
        "Déjà enregistré ? Événements du même pays, acteur, type et date : {ids}. "
        "Rejetez ce candidat s'il dit la même chose.",
    ),
    "src.bad_url": (
        "The address must start with http:// or https://: nothing was stored.",
        "L'adresse doit commencer par http:// ou https:// : rien n'a été enregistré.",
    ),
    "src.withdraw": (
        "Withdraw an accepted record (the log keeps both decisions)",
        "Retirer un enregistrement accepté (le journal garde les deux décisions)",
    ),
    "src.withdraw_pick": ("Accepted record", "Enregistrement accepté"),
    "src.withdraw_button": ("Withdraw", "Retirer"),
    "src.withdrawn": (
        "Withdrawn: {record} is no longer in {table}.",
        "Retiré : {record} n'est plus dans {table}.",
    ),
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
    "precision.day": ("day", "jour"),
    "precision.month": ("month", "mois"),
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
    "src.samples": ("Sample briefs", "Brèves d'exemple"),
    "src.samples_note": (
        "No article has been uploaded yet. These briefs come with the dashboard: "
        "test material for the article reader, not sources of the map. The "
        "highlighted sentences are what it would propose for review.",
        "Aucun article n'a encore été déposé. Ces brèves sont fournies avec le "
        "tableau de bord : des textes d'essai pour le lecteur d'articles, pas des "
        "sources de la carte. Les phrases surlignées sont ce qu'il proposerait "
        "à la relecture.",
    ),
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
    "present.title": (
        "Foreign forces in the Sahel, 2012 to today",
        "Les forces étrangères au Sahel, de 2012 à aujourd'hui",
    ),
    "present.step": ("Step {n} of {total}", "Étape {n} sur {total}"),
    "present.next": ("Next", "Suivant"),
    "present.prev": ("Previous", "Précédent"),
    "present.autoplay": ("Autoplay", "Lecture automatique"),
    "present.sources": ("Sources", "Sources"),
    "list.more": ("and {n} more", Plural("et {n} autre", "et {n} autres")),
    "present.milestones_cut": (
        "The first {n} of {total} milestones of the year.",
        "Les {n} premiers des {total} jalons de l'année.",
    ),
    "present.map_at": ("Situation on {date}", "Situation au {date}"),
    "present.png_hint": (
        "The camera icon above the map saves this step as a PNG image, with its title, legend and sources.",
        "L'icône appareil photo au-dessus de la carte enregistre cette étape en "
        "image PNG, avec titre, légende et sources.",
    ),
    "present.empty": ("No milestone in the data yet.", "Aucun jalon dans les données."),
    # timeline and indicators
    "timeline.title": ("Timeline: forces, sanctions and prices", "Chronologie : forces, sanctions et prix"),
    "timeline.presence": ("Foreign presence", "Présence étrangère"),
    "timeline.sanctions": ("Sanctions", "Sanctions"),
    "timeline.prices": ("Prices", "Prix"),
    "timeline.in_force": ("in force (no end reported)", "en vigueur (pas de fin rapportée)"),
    "timeline.events": ("Events", "Événements"),
    "timeline.table": ("Events in view", "Événements affichés"),
    "timeline.table_cut": (
        "The latest {n} of {total} events; the export holds them all.",
        "Les {n} derniers des {total} événements ; l'export les contient tous.",
    ),
    "timeline.no_events": ("No event matches these filters.", "Aucun événement ne correspond à ces filtres."),
    "timeline.no_sanctions": (
        "No sanction matches these filters.",
        "Aucune sanction ne correspond à ces filtres.",
    ),
    "timeline.no_prices": ("No price matches these filters.", "Aucun prix ne correspond à ces filtres."),
    "timeline.counts": (
        "{events:count.events}, {forces:count.force_presences}, "
        "{sanctions:count.sanction_measures}, {prices:count.price_figures} in view.",
        "{events:count.events}, {forces:count.force_presences}, "
        "{sanctions:count.sanction_measures}, {prices:count.price_figures} affichés.",
    ),
    "filter.heading": ("Filters", "Filtres"),
    "filter.country": ("Countries", "Pays"),
    "filter.actor": ("Actors", "Acteurs"),
    "filter.type": ("Event types and measures", "Types d'événement et mesures"),
    "filter.choose": ("Choose…", "Choisir…"),
    "filter.from": ("From", "Du"),
    "filter.to": ("To", "Au"),
    "filter.text": ("Text", "Texte"),
    "filter.reset": ("Clear filters", "Effacer les filtres"),
    "filter.share": (
        "This page's address reopens exactly this view: copy it to share.",
        "L'adresse de cette page rouvre exactement cette vue : copiez-la pour la partager.",
    ),
    "export.heading": ("Export what is in view", "Exporter la sélection"),
    "export.csv": ("{what}: CSV (HXL)", "{what} : CSV (HXL)"),
    "export.json": ("{what}: JSON", "{what} : JSON"),
    "export.excel": ("{what}: CSV for Excel", "{what} : CSV pour Excel"),
    "export.excel_hint": (
        "“CSV for Excel” is the same file with a UTF-8 byte-order mark, so that "
        "Excel shows accents right (é, è, ç) on any PC; the HXL row and the columns "
        "are the same.",
        "« CSV pour Excel » est le même fichier avec une marque d'ordre des octets "
        "UTF-8, pour qu'Excel affiche bien les accents (é, è, ç) sur tout PC ; la "
        "ligne HXL et les colonnes sont les mêmes.",
    ),
    "export.png": (
        "Charts: the camera icon above each chart saves it as PNG.",
        "Graphiques : l'icône appareil photo au-dessus de chaque graphique l'enregistre en PNG.",
    ),
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
    "indicators.baseline": (
        "Baseline (compare later prices with the last figure on or before)",
        "Référence (comparer les prix suivants au dernier chiffre à cette date ou avant)",
    ),
    "indicators.mode": ("Show", "Afficher"),
    "indicators.mode_value": ("prices", "prix"),
    "indicators.mode_change": ("change against the baseline", "variation par rapport à la référence"),
    "indicators.no_baseline": (
        "No price series has a figure on or before the baseline.",
        "Aucune série de prix n'a de chiffre à la date de référence ou avant.",
    ),
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
    # counting phrases: tn("count.sources", n, lang), or a field {n:count.sources} in a sentence
    "count.events": (Plural("{n} event", "{n} events"), Plural("{n} événement", "{n} événements")),
    "count.sources": (Plural("{n} source", "{n} sources"), Plural("{n} source", "{n} sources")),
    "count.forces": (Plural("{n} force", "{n} forces"), Plural("{n} force", "{n} forces")),
    "count.forces_present": (
        Plural("{n} force present", "{n} forces present"),
        Plural("{n} force présente", "{n} forces présentes"),
    ),
    "count.forces_left": (
        Plural("{n} force left", "{n} forces left"),
        Plural("{n} force partie", "{n} forces parties"),
    ),
    "count.foreign_actors": (
        Plural("{n} foreign actor", "{n} foreign actors"),
        Plural("{n} acteur étranger", "{n} acteurs étrangers"),
    ),
    "count.periods": (Plural("{n} period", "{n} periods"), Plural("{n} période", "{n} périodes")),
    "count.places": (Plural("{n} place", "{n} places"), Plural("{n} site", "{n} sites")),
    "count.force_presences": (
        Plural("{n} force presence", "{n} force presences"),
        Plural("{n} présence de force", "{n} présences de forces"),
    ),
    "count.sanction_measures": (
        Plural("{n} sanction measure", "{n} sanction measures"),
        Plural("{n} mesure de sanction", "{n} mesures de sanction"),
    ),
    "count.price_figures": (Plural("{n} price figure", "{n} price figures"), Plural("{n} prix", "{n} prix")),
    # presentation mode: the way back to the dashboard
    "present.to_map": ("Back to the map", "Retour à la carte"),
    # timeline and indicators: price units, legends, the baseline month, typed dates
    "notice.not_a_month": ("not a month (use YYYY-MM)", "mois invalide (format AAAA-MM)"),
    "filter.date_placeholder": ("YYYY-MM-DD", "AAAA-MM-JJ"),
    "filter.bad_date": (
        "“{value}” is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, then press Enter.",
        "« {value} » n'est pas une date : écrivez AAAA-MM-JJ, AAAA-MM ou AAAA, puis Entrée.",
    ),
    "filter.date_order": (
        "The start date comes after the end date: it is ignored.",
        "La date de début est postérieure à la date de fin : elle est ignorée.",
    ),
    "indicators.base_month": (
        "Baseline month (each series against its last figure up to the end of that month)",
        "Mois de référence (chaque série comparée à son dernier chiffre jusqu'à la fin de ce mois)",
    ),
    "indicators.base_unusable": (
        "No price series can be compared against {month}: showing the default baseline instead.",
        "Aucune série de prix ne peut être comparée à {month} : la référence par défaut est affichée.",
    ),
    "timeline.leaving_key": (
        "Light part of a bar: leaving announced",
        "Partie claire d'une barre : départ annoncé",
    ),
    "timeline.band_key": (
        "Pink band: a sanction in force in a country in view",
        "Bande rose : une sanction en vigueur dans un pays affiché",
    ),
    "hover.imposed_by": ("imposed by {who}", "imposée par {who}"),
    "currency.XOF": ("CFA francs", "francs CFA"),
    "prices.per_unit": ("{currency} per {unit}", "{currency} par {unit}"),
    "prices.unit_not_stated": ("{currency}, unit not stated", "{currency}, unité non précisée"),
    "prices.axis_units_differ": (
        "{price}, {currency} (unit per series: see legend)",
        "{price}, {currency} (unité selon la série : voir la légende)",
    ),
    "prices.axis_currencies_differ": (
        "{price} (currency and unit per series: see legend)",
        "{price} (monnaie et unité selon la série : voir la légende)",
    ),
    "unit.kg": ("kg", "kg"),
    "unit.litre": ("litre", "litre"),
    "unit.weight": ("{n} kg", "{n} kg"),
    "unit.sack_of": ("{n} kg sack", "sac de {n} kg"),
    "unit.bag_of": ("{n} kg bag", "sac de {n} kg"),
    "unit.sack_unsized": ("sack (size not stated)", "sac (taille non précisée)"),
    "unit.bag_unsized": ("bag (size not stated)", "sac (taille non précisée)"),
    "unit.can_unsized": ("can (size not stated)", "bidon (taille non précisée)"),
    "unit.bidon_unsized": ("jerrycan (size not stated)", "bidon (taille non précisée)"),
    "commodity.rice": ("Rice", "Riz"),
    "commodity.millet": ("Millet", "Mil"),
    "commodity.maize": ("Maize", "Maïs"),
    "commodity.sorghum": ("Sorghum", "Sorgho"),
    "commodity.coarse_grains": ("Coarse grains", "Céréales sèches"),
    "commodity.cooking_oil": ("Cooking oil", "Huile alimentaire"),
    "commodity.sugar": ("Sugar", "Sucre"),
    "commodity.petrol": ("Petrol", "Essence"),
    "commodity.diesel": ("Diesel", "Gazole"),
    "commodity.fuel": ("Fuel", "Carburant"),
    "commodity.milk_powder": ("Powdered milk", "Lait en poudre"),
    "commodity.chilli": ("Chilli", "Piment"),
    "commodity.food_general": ("Food (general)", "Alimentation (générale)"),
    # --- news feeds (fetch log, stories)
    "feeds.heading": ("News feeds", "Flux d'actualité"),
    "feeds.none": (
        "No feed has run yet. `python -m dashboard fetch` reads the sources of feeds.toml "
        "(from cron, for instance) and brings their new articles into the review queue.",
        "Aucun flux n'a encore été lu. `python -m dashboard fetch` lit les sources de "
        "feeds.toml (par exemple depuis cron) et apporte leurs nouveaux articles dans la file "
        "de relecture.",
    ),
    "feeds.taken": (
        Plural(
            "{n} fetched article was stored; its candidates wait for review.",
            "{n} fetched articles were stored; their candidates wait for review.",
        ),
        Plural(
            "{n} article récupéré a été enregistré ; ses candidats attendent la relecture.",
            "{n} articles récupérés ont été enregistrés ; leurs candidats attendent la relecture.",
        ),
    ),
    "feeds.waiting": (
        Plural(
            "{n} fetched article waits to be stored (the store cannot be written now).",
            "{n} fetched articles wait to be stored (the store cannot be written now).",
        ),
        Plural(
            "{n} article récupéré attend d'être enregistré (le stockage est en lecture seule).",
            "{n} articles récupérés attendent d'être enregistrés (le stockage est en lecture seule).",
        ),
    ),
    "feeds.more_waiting": (
        Plural(
            "{n} more fetched article waits: it is stored when this page opens again.",
            "{n} more fetched articles wait: they are stored when this page opens again.",
        ),
        Plural(
            "{n} autre article récupéré attend : il sera enregistré à la prochaine ouverture de cette page.",
            "{n} autres articles récupérés attendent : ils seront enregistrés à la prochaine ouverture de cette page.",
        ),
    ),
    "feeds.failing": (
        Plural("failed its last run", "failed its last {n} runs"),
        Plural("échec au dernier passage", "échec aux {n} derniers passages"),
    ),
    "feeds.flagged": (
        Plural("⚠ failed {n} run in a row", "⚠ failed {n} runs in a row"),
        Plural("⚠ {n} échec d'affilée", "⚠ {n} échecs d'affilée"),
    ),
    "feeds.col.source": ("Source", "Source"),
    "feeds.col.last_run": ("Last run (UTC)", "Dernier passage (UTC)"),
    "feeds.col.seen": ("Items seen", "Éléments vus"),
    "feeds.col.new": ("New", "Nouveaux"),
    "feeds.col.duplicates": ("Same story as one stored", "Même histoire qu'un article enregistré"),
    "feeds.col.failures": ("Failures", "Échecs"),
    "feeds.col.reasons": ("Why", "Pourquoi"),
    "feeds.col.newest": ("Newest item", "Élément le plus récent"),
    "feeds.col.newest_age_days": ("Its age (days)", "Son âge (jours)"),
    "feeds.col.status": ("Status", "État"),
    "feeds.ok": ("ok", "ok"),
    "feeds.also": (
        "The same story, counted once, also came from: {names}.",
        "La même histoire, comptée une fois, vient aussi de : {names}.",
    ),
    # --- WFP market prices
    "wfp.heading": ("Market prices (WFP monitoring)", "Prix sur les marchés (suivi du PAM)"),
    "wfp.attribution": ("Source: WFP, via HDX, CC BY-IGO", "Source : PAM (WFP), via HDX, CC BY-IGO"),
    "wfp.intro": (
        "Monthly retail prices per market, as WFP publishes them, each month graded in the manner of "
        "WFP's Alert for Price Spikes (ALPS): how far the price lies above its seasonal trend, in "
        "standard deviations (normal below 0.25, stress from 0.25, alert from 1, crisis from 2). "
        "Simplified: the trend is fitted on the whole stored series, so a new month can move earlier "
        "grades; a series needs 36 months (70 % of them reported) to be graded.",
        "Prix de détail mensuels par marché, tels que le PAM les publie ; chaque mois est classé à la "
        "manière de l'indicateur ALPS du PAM (alerte aux flambées de prix) : l'écart du prix à sa "
        "tendance saisonnière, en écarts-types (normal sous 0,25, tension dès 0,25, alerte dès 1, "
        "crise dès 2). Simplifié : la tendance est ajustée sur toute la série enregistrée, un nouveau "
        "mois peut donc changer les classes antérieures ; une série doit compter 36 mois (dont 70 % "
        "renseignés) pour être classée.",
    ),
    "wfp.none": (
        "No WFP market price is stored for the countries in view.",
        "Aucun prix de marché du PAM n'est enregistré pour les pays affichés.",
    ),
    "wfp.markets": ("Markets", "Marchés"),
    "wfp.good": ("Commodity", "Produit"),
    "wfp.median": (
        "Country median of the chosen markets",
        "Médiane nationale des marchés choisis",
    ),
    "wfp.median_forced": (
        "More than {n} markets are chosen: they are drawn as their median.",
        "Plus de {n} marchés sont choisis : ils sont tracés par leur médiane.",
    ),
    "wfp.median_label": (
        "Median of the chosen markets, {country} · {good}",
        "Médiane des marchés choisis, {country} · {good}",
    ),
    "wfp.mode": ("Show", "Afficher"),
    "wfp.mode_price": ("prices as published", "prix publiés"),
    "wfp.mode_change": ("change against a baseline month", "variation par rapport à un mois de référence"),
    "wfp.base_month": ("Baseline month", "Mois de référence"),
    "wfp.no_base": (
        "Left out (no price in the baseline month): {lines}",
        "Non tracées (aucun prix le mois de référence) : {lines}",
    ),
    "wfp.per_unit": ("{currency} per {unit}", "{currency} par {unit}"),
    "wfp.per_kg": ("(= {value} per kg)", "(= {value} le kg)"),
    "wfp.pricetype.retail": ("Retail", "Détail"),
    "wfp.pricetype.wholesale": ("Wholesale", "Gros"),
    "wfp.alps": ("ALPS (SD above trend)", "ALPS (écarts-types au-dessus de la tendance)"),
    "wfp.trend": ("Seasonal trend (ALPS)", "Tendance saisonnière (ALPS)"),
    "wfp.shaded": (
        "Shaded: ECOWAS and WAEMU sanctions in force",
        "Zone ombrée : sanctions de la CEDEAO et de l'UEMOA en vigueur",
    ),
    "wfp.events": ("Troop events", "Événements militaires"),
    "wfp.events_row": ("Troop events · {country}", "Événements militaires · {country}"),
    "wfp.grade.normal": ("normal", "normal"),
    "wfp.grade.stress": ("stress", "tension"),
    "wfp.grade.alert": ("alert", "alerte"),
    "wfp.grade.crisis": ("crisis", "crise"),
    "wfp.grade.none": ("not graded", "non classé"),
    "wfp.map": ("Markets by alert grade, {good}, {date}", "Marchés par niveau d'alerte, {good}, {date}"),
    "wfp.map_month": ("Map month", "Mois de la carte"),
    "wfp.no_price_month": ("{good}: no price this month", "{good} : aucun prix ce mois-ci"),
    "wfp.table": ("Market prices drawn", "Prix de marché tracés"),
    "wfp.source_kind": (
        "WFP market monitoring, via HDX (CC BY-IGO)",
        "suivi des marchés du PAM, via HDX (CC BY-IGO)",
    ),
    "wfp.claims": (
        "Article prices against the market series",
        "Prix cités par les articles et séries de marché",
    ),
    "wfp.claims_intro": (
        "Each price an article states for a place, commodity and month the WFP series cover, beside "
        "the market's price that month (retail, per kg). Where the article states or implies a change "
        "over a known period (a year-on-year percent, or two dated prices at least four weeks apart), "
        "the market's change over the same months is computed from the same markets in both months, and "
        "the two agree when they differ by at most {pp} percentage points. A national figure is set "
        "against the median of the country's markets in the store: a proxy, not a national average.",
        "Chaque prix qu'un article cite pour un lieu, un produit et un mois couverts par les séries du "
        "PAM, à côté du prix du marché ce mois-là (détail, au kg). Quand l'article indique une variation "
        "sur une période connue (un pourcentage sur un an, ou deux prix datés à au moins quatre semaines "
        "d'écart), la variation du marché sur les mêmes mois est calculée sur les mêmes marchés aux deux "
        "dates ; elles concordent quand elles diffèrent d'au plus {pp} points de pourcentage. Un chiffre "
        "national est comparé à la médiane des marchés du pays enregistrés : une approximation, pas une "
        "moyenne nationale.",
    ),
    "wfp.proxy": ("median of {n} markets (a proxy)", "médiane de {n} marchés (approximation)"),
    "wfp.basis.year_on_year": ("year on year, from {base}", "sur un an, depuis {base}"),
    "wfp.basis.two_prices": ("change from {base}", "variation depuis {base}"),
    "wfp.basis.period_under_a_month": (
        "its change spans less than a month",
        "sa variation couvre moins d'un mois",
    ),
    "wfp.basis.no_change_stated": ("no dated change stated", "aucune variation datée"),
    "wfp.verdict.agrees": ("agrees (within {pp} points)", "concorde (à {pp} points près)"),
    "wfp.verdict.differs": ("differs (by more than {pp} points)", "diffère (de plus de {pp} points)"),
    "wfp.verdict.no_market_base": (
        "not compared: no market price in the base month",
        "non comparé : aucun prix de marché le mois de départ",
    ),
    "wfp.verdict.period_under_a_month": (
        "not compared: change over less than a month",
        "non comparé : variation sur moins d'un mois",
    ),
    "wfp.verdict.no_change_stated": (
        "level only: no dated change",
        "niveau seulement : aucune variation datée",
    ),
    "wfp.upload": (
        "Import a WFP food-price file (HDX CSV)",
        "Importer un fichier de prix du PAM (CSV de HDX)",
    ),
    "wfp.upload_help": (
        "wfp_food_prices_<iso3>.csv as HDX serves it, with or without its hashtag row. A file with a "
        "fault is refused whole, and nothing is stored.",
        "wfp_food_prices_<iso3>.csv tel que HDX le sert, avec ou sans sa ligne de hashtags. Un fichier "
        "fautif est refusé en entier et rien n'est enregistré.",
    ),
    "wfp.imported": (
        "{name}: {rows} rows, {new} new, {updated} updated, {unchanged} unchanged.",
        "{name} : {rows} lignes, {new} nouvelles, {updated} mises à jour, {unchanged} inchangées.",
    ),
    "wfp.refused": ("Refused, nothing stored: {why}", "Refusé, rien n'a été enregistré : {why}"),
    "col.month": ("Month", "Mois"),
    "col.market": ("Market", "Marché"),
    "col.alps": ("ALPS score", "Score ALPS"),
    "col.alert": ("Alert grade", "Niveau d'alerte"),
    "col.article": ("Article's figure", "Chiffre de l'article"),
    "col.wfp": ("WFP series", "Série du PAM"),
    "col.market_price": ("Market price (per kg)", "Prix du marché (au kg)"),
    "col.claim_change": ("Article change (%)", "Variation de l'article (%)"),
    "col.market_change": ("Market change (%)", "Variation du marché (%)"),
    "col.verdict": ("Verdict", "Verdict"),
    "what.market_prices": ("Market prices (WFP)", "Prix de marché (PAM)"),
    # --- briefing (one-page PDF)
    "brief.title": ("Foreign forces: {countries}", "Forces étrangères : {countries}"),
    "brief.as_of": ("Situation as of {date}", "Situation au {date}"),
    "brief.produced": ("Produced on {date}", "Produit le {date}"),
    "brief.window": ("Changes from {start} to {end}", "Changements du {start} au {end}"),
    "brief.present": ("Present", "Présentes"),
    "brief.changes": ("What changed", "Ce qui a changé"),
    "brief.sanctions": ("Measures in force", "Mesures en vigueur"),
    "brief.prices": ("Prices", "Prix"),
    "brief.none": ("none recorded", "aucune enregistrée"),
    "brief.present_line": ("{force} ({actor}), since {since}", "{force} ({actor}), depuis {since}"),
    "brief.last_confirmed": ("last confirmed {date}", "dernière confirmation le {date}"),
    "brief.sanction_line": (
        "{measure} by {imposer}, since {since}",
        "{measure} par {imposer}, depuis {since}",
    ),
    "brief.legend": ("Legend:", "Légende :"),
    "brief.legend_present": (
        "filled marker: force present, confirmed within a year",
        "symbole plein : force présente, confirmée depuis moins d'un an",
    ),
    "brief.legend_stale": (
        "open marker with a dot: present, last confirmed more than a year ago",
        "symbole creux pointé : présente, dernière confirmation il y a plus d'un an",
    ),
    "brief.legend_left": (
        "small hollow marker: force that left in the window",
        "petit symbole creux : force partie pendant la période",
    ),
    "brief.legend_colour": (
        "colour and shape: the foreign partner (see the key on the map)",
        "couleur et forme : le partenaire étranger (voir la clé sur la carte)",
    ),
    "brief.sources": ("Sources", "Sources"),
    "brief.sources_note": (
        "Each line cites its strongest sources; the dashboard lists them all.",
        "Chaque ligne cite ses sources les plus solides ; le tableau de bord les donne toutes.",
    ),
    "brief.scale": ("{km} km", "{km} km"),
    "brief.map_id": ("Map ID: {id}", "Identifiant de la carte : {id}"),
    "brief.made_by": (
        "Sahel Presence Monitor: every figure from news and agency reports; rows not yet "
        "cross-checked are marked unverified in the dashboard.",
        "Sahel Presence Monitor : chaque donnée vient de dépêches et d'articles de presse ; les "
        "lignes non recoupées sont marquées non vérifiées dans le tableau de bord.",
    ),
    "brief.disclaimer": (
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations or by the makers of this map.",
        "Les frontières et les noms indiqués et les désignations employées sur cette carte "
        "n'impliquent ni reconnaissance ni acceptation officielles de la part des Nations unies "
        "ou des auteurs de cette carte.",
    ),
    "brief.more": ("and {n} more", "et {n} autres"),
    "brief.alert_line": (
        "{month}, WFP markets: {n} of {total} series above normal; worst {commodity} at {market}: {grade}",
        "{month}, marchés du PAM : {n} séries sur {total} au-dessus de la normale ; la pire, {commodity} à {market} : {grade}",
    ),
    "brief.unavailable": ("No briefing PDF here: {why}.", "Pas de note PDF ici : {why}."),
    "brief.button": ("Briefing PDF", "Note de situation (PDF)"),
    "brief.making": ("Making the briefing PDF…", "Préparation de la note PDF…"),
    # --- regions (admin-1) and GIS files
    "export.gis_heading": ("GIS files (QGIS, ArcGIS)", "Fichiers SIG (QGIS, ArcGIS)"),
    "export.gis_help": (
        "Places, events, presence intervals, WFP markets and admin-1 regions of this view, in "
        "EPSG:4326 with every source column. A Shapefile cuts names to 10 characters and text to "
        "254 (fields.csv in the zip maps the names); the GeoPackage keeps everything.",
        "Lieux, événements, périodes de présence, marchés du PAM et régions de cette vue, en "
        "EPSG:4326 avec toutes les colonnes de source. Un Shapefile coupe les noms à 10 caractères "
        "et les textes à 254 (fields.csv dans le zip donne les noms) ; le GeoPackage garde tout.",
    ),
    "export.gis_gpkg": ("GeoPackage", "GeoPackage"),
    "export.gis_geojson": ("GeoJSON", "GeoJSON"),
    "export.gis_shp": ("Shapefile (zip)", "Shapefile (zip)"),
    "region.unknown": ("region unknown", "région inconnue"),
    "wfp.unknown_market": (
        "No stored WFP market or commodity is called {names}: the link's choice is left out.",
        "Aucun marché ni produit du PAM enregistré ne s'appelle {names} : ce choix du lien est ignoré.",
    ),
    "wfp.region_grade": (
        "{region}: worst market grade this month, {grade}",
        "{region} : pire niveau des marchés ce mois-ci, {grade}",
    ),
    "col.base_km": ("Nearest foreign base (km)", "Base étrangère la plus proche (km)"),
    "col.base_force": ("Force there", "Force présente"),
    "col.base_place": ("Base", "Base"),
    "wfp.places": (
        "Markets and the nearest foreign base on {date} (geodesic distance)",
        "Marchés et base étrangère la plus proche au {date} (distance géodésique)",
    ),
    "filter.near": ("Within … km of a foreign base", "À moins de … km d'une base étrangère"),
    "filter.near_help": (
        "Only events at a place this close to a place where foreign forces were present on the "
        "event's date (geodesic distance). Empty: every event.",
        "Seulement les événements situés aussi près d'un lieu où des forces étrangères étaient "
        "présentes à la date de l'événement (distance géodésique). Vide : tous les événements.",
    ),
    "region.countrywide": ("country-wide", "tout le pays"),
    "col.admin1_name": ("Region", "Région"),
    "map.regions": ("Regions", "Régions"),
    "map.regions_help": (
        "Shade the admin-1 regions (Natural Earth, before the 2023-2025 reforms) where foreign "
        "forces are present on this date, and those they left in the window.",
        "Colorer les régions (Natural Earth, avant les réformes de 2023-2025) où des forces "
        "étrangères sont présentes à cette date, et celles qu'elles ont quittées pendant la période.",
    ),
    "map.region_present": ("region with forces present", "région avec des forces présentes"),
    "map.region_left": ("region they left in the window", "région quittée pendant la période"),
    "map.region_countrywide": (
        "country with forces present, place not given",
        "pays avec des forces présentes, lieu non précisé",
    ),
    "map.countrywide_forces": (
        "{country} · forces present, place not given: {forces}",
        "{country} · forces présentes, lieu non précisé : {forces}",
    ),
}
