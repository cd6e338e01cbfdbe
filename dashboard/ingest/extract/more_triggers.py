"""Trigger phrases for wordings the first rule set missed, by verb family (English and
French, all inflections): a base handed back or vacated, a town returned to the host's army,
a named operation closed or no longer operating, a convoy setting out, no soldier left, a
force guarding a site, a delisting or restored funding ending sanctions.

triggers.RULES takes each group ("type#part") just after the rules of its type (same
priority), and ANCHORS takes its stems, so a sentence is only searched for what its words
allow.
"""

from __future__ import annotations

import re

from dashboard.ingest.extract.numbers import COUNT_WORDS


def _gap(n: int) -> str:
    return rf"(?:[^\s.;:!?]+\s+){{0,{n}}}"


G3, G4, G6 = _gap(3), _gap(4), _gap(6)

_TROOPS = (
    r"troops|soldiers|servicemen|personnel|forces|soldats|militaires|troupes|elements|contingents?|"
    r"legionnaires|commandos|marines|mercenaries|mercenaires|paramilitaires"
)
_BASE = r"base|air base|camp|site|facility|airfield|platform|plateforme|emprise|hub|aerodrome"
# Operations and missions named by their own name.
_NAMED = (
    r"serval|barkhane|takuba|sabre|minusma|misma|afisma|eutm(?: mali)?|eucap(?: sahel)?(?: niger| mali)?|"
    r"eumpm|misin|epervier"
)
# The host's own side a site or a town goes back to.
_HOST_SIDE = (
    r"army|armed forces|troops|soldiers|authorities|government|governor|forces|control|armee|"
    r"forces armees|autorites|gouverneur|militaires|soldats"
)

# Destinations that make "left"/"quitté" a departure from a country, not from a building.
LEFT_WHAT = (
    r"(?:the\s+|le\s+|la\s+|l')?(?:mali|niger|burkina(?:\s+faso)?|country|pays|"
    r"territory|territoire|soil|sol|sahel|region|ecowas|cedeao)\b"
)

# Counts written in words ("about forty men", "une quarantaine d'hommes"), groups unnamed.
_COUNT_WORDS = re.sub(r"\(\?P<\w+>", "(?:", COUNT_WORDS)

# Each group: the stems a sentence must hold for it to be searched (the verbs, not the place
# words such as "base": those are in most sentences here), and its patterns.
PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "base_handed_over#vacated": (
        ("handed", "returned", "given", "vacated", "relinquished", "restituted", "out"),
        (
            # "the base ... was handed to Malian troops", "Air Base 101 was vacated on July 7"
            rf"\b(?:{_BASE})\b[^.;]{{0,90}}?\b(?P<t>(?:was|were|has been|had been|have been)\s+(?:formally\s+|"
            r"officially\s+|finally\s+)?(?:handed|returned|given back|given up|vacated|relinquished|restituted))\b",
            # "U.S. forces were out of Air Base 101 by July 7 and out of the Agadez drone base by Aug. 5"
            r"(?:(?<=\bwere )|(?<=\bwas )|(?<=\bbeen )|(?<=\ball )|(?<=\band )|(?<=\bfully ))"
            r"(?P<t>out of)\s+(?:the\s+)?(?:[a-z0-9']+\s+){0,3}?(?:base|camp|air base)\b",
            # the participle in apposition: "Air Base 101 at Niamey's airport, vacated on July 7"
            rf"\b(?:{_BASE})\b[^.;]{{0,60}}?,\s*+(?P<t>vacated|handed (?:over|back)|returned|relinquished)\s+(?:on|in)\b",
        ),
    ),
    "base_handed_over#returned": (
        ("returned", "handed", "given", "rendu", "remis", "retroced", "restitu"),
        (
            # "Kidal was returned to the Malian army", "rendue à l'armée malienne"
            rf"\b(?P<t>returned|handed(?:\s+(?:over|back))?|given back|rendue?s?|remise?s?|retrocedee?s?|"
            rf"restituee?s?)\s+(?:back\s+)?(?:to|a|aux?)\s+(?:the\s+|l'|la\s+|les\s+)?(?:[a-z]+\s+)?(?:{_HOST_SIDE})\b",
        ),
    ),
    "base_handed_over#control": (
        ("back", "repass", "revenu", "retourn", "mains", "hands"),
        (
            # "back under Nigerien control", "repassé sous contrôle malien"
            r"\b(?P<t>back\s+under\s+(?:[a-z]+\s+){0,2}control|(?:repass\w*|revenue?s?|retourne\w*)\s+sous\s+"
            r"(?:le\s+)?controle)\b",
            # "le site était désormais entre des mains nigériennes", "now in Malian hands"
            r"\b(?:site|base|camp|emprise)\b[^.;]{0,60}?\b(?P<t>entre (?:les|des) mains (?:nigeriennes|maliennes|"
            r"burkinabe|de l'armee)|in (?:nigerien|malian|burkinabe) hands)\b",
        ),
    ),
    "base_handed_over#pronoun": (
        ("celle", "celui", "celles", "ceux"),
        (
            # "Celle de Ouallam a été rendue le 22 octobre": the site the last sentence named
            r"\b(?:celle|celui|celles|ceux)\s+(?:de|d')\s*+[a-z'-]+\b[^.;]{0,60}?\b(?P<t>(?:a|ont|avait|avaient)\s+"
            r"ete\s+(?:rendue?s?|remise?s?|retrocedee?s?|restituee?s?|cedee?s?))",
        ),
    ),
    "base_handed_over#possession": (
        ("repris", "repren", "reprend", "took", "regain", "retook", "reclaim"),
        (
            # "l'armée a repris possession de la base", "took back control of the camp"
            rf"\b(?P<t>repris\w* possession|repren\w* possession|reprend\w* possession|took (?:back )?possession|"
            rf"regain\w* (?:control|possession)|took back(?: control)?|retook|reclaim\w*)\s+{G6}(?:{_BASE})\b",
        ),
    ),
    "border_reopened#listed": (
        ("frontieres", "borders"),
        (
            # "frontières, zone d'exclusion aérienne et gel des transactions soient levés"
            r"\b(?P<t>frontieres|borders)\b(?=[^.;]{0,60}?\b(?:soient|sont|ont ete|furent|were|are|have been)\s+"
            r"(?:levee?s?|lifted)\b)",
        ),
    ),
    "alliance_formed#became": (
        ("devenue", "devenu", "became", "become"),
        (
            # "l'alliance était devenue confédération", "the alliance became a confederation"
            r"\balliance\b[^.;]{0,60}?\b(?P<t>(?:est|etait|a ete|avait ete)\s+devenue?|became|has become|had become)\s+"
            r"(?:une\s+|a\s+)?confederation\b",
        ),
    ),
    "base_handed_over#keys": (
        ("remet", "remett", "remis", "hand", "passait", "passe", "passed", "went", "ferm", "closed", "shut"),
        (
            # "remettait les clés du camp Castor", "handed over the keys of the camp"
            r"\b(?P<t>remet\w*|remis\w*|hand(?:ed|s|ing)?(?:\s+over)?)\s+(?:the\s+|les\s+)?(?:keys|cles)\b",
            # "la plateforme de Gao passait à l'armée malienne"
            rf"\b(?:{_BASE})\b[^.;]{{0,80}}?\b(?P<t>pass(?:ait|e|ee|ent|aient|era)|passed|went)\s+(?:a|aux?|to)\s+"
            rf"(?:the\s+|l'|la\s+|les\s+)?(?:[a-z]+\s+)?(?:{_HOST_SIDE})\b",
            # "le camp a été fermé par anticipation", "the camp was closed"
            r"\b(?:camp|base|emprise|air base)\b[^.;]{0,60}?\b(?P<t>(?:a ete|ont ete|avait ete|was|were|has been|"
            r"had been)\s+(?:officially\s+|officiellement\s+|definitivement\s+)?(?:fermee?s?|closed|shut))\b",
        ),
    ),
    "base_handed_over#left_town": (
        (
            "left",
            "quit",
            "quitte",
            "quitterent",
            "vacated",
            "evacuated",
            "evacue",
            "pulled",
            "withdrew",
            "retire",
        ),
        (
            # "the French left Kidal in October": a town left, its site given up (roles.py
            # keeps it only when a town of the gazetteer follows, not a country)
            rf"\b(?P<t>left|quit|quitt(?:e|es|ent|ait|aient|erent)|ont quitte|a quitte|vacated|evacuated|evacue\w*|"
            rf"pulled out of|withdrew from|se sont retires de|s'est retiree? de)(?=\s+[a-z])(?!\s+{LEFT_WHAT})",
        ),
    ),
    "operation_ended#named": (
        (
            "closed",
            "ended",
            "wound",
            "disbanded",
            "dissolved",
            "terminated",
            "shut",
            "stopped",
            "ceased",
            "halted",
            "came",
            "close",
            "dissout",
            "ferme",
            "termine",
            "cesse",
            "cess",
            "pris",
            "achev",
        ),
        (
            # "les opérations de la force Sabre sont officiellement terminées"
            rf"\b(?:operations|{_NAMED})\b[^.;]{{0,60}}?\b(?P<t>(?:sont|est|etaient|etait)\s+(?:desormais\s+|"
            r"officiellement\s+|definitivement\s+)?(?:terminee?s?|achevee?s?|closes?))\b",
            # "Serval was formally closed in mid-July", "Takuba itself stopped operating"
            rf"\b(?:{_NAMED})\b[^.;]{{0,60}}?\b(?P<t>(?:was|were|has been|had been)\s+(?:formally\s+|officially\s+|"
            r"finally\s+)?(?:closed|ended|wound up|wound down|disbanded|dissolved|terminated|shut down)|"
            r"(?:stopped|ceased|ended|halted)\s+(?:operating|operations|its operations|their operations|activities)|"
            r"came to an end|a ete (?:officiellement\s+)?(?:close|dissoute?|fermee?|terminee?)|"
            r"(?:a|avait) cesse (?:ses activites|d'operer|ses operations)|a pris fin|avait pris fin|s'est achevee?)",
            r"\b(?P<t>(?:stopped|ceased|halted)\s+operating|cess\w* d'operer)\b",
        ),
    ),
    "withdrawal#shut": (
        (
            "shut",
            "close",
            "closed",
            "closes",
            "closing",
            "fermer",
            "ferme",
            "fermera",
            "fermeront",
            "fermait",
            "wound",
            "wind",
            "winds",
            "winding",
        ),
        (
            # "said it would shut its airlift base", "fermer sa base"
            rf"\b(?P<t>shut(?:ting|s)?|clos(?:e|ed|es|ing)|ferm(?:er|e|era|eront|ait)|wound up|winds? up|winding up)\s+"
            rf"(?:down\s+)?(?:its|their|sa|leur|ses|leurs|the)\s+{G3}(?:{_BASE})\b",
        ),
    ),
    "withdrawal#setout": (
        ("set", "sets", "setting", "route", "ebranl"),
        (
            # "the first convoy set out on Oct. 10", "le premier convoi s'était mis en route"
            rf"\b(?:convoys?|convois?|columns?|colonnes?|{_TROOPS})\b[^.;]{{0,40}}?\b(?P<t>set out|sets out|"
            r"setting out|s'(?:est|etait)\s+mise?\s+en\s+route|se\s+(?:sont|etaient|met|mettent)\s+mise?s?\s+"
            r"en\s+route|s'(?:est|etait)\s+ebranlee?|se\s+(?:sont|etaient)\s+ebranlee?s)",
        ),
    ),
    "withdrawal_completed#back": (
        ("back",),
        (
            # "EUMPM's personnel were back in Europe", "ses soldats sont rentrés en France"
            r"\b(?P<t>(?:were|was|are|is|had been|have been)\s+(?:all\s+)?back\s+(?:home|in\s+(?:europe|france|"
            r"germany|italy|russia|the united states|their (?:home )?countr(?:y|ies))))\b",
        ),
    ),
    "withdrawal_completed#nomore": (
        ("aucun", "y", "no", "longer"),
        (
            # "il n'y a plus de militaires français au Niger", "no French soldier is left"
            r"\b(?P<t>il n'y a plus (?:de|d'|aucun)|plus aucun (?:soldat|militaire)|no (?:[a-z]+\s+)?"
            r"(?:soldier|troops|soldiers)\s+(?:is|are|was|were)\s+(?:still\s+)?(?:left|remaining)|"
            r"no longer (?:has|have|had) (?:any )?(?:troops|soldiers))",
        ),
    ),
    "deployment#sent": (
        ("sent", "dispatched", "rushed", "flown", "airlifted", "envoy", "depech", "achemin"),
        (
            # "French forces were sent in on Jan. 11", "des renforts ont été envoyés"
            rf"\b(?:{_TROOPS}|reinforcements|renforts)\b[^.;]{{0,30}}?\b(?P<t>(?:were|was|had been|have been|has been|"
            r"ont ete|avaient ete|a ete|avait ete)\s+(?:sent|dispatched|rushed|flown|airlifted|envoyee?s?|depechee?s?|"
            r"acheminee?s?)(?:\s+in\b)?)(?!\s+(?:out|home|back|away)\b)",
        ),
    ),
    "deployment#brought": (
        ("brought", "flew", "flown", "ferried", "airlifted", "carried", "delivered", "amene", "achemine"),
        (
            # "a cargo plane brought Russian trainers to Niamey"
            rf"\b(?P<t>brought|flew|flown|ferried|airlifted|carried|delivered|amene\w*|achemine\w*)\s+{G4}"
            rf"(?:{_TROOPS}|trainers|instructors|instructeurs|formateurs)\b[^.;]{{0,40}}?\b(?:to|into|a|au|en|vers)\s+"
            r"(?:mali|niger|burkina|bamako|niamey|ouagadougou|gao|agadez|timbuktu|tombouctou|"
            r"the (?:nigerien|malian|burkinabe) capital|la capitale (?:nigerienne|malienne|burkinabe))\b",
        ),
    ),
    "deployment#began": (
        ("began", "begun", "started", "commenc", "debut", "debuta"),
        (
            # "Germany's engagement began in 2013", "la présence russe a commencé en 2021"
            r"\b(?:engagement|presence|intervention)\b,?\s+(?:[^\s.;:!?]+\s+){0,4}(?P<t>began|started|commenced|"
            r"a commence|a debute|debuta|commenca)\s+(?:in|en|on|le|at|a)\b",
            # "about 100 American personnel began operating from the air base"
            rf"\b(?:{_TROOPS})\b[^.;]{{0,40}}?\b(?P<t>(?:began|begun|started|commenced)\s+(?:operating|operations|"
            r"flying|patrolling|to operate|to patrol)|(?:ont|a|avaient|avait) commence a (?:operer|patrouiller))\b",
        ),
    ),
    "deployment#named": (
        ("launched", "created", "set", "lance", "lancee", "cree", "creee", "mis", "mise"),
        (
            # "the EU's EUMPM, launched only that February", "Takuba, lancée en 2020"
            rf"\b(?:{_NAMED})\b,\s+(?:which was\s+|qui a ete\s+)?(?:only\s+|first\s+)?(?P<t>launched|created|set up|"
            r"lancee?|creee?|mise? en place)\b",
        ),
    ),
    "deployment#rebased": (
        ("rebased", "camp", "took", "taken", "received", "welcomed", "hosted", "accueil", "install"),
        (
            # "part of the force was rebased in Niger", "300 legionnaires set up camp at Ouallam"
            r"\b(?P<t>rebased|set up camp|pitched camp|s'(?:etaient|etait|est|sont)\s+installee?s?)\s+(?:in|at|a|au|en|dans)\b",
            # "Burkina Faso took in around 100 Russian personnel", "a accueilli des instructeurs russes"
            rf"\b(?P<t>took in|taken in|received|welcomed|accueilli\w*)\s+{G4}(?:{_TROOPS}|trainers|instructors|"
            r"instructeurs|formateurs|military personnel)\b",
        ),
    ),
    "deployment#joined": (
        ("joined", "rejoint", "rejoignit", "integre"),
        (
            # "the Bundeswehr joined the UN mission", "a rejoint la Minusma"
            rf"\b(?P<t>joined|rejoint|rejoignit|integre\w*)\s+{G6}(?:mission|force|operation|contingent|minusma|"
            r"eutm|takuba|barkhane|casques bleus|peacekeeping)\b",
        ),
    ),
    "base_opened#built": (
        (
            "set",
            "built",
            "opened",
            "established",
            "installed",
            "created",
            "installe",
            "cree",
            "ouvert",
            "construit",
            "amenage",
        ),
        (
            # "The hub was set up in 2016 to supply ...", "the camp had been built in 2018"
            rf"\b(?:{_BASE})\b,?\s+{G4}(?P<t>(?:was|were|had been|has been)\s+(?:first\s+)?(?:set up|built|established|"
            r"opened))\b",
            # "the air-transport base that Germany set up in Niger", "la base que la France a installée"
            rf"\b(?:{_BASE})\b\s+(?:that|which|qu'|que)\s*{G3}(?P<t>set up|built|opened|established|installed|"
            r"created|(?:a|avait|ont|avaient)\s+(?:installe|cree|ouvert|construit|amenage)e?s?)\b",
        ),
    ),
    "base_opened#dated": (
        ("dated", "dates", "dating", "date", "datait", "remont"),
        (
            # "the Niamey hub dated from 2016", "la base remonte à 2013"
            rf"\b(?:{_BASE})\b[^.;]{{0,40}}?\b(?P<t>dat(?:ed|es|ing)\s+(?:back\s+)?(?:from|to)|dat(?:e|ait)\s+de|"
            r"remont(?:e|ait)\s+a)\s+(?:(?:early|late|mid|fin|debut)[\s-]+)?(?:19|20)\d\d\b",
        ),
    ),
    "base_opened#began": (
        ("began", "started", "commenc"),
        (
            # "the drone base began operating in 2019"
            rf"\b(?:{_BASE})\b[^.;]{{0,40}}?\b(?P<t>(?:began|started|commenced)\s+(?:operating|operations))\b",
        ),
    ),
    "base_opened#participle": (
        ("cree", "installe", "ouvert", "construit", "amenage", "inaugure"),
        (
            # "le camp avait été installé", "la base a été créée": every agreement of the participle
            rf"\b(?:{_BASE})\b,?\s+{G4}(?P<t>(?:a ete|avait ete|ont ete|avaient ete)\s+(?:cree|installe|ouvert|"
            r"construit|amenage|inaugure)e?s?)\b",
        ),
    ),
    "presence_reported#resident": (
        ("demeure", "confirm"),
        (
            # "avec quelque 400 soldats à demeure", "le président confirmait leur présence"
            rf"\b(?:{_TROOPS})\s+(?P<t>a demeure)\b",
            r"\b(?P<t>confirm\w*)\s+(?:leur|la|sa|their|the|its)\s+presence\b",
        ),
    ),
    "presence_reported#count": (
        ("counted", "counts", "compt", "recens", "estimat", "count", "tally", "decompte", "evalu", "chiffr"),
        (
            # "Le Monde counted about 40 of them at an air base", "en recensait 300 à Gao"
            rf"\b(?P<t>count(?:ed|s)|compt(?:e|ait|aient)|recens\w*)\s+(?:about\s+|some\s+|around\s+|environ\s+|"
            rf"quelque\s+|pres de\s+)?(?:\d[\d,. ]*|{_COUNT_WORDS})\s+(?:of them\s+|d'entre eux\s+|[a-z']+\s+){{0,3}}?"
            r"(?:at|in|on|by|a|au|en|dans|sur)\b",
            # "des responsables évaluaient à environ 2 000 l'ensemble des Russes présents"
            r"\b(?P<t>evalu\w*|chiffr\w*|estim(?:ait|aient|e|ent))\s+(?:alors\s+|deja\s+)?a\s+(?:environ\s+|quelque\s+|pres de\s+|plus de\s+)?"
            r"\d[\d ]*\s+(?:le nombre|l'ensemble|l'effectif|les effectifs)\b",
            # "By early January the estimate was 300 to 350", "l'estimation était de 300"
            r"\b(?:estimate|estimation|count|tally|decompte)\s+(?P<t>was|stood at|etait de|s'elevait a)\s+"
            r"(?:about\s+|some\s+|around\s+|environ\s+)?\d",
        ),
    ),
    "presence_reported#since": (
        ("been", "present", "installe", "implante"),
        (
            # "le groupement était installé depuis 2010 au camp"
            r"\b(?P<t>(?:etait|etaient|est|sont)\s+(?:installee?s?|implantee?s?))\s+(?:depuis|since)\b",
            # "Germany had been in Mali since 2013", "les Russes sont présents au Mali depuis 2021"
            r"\b(?P<t>(?:had|has|have)\s+been\s+(?:present\s+|deployed\s+|stationed\s+)?in|(?:etai(?:en)?t|sont|est)\s+"
            r"presente?s?\s+(?:au|en))\s+(?:mali|niger|burkina(?:\s+faso)?|the\s+country|the\s+sahel|le\s+pays)\s+"
            r"(?:since|depuis)\b",
        ),
    ),
    "presence_reported#doing": (
        (
            "moved",
            "serving",
            "servaient",
            "servent",
            "servait",
            "guarding",
            "guards",
            "protecting",
            "protects",
            "secures",
            "securing",
            "securis",
            "gardent",
            "gardaient",
            "gardait",
            "proteg",
        ),
        (
            # "Russian personnel had moved into that same base" (French "se sont installés" is an arrival)
            rf"\b(?P<t>moved into|moved in to)\s+{G3}(?:{_BASE})\b",
            # "around 100 people were serving at the base", "servaient sur la base"
            rf"\b(?:{_TROOPS}|people|personnes|hommes|men)\b[^.;]{{0,30}}?\b(?P<t>(?:were|was|are|is)\s+serving|"
            r"servaient|servent|servait)\s+(?:at|in|on|au|a|en|dans|sur)\b",
            # "French special forces were also guarding the uranium mine"
            rf"\b(?:{_TROOPS})\b,?\s+{_gap(8)}(?P<t>guard(?:s|ing)|protect(?:s|ing)|secur(?:es|ing)|"
            r"gard(?:ent|aient|ait)|proteg(?:ent|eaient|eait)|securis(?:ent|aient|ait))\b",
        ),
    ),
    "presence_reported#seen": (
        ("seen", "spotted", "sighted", "observed", "vus", "apercus", "observes", "signales"),
        (
            # "Russian personnel were seen at the Timbuktu base", "des Russes ont été aperçus à Gao"
            rf"\b(?:{_TROOPS}|russians|americans|russes|americains|instructors|instructeurs)\b[^.;]{{0,30}}?\b"
            r"(?P<t>(?:were|was|have been|had been)\s+(?:seen|spotted|sighted|observed)|(?:ont|avaient)\s+ete\s+"
            r"(?:vus|apercus|observes|signales))\s+(?:at|in|on|near|a|au|aux|en|dans|pres)\b",
        ),
    ),
    "presence_reported#valued": (
        ("estime", "evalue", "chiffre", "estimated", "valued"),
        (
            # "un contingent évalué à 1 500 hommes", "a force estimated at 1,500"
            r"\b(?:contingent|force|effectifs?|presence)\b(?:\s+[a-z]+){0,2}?\s+(?:etait\s+|est\s+|was\s+|is\s+)?"
            r"(?P<t>estimee?s?|evaluee?s?|chiffree?s?|estimated)\s+"
            r"(?:a|at)\s+(?:environ\s+|about\s+|some\s+|pres de\s+)?\d",
        ),
    ),
    "presence_reported#still": (
        ("still", "toujours", "encore"),
        (
            # "the training mission, MISIN, was still at Air Base 101"
            rf"\b(?:mission|contingent|{_NAMED})\b[^.;]{{0,60}}?,?\s+(?P<t>was|were|etait|etaient|remained|restait)\s+"
            r"(?:still|toujours|encore)\s+(?:in|at|on|au|aux|en|dans|a|sur)\s",
        ),
    ),
    "sanctions_lifted#noun": (
        ("levee", "lifting", "frontieres", "borders", "gel", "freeze", "sanctions", "embargo"),
        (
            # "La levée intervient le 3 juillet 2022": the lifting named by its noun as the news
            r"\b(?P<t>levee|lifting)\s+(?:des sanctions\s+|of (?:the )?sanctions\s+)?(?:intervient|est intervenue|"
            r"intervenait|a eu lieu|came|took effect|a pris effet)\b",
            # "pour que frontières, zone d'exclusion aérienne et gel des transactions soient levés"
            r"\b(?P<t>gel|freeze|sanctions|embargo)\b(?=[^.;]{0,60}?\b(?:soient|sont|ont ete|furent|were|are|have been)\s+"
            r"(?:levee?s?|lifted)\b)",
        ),
    ),
    "sanctions_lifted#delist": (
        ("delist", "list", "liste"),
        (
            # "OFAC removed the minister from its list", "a retiré de sa liste le ministre"
            rf"\b(?P<t>delist\w*|(?:remov\w*|retir\w*|radi\w*|ray\w*|struck|took)\s+{G6}(?:de|d'|from|off)\s+"
            rf"(?:sa|leur|la|its|their|the)\s+(?:[a-z]+\s+){{0,2}}(?:liste|list))\b",
        ),
    ),
    "sanctions_lifted#funding": (
        ("retabli", "restor", "resum", "repris", "reprend"),
        (
            # "l'UEMOA a rétabli les financements", "resumed funding"
            rf"\b(?P<t>retabli\w*|restor\w*|resum\w*|repris|reprend\w*)\s+{G3}(?:financements?|funding|financing|"
            rf"budget support|appui budgetaire|transactions)\b",
        ),
    ),
    "sanctions_lifted#unblock": (
        ("unblock", "unfroze", "debloqu"),
        (
            # "débloquant les fonds du Niger", "unfroze the state's assets"
            rf"\b(?P<t>unblock\w*|unfroze|debloqu\w*)\s+{G4}(?:assets|avoirs|accounts|comptes|funds|fonds)\b",
        ),
    ),
    "expulsion_ordered#they": (
        ("demand", "insist", "order", "exig", "ordonn"),
        (
            # "Bamako demanded they go at once", "exigé qu'ils partent"
            r"\b(?:demand\w*|insist\w*|order\w*|exig\w*|ordonn\w*)\s+(?:that\s+|qu')?(?:they|the (?:troops|"
            r"soldiers|forces)|ils|elles)\s+(?P<t>go|leave|withdraw|depart|pull out|be withdrawn|partent|quittent|"
            r"se retirent)\b",
        ),
    ),
    "expulsion_ordered#asking": (
        ("asking", "telling", "ordering", "instructing", "urging", "pressing", "demanding"),
        (
            # "asking for both forces to go", "urging the troops to leave"
            rf"\b(?:asking|telling|ordering|instructing|urging|pressing|demanding)\s+(?:for\s+)?{G6}(?P<t>to\s+"
            r"(?:leave|withdraw|depart|quit|pull\s+out|go))\b",
        ),
    ),
}

# Phrases that must win over an overlapping trigger of another type: "began operating from"
# is an arrival (not "operating from", a presence); "no soldier is left" a completed exit.
EXTRA_BEFORE = {"deployment": "presence_reported", "withdrawal_completed": "withdrawal"}
# Groups that yield to another type's rules where both match: "the last soldiers left
# Niamey" is the force leaving the country, not a site handed over.
EXTRA_AFTER = {"base_handed_over#left_town": "withdrawal"}

EXTRA_RULES = {key: patterns for key, (_, patterns) in PHRASES.items()}
EXTRA_ANCHORS = {key: stems for key, (stems, _) in PHRASES.items()}
