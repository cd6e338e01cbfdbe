"""Words and phrases that signal each event type, in English and French.

The patterns run on folded text (lowercase, no accents). A named group `t` marks the word
that carries the event when the pattern also needs context (the object, an auxiliary), so
overlaps are judged and dates attached on that word alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.ingest.extract.first_words import WordStarts, scan
from dashboard.ingest.extract.more_triggers import (
    EXTRA_AFTER,
    EXTRA_ANCHORS,
    EXTRA_BEFORE,
    EXTRA_RULES,
    LEFT_WHAT,
)
from dashboard.ingest.extract.window import before


def gap(n: int) -> str:
    """Up to n words (anything but sentence punctuation) between two parts of a phrase."""
    return rf"(?:[^\s.;:!?]+\s+){{0,{n}}}"


TROOPS = (
    r"troops|soldiers|servicemen|personnel|instructors|trainers|peacekeepers|"
    r"blue helmets|marines|mercenaries|forces|soldats|militaires|troupes|instructeurs|"
    r"casques bleus|elements|mercenaires|formateurs|forces speciales|paramilitar(?:y|ies)|paramilitaires|"
    r"legionnaires|commandos|advisers|advisors|conseillers militaires"
)
AGREEMENT = (
    r"agreements?|accords?|pacts?|treat(?:y|ies)|sofa|status of forces|deals?|"
    r"protocols?|conventions?|memorand(?:um|a)|traites?|protocoles?|arrangements?"
)
BORDER = (
    r"borders?|frontiers?|crossings?|airspace|frontieres?|espace aerien|border posts?|"
    r"postes?(?:-| )frontieres?|postes? de [a-z]+"
)
NUMBER = r"\d{1,3}(?:[,. ]\d{3})+|\d+"
# Nationals of the foreign states counted as a force ("about 40 Russians were at the base").
DEMONYMS = r"russians|americans|frenchmen|germans|italians|russes|americains|francais|allemands|italiens"

LEFT_WHAT_RE = re.compile(rf"\b{LEFT_WHAT}")

# An event named by its noun ("the departure", "ce retrait"): guards, dates and landmarks
# read it as one told elsewhere when its context says so.
EVENT_NOUN = re.compile(
    r"depart|departure|retrait|withdrawal|pull-?out|exit|arrivee|arrival|deploiement|deployment"
)

# The alliance's joint force: "unified force", "force unifiée", "FU-AES".
JOINT_FORCE = (
    r"\b(?:(?:unified|joint|combined)\s+(?:aes\s+|sahel\s+|alliance\s+)?(?:military\s+|standby\s+)?force|force\s+(?:militaire\s+)?"
    r"(?:unifiee|conjointe|commune)|fu-aes)\b"
)

G2, G3, G4, G5, G6, G8 = gap(2), gap(3), gap(4), gap(5), gap(6), gap(8)
# Nouns often come elided after a gap: "l'accord", "d'accords".
ART = r"(?:l'|d')?"

# Highest priority first: when two triggers overlap, the earlier type wins.
RULES: dict[str, tuple[str, ...]] = {
    "expulsion_ordered": (
        rf"\b(?:told|ordered|asked|instructed|gave|given|giving|urged),?\s+{G6}(?:to\s+(?:leave|withdraw|"
        rf"depart|quit|pull\s+out|go)\b|out\s+of\b)",
        r"\bexpel\w*|\bexpuls\w*",
        rf"\b(?:demand\w*|call\w* for|ask\w* for|order\w*|request\w*),?\s+{G6}(?:immediate\s+|swift\s+)?(?:departure|withdrawal|"
        rf"exit|pull-?out)\b",
        rf"\bwant\w*\s+{G4}(?:out|withdrawn|to leave|gone)\b",
        # "asked that the Mission leave without delay", "a exigé que la force quitte le pays"
        rf"\b(?P<t>ask\w*|demand\w*|request\w*|insist\w*|exig\w*)\s+(?:that|que|qu')\s*{G4}(?:leave|withdraw|"
        rf"depart|go|quitte\w*|parte\w*|se retire\w*)\b",
        rf"\b(?:exig\w*|ordonn\w*|somm\w*|enjoin\w*|intim\w*),?\s+{G8}(?:depart|retrait|quitter|partir)\b",
        rf"\b(?:donn\w*|accord(?:e|ee|es|ent|ait|era)),?\s+{G6}(?:pour|de)\s+(?:quitter|partir|se retirer)\b",
        rf"\bdemand\w*\s+{G6}(?:le |leur |son )?(?:depart|retrait)\b",
    ),
    "agreement_revoked": (
        r"\b(?P<t>(?:revok|rescind|abrog|revoqu|resili)\w*)",
        rf"\b(?P<t>(?:denounc|denunciat|denonc|renounc|terminat|scrap|cancel|annul|suspend|tore up|tear up|tearing up|"
        rf"ripped up|rompu|rompre|end(?:ed|s|ing)?\b|mis fin|met fin|"
        rf"mettre fin|mis un terme|met un terme|mettre un terme)\w*),?\s+{G6}{ART}(?:{AGREEMENT})\b",
        rf"\b(?:{AGREEMENT}),?\s+{G6}(?:was|were|has been|had been|have been|a ete|ont ete|"
        rf"avait ete)\s+(?P<t>revoked|denounced|terminated|scrapped|cancell?ed|denonces?|abroges?|"
        rf"revoques?|annules?)",
        rf"\b(?P<t>withdr[ae]w\w*|retir\w*|mis fin|met fin|mettre fin|ended|end),?\s+{G6}(?:consent|consentement)\b",
    ),
    "mandate_ended": (
        rf"(?<!to an )\b(?P<t>end(?:ed|s|ing)?|terminat\w*|not\s+(?:to\s+)?(?:renew|extend)\w*|expir\w*|"
        rf"mis\w* fin|mettre fin|met fin|mis\w* un terme|met un terme|mettre un terme|fin|ne pas (?:renouveler|prolonger)),?\s+{G4}mandat\w*\b",
        rf"\bmandat\w*\s+{gap(10)}(?P<t>ended|expired|expires|lapsed|terminated|came to an end|was not renewed|"
        rf"a pris fin|a expire|expire|prend fin|n'a pas ete renouvele)",
    ),
    "operation_ended": (
        rf"\b(?P<t>end(?:ed|s|ing)?|conclud\w*|terminat\w*|wound up|wrapped up|wraps up|ceas\w*|clos(?:ed|"
        rf"ing)|(?:brings?|brought|bringing) to (?:a close|an end)),?\s+{G4}(?:operations?|mission)\b",
        rf"\b(?P<t>end)\s+of\s+{G3}(?:operation|mission)\b",
        rf"\b(?:operation|mission|intervention),?\s+{gap(12)}(?P<t>ended|came to an end|was terminated|wound down|"
        rf"(?:was|were|has been|had been)\s+(?:formally\s+|officially\s+|finally\s+)?(?:wound up|wound down|"
        rf"closed|disbanded|dissolved|brought to an end|terminated))\b",
        r"\b(?P<t>(?:cess\w*|cessera)\s+(?:donc\s+|alors\s+|ainsi\s+)?d'exister|ceased to exist|ceases to exist|ceasing to exist|"
        r"(?:was|were|has been|have been|a ete|ont ete|est|sont)\s+(?:formally\s+|officially\s+|"
        r"officiellement\s+)?(?:disbanded|dissoute?s?))\b",
        rf"\b(?P<t>fin)\s+(?:de\s+|du\s+|d')\s*{G3}(?:l'operation|operation|mission|operations)\b",
        rf"\b(?P<t>mis\w* fin|mettre fin|met fin|mis\w* un terme|met un terme|mettre un terme)(?:,[^,.;]{{1,30}},)?\s+(?:a|aux),?\s+{G3}(?:l'operation|operation|mission|"
        rf"operations)\b",
        rf"\b(?:operations?|missions?),?\s+{G5}(?P<t>a pris fin|ont pris fin|s'est achevee|se sont achevees|"
        rf"est terminee|a ete close|etait terminee|etait achevee|avait pris fin|avaient pris fin|was over|is over|"
        rf"had (?:formally |officially |finally )?ended|was ended|were over|have (?:formally |officially )?ended)",
        r"\b(?P<t>cess\w*)\s+(?:des\s+|ses\s+|les\s+|its\s+|their\s+)?operations\b|\bclosing ceremony\b",
        rf"\b(?P<t>declared|declares|declare|proclaimed|a declare|avait declare)\s+{G3}(?:over|ended|finished|"
        rf"terminee?|achevee?|finie?|close)\b",
        rf"\b(?:flag|drapeau)\s+{G4}(?P<t>lowered|amene|descendu|baisse)\b",
    ),
    "base_handed_over": (
        r"\b(?P<t>hand(?:ed|s|ing)?\s+(?:(?:it|them)\s+)?(?:over|back)|hand-?over|turnover)\b",
        r"\b(?P<t>hand(?:ed|s|ing))\s+(?=[^.;]{0,120}\bto\b)(?=[^.;]{0,120}\b(?:base|camp|site|facility|"
        r"platform|control)\b)",
        rf"\b(?P<t>transferr?\w*|turn(?:ed|s)?\s+over|returned|ceded|gave up|gives up|given up),?\s+{G5}"
        rf"(?:base|camp|site|facility|control|platform)\b",
        rf"\b(?:base|camp|site|facility|section),?\s+{G8}(?P<t>passed|reverted)\s+(?:to|into)\b",
        rf"\b(?:control|base|camp|site),?\s+{G6}(?P<t>reverted|was transferred|was returned|was handed)",
        rf"\b(?P<t>retroced\w*)|\b(?P<t2>remis\w*|rendu\w*|rend|rendent|rendait),?\s+{G6}(?:base|camp|emprise|site|cles)\b",
        rf"\b(?:base|camp|emprise|site),?\s+{gap(10)}(?P<t>remise?s?|retrocedee?s?|transferee?s?|cedee?s?|"
        rf"rendue?s?|restituee?s?)\b",
        rf"\b(?:base|camp|emprise|site|facility|airfield|aerodrome)\b[^.;]{{0,80}}?\b(?P<t>pass\w*\s+sous\s+"
        rf"(?:le\s+)?controle|placee?s?\s+sous\s+(?:le\s+)?controle|pass\w*\s+(?:under|into|to)\s+{G2}control|"
        rf"reverted\s+to\s+{G2}control)\b",
        rf"\b(?P<t>passation|transfert|transfer|handover),?\s+{G3}{ART}(?:base|camp|emprise|site)\b",
    ),
    "alliance_formed": (
        rf"\b(?P<t>creat\w*|form(?:ed|ing|s)?|establish\w*|set(?:ting)? up|found(?:ed|ing)|cre[ea]\w*|"
        rf"instaur\w*|institu\w*|fond\w*|mis\w* en place|naissance),?\s+{G4}(?:alliance|confederation)\b",
        rf"\b(?:alliance|confederation),?\s+{G6}(?P<t>was (?:created|formed|born|established)|est nee|"
        rf"a ete creee|voit le jour)",
        rf"\b(?P<t>transform\w*),?\s+{G6}(?:into|en)\s+(?:a\s+|une\s+)?confederation",
    ),
    "joint_force_launched": (
        rf"\b(?P<t>launch\w*|put|puts|putting|inaugurat\w*|activat\w*|unveil\w*|lanc\w*|inaugur\w*|"
        rf"operationali[sz]\w*|operationnalis\w*|mis\w* en (?:service|place)|met en (?:service|place)|"
        rf"mettre en (?:service|place)|creat\w*|cre[ea]\w*|form(?:ed|s)?|establish\w*|set up|"
        rf"deploy\w*|deploie\w*|deploy),?\s+{G6}{JOINT_FORCE}",
        rf"{JOINT_FORCE}\)?,?\s+{G6}(?P<t>(?:was|has been|had been|is now|a ete|est|avait ete)\s+(?:formally\s+|"
        rf"officially\s+|officiellement\s+)?(?:launched|inaugurated|activated|created|lancee|inauguree|"
        rf"creee|mise en place|mise en service|operationnelle)|became operational|entered (?:into )?service|"
        rf"est devenue operationnelle|voit le jour|a vu le jour|lancee|launched|put into service|"
        rf"brought into service|mise en service)\b",
    ),
    "agreement_signed": (
        rf"\b(?P<t>sign\w*),?\s+{G6}{ART}(?:{AGREEMENT}|charter|charte)\b",
        rf"\b(?P<t>sign\w*),?\s+{gap(10)}{ART}(?:charter|charte)\b",
        rf"\b(?:{AGREEMENT}|charter|charte),?\s+{G5}(?:was |were |has been |a ete |ont ete )?(?P<t>signed|"
        rf"concluded|signee?s?|conclue?s?)\b",
        rf"\b(?P<t>conclud\w*|struck|reached|conclu\w*|agreed),?\s+{G3}{ART}(?:{AGREEMENT}|terms)\b",
        rf"\b(?:{AGREEMENT}),?\s+{G6}(?P<t>in force|en vigueur)\s+(?:(?:in|au|en)\s+[a-z]+\s+)?(?:since|depuis)\b",
        rf"\b(?:{AGREEMENT}),?\s+{G3}(?P<t>reached|struck)\b",
    ),
    "sanctions_lifted": (
        rf"\b(?P<t>lift\w*|eas(?:ed|ing|e)|remov\w*|dropp?\w*|lev\w*|allege\w*),?\s+{G6}sanctions?\b",
        rf"\bsanctions?\s+{G8}(?P<t>lifted|eased|removed|dropped|levees?|allegees?)\b",
        rf"\bsuspension\s+(?:de|des|du|of)\s+(?:ses|leurs|its|their|les|the)?\s*(?:financ\w*|transactions?|aid|"
        rf"aide|budget\w*|cooperation|trade|echanges)\s+{G4}(?P<t>(?:a ete|ont ete|was|were|has been)\s+"
        rf"(?:levee?s?|lifted))\b",
        r"\b(?P<t>unfreez\w*|degel\w*)",
        rf"\b(?P<t>lev\w*|lift\w*|end\w*|mettre fin|mis fin)\s+{G2}(?:gel|freeze|blocage|blockade)\b",
        rf"\b(?:assets|funds|accounts|avoirs|fonds|comptes)\b,?\s+{G8}(?P<t>(?:are|were|have been|sont|ont ete)\s+"
        rf"(?:unblocked|unfrozen|released|debloquee?s|degelee?s|liberee?s))\b",
        r"\b(?P<t>lev(?:e|ee|es|ent|ait)|lift(?:ed|s)?)\s+(?:ses|leurs|its|their|les)\s+(?:mesures|measures)\b"
        r"(?!\s+(?:de fermeture|of closure|closing))",
        rf"\b(?P<t>lev\w*|lift\w*),?\s+{G5}suspension\s+(?:de|des|du|of)\s+(?:ses|leurs|its|their|les|the)?\s*"
        rf"(?:financ\w*|transactions?|aid|aide|budget\w*|cooperation|trade|echanges)",
    ),
    "sanctions_imposed": (
        rf"\b(?P<t>impos\w*|slap\w*|announc\w*|adopt\w*|inflig\w*|prononc\w*),?\s+{G5}sanctions?\b",
        # "le sommet impose à Niamey un arsenal complet", "imposed an embargo"
        rf"\b(?P<t>impos(?:e|es|ent|ait|aient|ed|ing)|inflig\w*)\s+{G5}(?:embargo|arsenal|blocus|train de mesures|"
        rf"package of (?:measures|sanctions))\b",
        rf"\bsanctions?\s+{G5}(?P<t>imposed|imposee?s?|infligee?s?|slapped)\b",
        r"\b(?P<t>frappee?s?|touchee?s?|visee?s?|hit|under)\s+(?:par\s+)?(?:les\s+|des\s+|de\s+)?sanctions\b",
        rf"\b(?P<t>froze|freez\w*|gel\w*|block\w*|bloqu\w*),?\s+{G4}(?:assets|avoirs|accounts|comptes|funds|fonds)\b",
        r"\b(?P<t>sanctioned|sanctionn(?:e|ee|es|ees|ait|aient|ent|er))\b",
        rf"\b(?:sanctions|mesures|measures)\b,?\s+{G6}(?P<t>(?:avaient ete|ont ete|had been|were)\s+(?:decidees|"
        rf"imposees|prises|adoptees|decided|imposed|adopted))\b",
        rf"\b(?P<t>suspen\w*),?\s+{G4}(?:transactions|trade|commercial|financial|echanges)\b",
        rf"\b(?P<t>cut|cuts)\s+{G3}off\s+from\b|\b(?P<t2>suspend\w*|suspendu\w*|exclu\w*)\s+{G3}(?:from|de)\s+"
        rf"(?:its|ses|leurs|their|the|des|les)\s+(?:institutions|instances|membership|organes)\b",
        rf"\b(?:assets|funds|accounts|avoirs|fonds|comptes)\b,?\s+{G8}(?P<t>(?:are|were|have been|had been|sont|"
        rf"ont ete|avaient ete)\s+(?:blocked|frozen|bloquee?s|gelee?s))\b",
        rf"\b(?P<t>cut|cuts|cutting|suspend\w*|froze|freez\w*|halt\w*|stopp?\w*|suspendu\w*|gele\w*)\s+{G6}"
        rf"(?:assistance|aid|aide|budget support|appui budgetaire|security cooperation|cooperation securitaire|"
        rf"development aid|aide au developpement)\b",
        # entry and visa bans: "suspends entry for nationals of", "issued no ordinary visas"
        rf"\b(?P<t>suspen\w*|bar(?:s|red|ring)?|ban(?:s|ned|ning)?|halt\w*|stopp?\w*|interdi\w*|restrict\w*)\s+"
        rf"{G6}{ART}(?:entry|entree|visas?)\b",
        r"\b(?P<t>(?:entry|travel|visa)\s+bans?|interdictions?\s+(?:d'entree|de\s+(?:voyager|visas?)))\b",
        rf"\b(?P<t>issued\s+no|no\s+longer\s+issu\w*|ne\s+delivre\w*\s+plus)\s+{G2}visas?\b",
        # a state's reply in kind: "in line with the principle of reciprocity"
        r"\b(?P<t>reciprocit\w*|principe\s+de\s+reciprocite)\b",
        # "announces an end to EU budget support, and a freeze on all security cooperation"
        rf"\b(?P<t>end|halt|fin|arret)\s+(?:to|of|on|de|du|des|a|au)\s+{G4}(?:budget support|aid|aide|appui budgetaire)\b",
        rf"\b(?P<t>freeze|suspension|gel)\s+(?:to|of|on|de|du|des|a|au)\s+"
        rf"{G4}(?:budget support|aid|aide|appui budgetaire|cooperation)\b",
        # an armed group's blockade ("le blocus du carburant imposé par le JNIM"): its actor is
        # required in the sentence (roles.py)
        r"\b(?P<t>blockade|blocus)\b",
        # a member suspended from a bloc's bodies
        rf"\b(?P<t>suspen\w*)\s+{G4}(?:from|de)\s+(?:la\s+|l'|the\s+)?(?:ecowas|cedeao|uemoa|waemu|"
        rf"african union|union africaine)\b",
    ),
    "border_reopened": (
        rf"\b(?P<t>reopen\w*|re-open\w*|rouvr\w*|rouvert\w*|reouverture),?\s+{G6}{ART}(?:{BORDER})\b",
        rf"\b(?:{BORDER}),?\s+{G6}(?P<t>reopened|rouvertes?|reopen|a rouvert|ont rouvert)\b",
        rf"\b(?:{BORDER}),?\s+{gap(10)}(?P<t>(?:are|is|were|was|sont|est|etaient|etait)\s+(?:now\s+)?"
        rf"(?:open again|reopened|de nouveau ouvertes?|a nouveau ouvertes?|rouvertes?))\b",
        rf"\b(?:lift\w*|lev\w*),?\s+{G8}(?P<t>closure|fermeture),?\s+{G4}(?:{BORDER})\b",
    ),
    "border_closed": (
        rf"\b(?P<t>clos(?:e|ed|es|ing|ure)|shut\w*|seal\w*|ferm\w*),?\s+{G6}{ART}(?:{BORDER})\b",
        # "as Benin applies the closure decided in Abuja"
        r"\b(?P<t>appl(?:y|ies|ied|ying)|enforc\w*|appliqu\w*)\s+(?:the|la|sa|its)\s+(?:border\s+)?(?:closure|fermeture)\b",
        rf"\b(?:{BORDER}),?\s+{G6}(?P<t>closed|shut|sealed|fermees?|closes?)\b",
    ),
    "base_opened": (
        rf"\b(?P<t>open(?:ed|s|ing)?|built|inaugurat\w*|commission\w*|ouvr\w*|inaugur\w*|"
        rf"construi\w*),?\s+{G4}(?:base|camp|air\s?base|drone base|facility|emprise)\b",
        rf"\b(?:base|camp|facility),?\s+{G8}(?P<t>became operational|was commissioned|was inaugurated|"
        rf"entered service|est devenue operationnelle|a ete inauguree?|mise en service)",
        r"\b(?P<t>became operational|mise en service|devenue operationnelle|came into service|entered into service|"
        r"came into operation|entree en service)\b(?!\s+(?:de\s+la\s+|du\s+|of\s+the\s+)?(?:force|fu-aes|commandement))",
        rf"\b(?:base|camp|air\s?base|facility|airfield|emprise|hub),?\s+{G4}(?P<t>(?:was|had been|has been|a ete|avait ete)\s+"
        rf"(?:set up|built|established|opened|creee|installee|ouverte|construite))\b",
    ),
    "coup": (
        r"\b(?P<t>coups?(?!\s+de\s+(?:grace|main|pouce|coeur|fil|poing|feu|gueule))(?:\s+d'etat)?)\b",
        r"\b(?P<t>putsch\w*|overthr\w*|mutin\w*|ousted|toppl\w*|seiz\w* power|seized power|took power|"
        r"prise? du pouvoir|pris le pouvoir|renvers\w*|deposed|destitu\w*)",
        # "removed President Bazoum from power", "chassé le président du pouvoir"
        rf"\b(?P<t>removed|chass\w*|ecart\w*|evinc\w*)\s+{G5}(?:from|du)\s+(?:power|pouvoir)\b",
        # "President Bazoum has been removed" (by soldiers, as the sentence or the last one says)
        r"\bpresident\s+[a-z]+\s+(?:has been|had been|was|had|a ete|avait ete)\s+(?P<t>removed|overthrown)\b",
    ),
    "presence_reported": (
        rf"\b(?P<t>(?:are|is|remain\w*|stay\w*|sont|est|restent|reste|demeurent|"
        rf"demeure),?\s+{G3}(?:stationed|based|present|deployed|stationne\w*|(?<!\bde )bases?|basees?|presents?|"
        rf"presentes?|deploye\w*))\b(?!\s+(?:comme|as)\b)",
        rf"\b(?P<t>(?:were|was|etaient|etait|had been|have been|has been|avaient ete|"
        rf"avait ete),?\s+{G2}(?:stationed|based|present|stationne\w*|bases?|basees?))\b",
        r"\b(?P<t>stationed|stationn\w*)",
        rf"\b(?P<t>presence)\s+(?:of|d'|de)\s*{G3}(?:{NUMBER})\b",
        rf"\b(?:{TROOPS}),?\s+{G3}(?P<t>remain|remains|remained|stay|stays|stayed|restent|restaient|"
        rf"demeurent)\b",
        rf"\b(?P<t>restai\w*|restent),?\s+{G2}(?:{NUMBER})\b",
        r"\b(?:qu'(?:il|elle|ils|elles)|que ses (?:troupes|soldats|hommes|forces))\s+(?P<t>restai\w*|demeurai\w*)\b",
        r"\b(?:it|they)\s+(?P<t>was staying|were staying|is staying|are staying|stays|remains)\b",
        r"\b(?P<t>s'y (?:sont|etaient|est|etait) installee?s?)\b",
        rf"\b(?:{TROOPS})\b,?\s+{G3}(?P<t>estimated at|numbering|put at|estimee?s a|evaluee?s a)\s+"
        rf"(?:about |some |around |environ |quelque |pres de )?(?:{NUMBER})\b",
        rf"\b(?P<t>remain|remains|remained|restent|reste|demeurent)\s+(?:the\s+|les\s+)?(?:only|last|seuls?|"
        rf"derniers?)\s+{G2}(?:{TROOPS})\b",
        # Presence told through what the troops do there: "Russian soldiers have begun
        # escorting convoys", "des soldats français patrouillent à Ménaka".
        rf"\b(?:{TROOPS}),?\s+{gap(10)}(?P<t>escort(?:s|ing)|patrol(?:s|ling)|patrouill(?:ent|aient|ait|e)|"
        rf"escort(?:ent|aient|ait))\b",
        rf"\b(?:{TROOPS}),?\s+{G6}(?P<t>deployed|deployes|deployees|bases|basees|based|"
        rf"stationed)\s+(?:\w+\s+)?(?:in|at|on|au|a|en|sur|dans)\b",
    ),
    # Presence said with a troop word and a figure or a verb of being only: scanned only
    # where a troop word stands (the main branches above need a word of their own).
    "presence_reported#troops": (
        # "officials speak of about 2,000 Russian mercenaries", "parlent d'environ 2 000"
        rf"\b(?P<t>parl(?:e|ent|ait|aient)|spoke|speak|speaks|talk(?:ed|s)?|evoqu(?:e|ent|ait|aient)|"
        rf"fai(?:t|sait|saient) etat|font etat)\s+(?:of|de|d')\s*{G2}(?:{NUMBER})\b",
        rf"\b(?P<t>has|have|had|keeps?|kept|maintains?|maintained|numbers?|numbered|counts?|compte|comprised|"
        rf"comprises|comprising|comprenait|comprend|included|includes|"
        rf"comptait|dispose\w* de|hosts?|hosted),?\s+(?:(?![a-z]+(?:ed|wn|ught|ent|ne)\s)[^\s.;:!?]+\s+){{0,3}}(?:{NUMBER}),?\s+{G2}(?:{TROOPS})\b",
        rf"\b(?:{TROOPS}),?\s+{G3}(?P<t>are|is|were|was|sont|etaient|etait)\s+(?:still\s+|toujours\s+|"
        rf"encore\s+|now\s+|currently\s+|actuellement\s+|desormais\s+|maintenant\s+)?(?:(?:in|au|en|dans)\s|"
        rf"(?:la|there|here|ici)\b)",
    ),
    # Presence said by what the force holds, how many remain or where it still is.
    # "about 40 Russians were at an air base": people of a foreign state, counted, somewhere.
    "presence_reported#people": (
        rf"\b(?:{NUMBER})\s+(?:{DEMONYMS})\s+(?P<t>were|are|was|sont|etaient|se trouvaient|se trouvent)\s+"
        r"(?:(?:believed|thought|estimated|said|reported|understood) to be\s+|(?:still|now)\s+)?"
        rf"(?:at|in|au|aux|a|en|dans|on|sur|near|pres)\b",
    ),
    "presence_reported#more": (
        # "Wagner fighters have been operating in central Mali", "les mercenaires opèrent au Mali"
        rf"\b(?:{TROOPS}|fighters|combattants)\b,?\s+{G4}(?P<t>operat(?:e|es|ing|ed)|oper(?:ent|aient|ait|e))\s+"
        rf"(?:in|au|aux|en|dans|across|a|from|depuis)\b",
        rf"\b(?:{NUMBER})\s+(?:(?:{TROOPS})\s+)?(?P<t>restaient|restent|remained|remain|were left|"
        rf"demeuraient)\b",
        # "had taken up position in Timbuktu", "ont pris position"
        r"\b(?P<t>(?:taken|took|taking|take|takes)\s+up\s+(?:positions?|quarters)|"
        r"pris position|prennent position|prenaient position)\b",
        # "still hold their northern sites", "dispose toujours de la plateforme"
        rf"\b(?P<t>hold|holds|held|holding|occup(?:y|ies|ied|ying)|tiennent|tenaient|occup(?:ent|aient))\s+"
        rf"{G3}(?:sites|bases?|camps?|outposts?|positions|emprises?)\b",
        rf"\b(?P<t>dispos(?:e|ent|ait|aient))\s+{G4}(?:de|d')\s*{G3}(?:base|plateforme|platform|camp|"
        rf"emprise|hub)\b",
        # "US officials put the total at about 2,000", "estimated the contingent at 300"
        r"\b(?P<t>put|puts|putting|estimated|estimate|estimates|estim(?:e|ent|ait|aient)|"
        r"evalu(?:e|ent|ait|aient))\s+(?:the\s+|le\s+|leur\s+|their\s+|its\s+|son\s+)?(?:[a-z]+\s+)?(?:total|number|"
        r"strength|nombre|effectifs?|contingent)\b",
        rf"\b(?:{TROOPS}|contingent)\b,?\s+{G4}(?P<t>se trouv(?:ent|aient|ait|e)|were present|are present)\b",
        rf"\b(?P<t>operat\w*)\s+from\s+{G3}bases?\b",
        # "the Italians are still at Air Base 101", "le contingent italien, ramené à 250
        # hommes, est toujours à Niamey": still there, said of a force named before.
        r"\b(?:italians|americans|russians|germans|french|italiens|americains|russes|allemands|francais)\s+"
        r"(?P<t>are|is|were|was|sont|etaient|remain|remains|restent)\s+(?:still|toujours|encore)\s+"
        r"(?:in|at|on|au|aux|en|dans|a|sur)\s",
        rf"\b(?:contingent|{TROOPS})\b[^.;]{{0,100}}?,\s+(?P<t>est|sont|is|are|remains?|reste|restent)\s+"
        r"(?:still|toujours|encore)\s+(?:in|at|on|au|aux|en|dans|a|sur)\s",
    ),
    "deployment": (
        r"\b(?P<t>deploy(?:ed|s|ing|ment)?|deploi(?!ements)\w*|deploye\w*)\b",
        r"\b(?P<t>arriv(?:ed|es|al|als|e|ee|ees|ait|aient|ent|ant|ing|er)?)\b(?!\s+(?:au|at|to|in)\s+(?:pouvoir|"
        r"power))",
        r"\b(?P<t>landed|atterri\w*|debarqu\w*|s'est pose\w*|se sont poses?|flown in|flew in|flown into|"
        r"flew into|touched down|touch down|touches down)\b",
        rf"\b(?P<t>sent|send|sends|sending|dispatch\w*|envoy\w*|envoi),?\s+{G4}(?:{TROOPS}|contingent|"
        rf"reinforcements|renforts)\b",
        rf"\b(?P<t>launch\w*),?\s+{G3}(?:operation|intervention|mission)\b",
        rf"\b(?:operation|mission|intervention),?\s+{G4}(?P<t>launched)\b",
        rf"\b(?P<t>lance\w*)\s+{gap(10)}(?:l'operation|operation|l'intervention|intervention|mission|force)\b",
        r"\b(?P<t>s'est installe\w*|se sont installe\w*)\b",
        r"\b(?P<t>intervened|went into action)\b",
        # "since MINUSMA was established in July 2013", "la mission, créée en 2013"
        rf"\b(?:mission|operation|force|minusma|misma|afisma|barkhane|serval|takuba|sabre|eutm|eucap|"
        rf"eumpm)\w*,?\s+{G3}(?P<t>(?:was|were|had been|has been|a ete|avait ete)\s+(?:formally\s+|"
        rf"officially\s+|officiellement\s+)?(?:established|created|set up|creee?|mise? en place|lancee?))\b",
        r"\b(?:since|depuis|after|apres)\s+(?:its|their|son|sa|leur)\s+(?P<t>launch|lancement|creation|"
        r"arrival|arrivee|deployment|deploiement)\b",
        rf"\b(?:mission|operation|deployment|deploiement),?\s+{G6}(?P<t>began|started|commenced|"
        rf"a commence|a debute)\s+(?:in|en|on|le)\b",
        rf"\b(?P<t>folded|merged|rolled|absorbed|fondue?s?|integree?s?)\s+{G3}(?:into|dans)\s+(?:the\s+|la\s+|l')?"
        rf"(?:new\s+|nouvelle\s+)?(?:operation|mission|force)\b",
        rf"\b(?:operation|intervention|mission),?\s+{G4}(?P<t>declenchee?s?)\b|"
        rf"\b(?P<t2>declench\w*)\s+{G3}(?:l'operation|operation|intervention)\b",
        r"\b(?P<t>(?:assumed|assumes|took|takes|taken)\s+(?:over\s+)?(?:authority|command|the relay)\s+from|"
        r"took over from|takes over from|(?:a |ont |avait |a officiellement )?pris\s+(?:[a-z]+\s+){0,2}?le relais d[eu']|"
        r"prend\s+(?:[a-z]+\s+){0,2}?le relais d[eu']|"
        r"succede a|succeeded|succeeds|replaced)\b",
    ),
    "withdrawal": (
        rf"\b(?P<t>withdr[ae]w\w*|pull(?:ed|ing|s)?\s+{G3}(?:out|back)|pull-?outs?|drawdown|"
        rf"draw(?:ing)?\s+down|exit(?:ed|ing|s)?|repatriat\w*|retreat\w*)\b",
        rf"\b(?P<t>leav(?:e|es|ing)|left|quit(?:s|ting)?|depart(?:ed|ing|s)?|quitt\w*|partir|partis|"
        rf"parties|part(?:ira|iront|iraient|irait)),?\s+{G2}{LEFT_WHAT}",
        rf"\b(?:last|final|derni\w*),?\s+{G6}(?P<t>left|departed|quitt\w*|partis|parties|flew out|crossed|"
        r"franchi\w*)\b",
        r"\b(?P<t>retir\w*|retrait|desengag\w*|rapatri\w*|plie\w* bagages)\b",
        r"\b(?P<t>gone home|went home|flown out|flew out|set off|setting off|sets off|flew home|flown home|"
        r"returned home|came home|sont rentre(?:e|s|es)|est rentree?|rentrent|regagne\w* leur pays)\b",
        r"\b(?P<t>(?:were|was|had|have|has)\s+(?:all\s+|finally\s+|now\s+|long\s+|already\s+)?(?:been\s+)?gone)\b"
        r"(?!\s+(?:to|into|on|through|ahead|up|down|back|over|beyond)\b|\s+from\s+(?:about\s+|some\s+)?\d)",
        rf"\b(?P<t>carried|carry|carries|flew|flown|airlifted)\s+{G6}(?:{TROOPS})\s+{G6}out\b",
        r"(?<!\bau )(?<!\bpoint de )\b(?P<t>departure|depart)\b",
        r"\b(?P<t>part(?:ira|iront|iraient|irait)|quitter(?:a|ont|ait|aient))\b",
        r"\b(?P<t>(?:est|sont|etait|etaient)\s+(?:deja\s+|finalement\s+)?partie?s?)\b",
        r"\b(?P<t>leave|depart|pull out)\s+(?:by|before|within)\b",
        r"\b(?:would|will|to)\s+(?P<t>leave|withdraw|pull out|depart)\b(?=\s*+(?:[,.;]|and\b|but\b))",
    ),
    # Convoys setting off, troops carried away or sent back home, a base closed.
    "withdrawal#more": (
        # "decided to let the mandate lapse", "ont choisi de laisser expirer la mission"
        rf"\b(?:decid\w*|chose|chosen|choisi\w*|opted|opte\w*|agreed|resolved)\s+(?:to\s+|de\s+|d')?"
        rf"(?P<t>let|laisser)\s+{G3}(?:lapse|expire|expirer|run out|prendre fin)\b",
        r"\b(?P<t>s'est ebranlee?|se sont ebranle(?:e|s|es)?|(?:a|ont) pris la route|got under way|moved out|"
        r"headed home)\b",
        rf"\b(?P<t>emport\w*|evacu\w*|ferried|airlift\w*|brought|bring|brings|bringing|ramene?s?)\s+(?:back\s+)?"
        rf"{G6}(?:{TROOPS})\b"
        rf"(?!\s+(?:to|in|into|a|au|en|vers)\s+(?:mali|niger|burkina|bamako|niamey|ouagadougou|gao))",
        r"\b(?P<t>redeploy(?:ed|s|ing)?|redeploye(?:e|s|es)?)\s+(?:back\s+)?(?:to|vers|en|in|au|a)\s+"
        r"(?:europe|france|germany|allemagne|italy|italie|the united states|home|their home|leur pays)\b",
        r"\b(?P<t>closure|closing|fermeture)\s+(?:of\s+|de\s+|du\s+|d')\s*(?:the\s+|la\s+|l'|its\s+|sa\s+)?"
        r"(?:[a-z-]+\s+){0,2}?(?:base|site|camp|plateforme|platform|emprise|facility|hub)\b",
    ),
}

# Word stems without which a type's patterns cannot match: a sentence is only searched for
# the types whose stems it contains (a large share of the time otherwise goes on sentences
# that cannot match). test_extractor checks these stay in step with RULES.
_TROOP_STEMS = (
    "troop",
    "soldier",
    "servicem",
    "personnel",
    "instructor",
    "trainer",
    "peacekeeper",
    "helmet",
    "marine",
    "mercen",
    "force",
    "soldat",
    "militaire",
    "troupe",
    "instructeur",
    "casque",
    "element",
    "formateur",
    "contingent",
    "reinforcement",
    "renfort",
    "paramilit",
    "legionnaire",
    "commando",
    "adviser",
    "advisor",
    "conseiller",
)
ANCHORS: dict[str, tuple[str, ...]] = {
    "expulsion_ordered": (
        "told",
        "ask",
        "order",
        "ask",
        "instruct",
        "gave",
        "given",
        "giving",
        "urge",
        "expel",
        "expuls",
        "demand",
        "call",
        "want",
        "exig",
        "ordonn",
        "somm",
        "enjoin",
        "intim",
        "donn",
        "accord",
        "request",
    ),
    "agreement_revoked": (
        "revok",
        "rescind",
        "abrog",
        "revoqu",
        "resili",
        "denounc",
        "denonc",
        "renounc",
        "terminat",
        "scrap",
        "cancel",
        "annul",
        "tore",
        "tear",
        "ripped",
        "rompu",
        "rompre",
        "end",
        "mis",
        "met",
        "withdr",
        "retir",
        "denunciat",
        "suspend",
    ),
    "mandate_ended": ("mandat",),
    "operation_ended": (
        "operation",
        "mission",
        "closing",
        "declar",
        "proclaim",
        "flag",
        "drapeau",
        "intervention",
        "cess",
        "ceas",
        "disband",
        "dissou",
        "dissol",
        "wrapped",
        "wraps",
    ),
    "base_handed_over": (
        "hand",
        "turnover",
        "transfer",
        "turn",
        "returned",
        "ceded",
        "control",
        "base",
        "camp",
        "site",
        "retroced",
        "remis",
        "emprise",
        "passation",
        "gave",
        "give",
        "rend",
        "facility",
        "section",
        "airfield",
        "aerodrome",
        "emprise",
    ),
    "alliance_formed": ("alliance", "confederation"),
    "joint_force_launched": ("unified", "unifiee", "joint", "conjoint", "combined", "commune", "fu"),
    "agreement_signed": ("sign", "conclu", "struck", "reached", "agreed", "force", "vigueur"),
    "sanctions_lifted": (
        "sanction",
        "unfreez",
        "degel",
        "suspension",
        "mesure",
        "measure",
        "gel",
        "freeze",
        "blocage",
        "blockade",
        "asset",
        "fund",
        "account",
        "avoir",
        "fond",
        "compte",
    ),
    "sanctions_imposed": (
        "sanction",
        "froze",
        "freez",
        "gel",
        "suspen",
        "cut",
        "halt",
        "stop",
        "exclu",
        "mesure",
        "measure",
        "asset",
        "fund",
        "account",
        "avoir",
        "fond",
        "compte",
        "block",
        "bloqu",
        "entry",
        "entree",
        "visa",
        "bann",
        "bans",
        "barr",
        "bars",
        "interdi",
        "restrict",
        "reciproc",
        "blockade",
        "blocus",
        "embargo",
        "arsenal",
        "end",
        "halt",
        "fin",
        "arret",
    ),
    "border_reopened": ("reopen", "open", "rouvr", "rouvert", "reouverture", "closure", "fermeture"),
    "border_closed": ("clos", "shut", "seal", "ferm", "appl", "enforc", "appliqu"),
    "base_opened": (
        "open",
        "built",
        "inaugur",
        "commission",
        "ouvr",
        "construi",
        "operation",
        "mise",
        "entered",
        "came",
        "entree",
        "base",
        "camp",
        "facility",
        "airfield",
        "emprise",
    ),
    "coup": (
        "coup",
        "putsch",
        "overthr",
        "mutin",
        "ousted",
        "toppl",
        "seiz",
        "took",
        "prise",
        "pris",
        "renvers",
        "deposed",
        "destitu",
        "removed",
        "chass",
        "ecart",
        "evinc",
    ),
    "presence_reported": (
        "station",
        "based",
        "base",
        "present",
        "presence",
        "deploy",
        "remain",
        "stay",
        "rest",
        "demeur",
        "escort",
        "patrol",
        "patrouill",
        "number",
        "put",
        "estim",
        "evalu",
        "install",
    ),
    "presence_reported#troops": _TROOP_STEMS,
    "presence_reported#people": (
        "russian",
        "american",
        "frenchmen",
        "german",
        "italian",
        "russe",
        "americain",
        "francais",
        "allemand",
        "italien",
    ),
    "presence_reported#more": (
        "rest",
        "remain",
        "left",
        "demeur",
        "taken",
        "took",
        "taking",
        "take",
        "pris",
        "prennent",
        "prenaient",
        "hold",
        "held",
        "occup",
        "tiennent",
        "tenaient",
        "dispos",
        "put",
        "estim",
        "evalu",
        "trouv",
        "present",
        "still",
        "toujours",
        "encore",
        "operat",
        "operent",
        "operaient",
        "operait",
        "opere",
    ),
    "deployment": (
        "deploy",
        "deploi",
        "arriv",
        "landed",
        "atterri",
        "debarqu",
        "sent",
        "send",
        "dispatch",
        "envoy",
        "envoi",
        "launch",
        "lance",
        "install",
        "pose",
        "flown",
        "flew",
        "interven",
        "went",
        "declench",
        "assum",
        "took",
        "take",
        "relais",
        "succe",
        "replac",
        "fold",
        "merg",
        "roll",
        "absorb",
        "fondu",
        "integr",
        "began",
        "start",
        "commenc",
        "debut",
        "creation",
        "establish",
        "creat",
        "cree",
        "set",
        "mise",
        "touch",
    ),
    "withdrawal": (
        "withdr",
        "pull",
        "drawdown",
        "draw",
        "exit",
        "repatri",
        "retreat",
        "leav",
        "left",
        "quit",
        "depart",
        "part",
        "retir",
        "retrait",
        "desengag",
        "rapatri",
        "plie",
        "cross",
        "flew",
        "gone",
        "went",
        "flown",
        "set",
        "setting",
        "sets",
        "carr",
        "franchi",
        "airlift",
        "returned",
        "came",
        "rentr",
        "regagn",
    ),
    "withdrawal#more": (
        "ebranl",
        "route",
        "got",
        "moved",
        "headed",
        "emport",
        "evacu",
        "ferried",
        "airlift",
        "brought",
        "bring",
        "ramen",
        "redeploy",
        "closure",
        "closing",
        "fermeture",
        "let",
        "laisser",
    ),
}


def _with_extra(rules: dict, anchors: dict) -> tuple[dict, dict]:
    """RULES and ANCHORS with more_triggers' phrase groups ("type#part"), each just after
    its type's own rules, or, for the types in EXTRA_BEFORE, just before the rules they must
    win over."""

    def extras(kind: str) -> dict:
        return {k: v for k, v in EXTRA_RULES.items() if k.partition("#")[0] == kind and k not in EXTRA_AFTER}

    out_rules: dict = {}
    for key, patterns in rules.items():
        kind = key.partition("#")[0]
        for extra, first in EXTRA_BEFORE.items():
            if key == first:
                out_rules.update(extras(extra))
        out_rules[key] = patterns
        if key == [k for k in rules if k.partition("#")[0] == kind][-1]:
            if kind not in EXTRA_BEFORE:
                out_rules.update(extras(kind))
            out_rules.update({k: EXTRA_RULES[k] for k, after in EXTRA_AFTER.items() if after == kind})
    return out_rules, {**anchors, **EXTRA_ANCHORS}


RULES, ANCHORS = _with_extra(RULES, ANCHORS)


@lru_cache(maxsize=1)
def _anchor_index() -> dict[str, tuple[tuple[str, str], ...]]:
    index: dict[str, list] = {}
    for event_type, stems in ANCHORS.items():
        for stem in stems:
            index.setdefault(stem[:3], []).append((stem, event_type))
    return {k: tuple(v) for k, v in index.items()}


def candidate_types(folded: str, words: list[str] | None = None) -> set[str]:
    """Event types whose anchor stems occur in the (folded) sentence (`words`: its
    WORD.findall, when the caller has it already)."""
    types: set[str] = set()
    cache = _TYPES_OF_WORD
    for word in WORD.findall(folded) if words is None else words:
        got = cache.get(word)
        if got is None:
            got = _types_of(word)
            if len(cache) >= _CACHE_WORDS:  # bounded, whatever the uploads hold
                cache.clear()
            cache[word] = got
        if got:
            types.update(got)
    return types


_TYPES_OF_WORD: dict[str, tuple[str, ...]] = {}
_CACHE_WORDS = 50_000


def _types_of(word: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            event_type for stem, event_type in _anchor_index().get(word[:3], ()) if word.startswith(stem)
        )
    )


WORD = re.compile(r"[a-z0-9]+")

# How a generic withdrawal trigger is read: starting, planned, done.
START = re.compile(
    r"\b(?:began|begun|begin|begins|beginning|started|start|starts|starting|"
    r"commenc\w*|entam\w*|a debute|ont debute|first\s+(?:[a-z]+\s+)?(?:convoy|batch|group|"
    r"contingent|troops|soldiers|flight|wave)|premiers?\s+(?:convoi|contingent|"
    r"groupe|soldats|militaires|elements)|d'un premier convoi)\b"
)
# The modal "may", not the month ("in May", "early May", "May 5").
MAY = r"(?<!\bin )(?<!\bof )(?<!\bsince )(?<!\bearly )(?<!\blate )(?<!\bmid-)(?<!\buntil )(?<!\bby )may(?!\s+\d)"
MODAL = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|intends?|expected to|set to|"
    r"is to|are to|going to|must|should|to (?:withdraw|leave|pull|exit|quit|depart|"
    r"complete|deploy|send|end|stop|cease|close|wind)|va|vont|allait|allaient|devr\w*|doi[tv]\w*|"
    r"entend\w*|prevoi\w*|prevu\w*|d'ici|bientot|authori[sz]ed|could|" + MAY + r"|might|"
    r"pourrai\w*|envisag\w*|(?:quitte|retire|parti|desengage|rapatrie|acheve|"
    r"termine|deploie)(?:ra|ront|rait|raient))\b|'ll\b"
)
COMPLETE = re.compile(
    r"\b(?:complet\w*|finish\w*|concluded|final|finally|achev\w*|termin\w*|boucl\w*|"
    r"(?<!avant-)derni(?:er|ers|ere|eres)\b(?!\s+(?:mois|jours|semaines?|annees?|temps|fois))|"
    r"(?:ces|cette|ses) derni\w*|last(?!\s+(?:year|month|week|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|decade|night))|"
    r"has withdrawn|have withdrawn|had withdrawn|has left|have left|had left|"
    r"ont quitte|a quitte|avaient quitte|avait quitte|sont partis|est parti|"
    r"officially|officiellement)\b"
)
# "they were withdrawing from ECOWAS": an exit under way or just declared.
PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were|en train de)\s+(?:now\s+|still\s+)?(?:withdrawing|"
    r"leaving|pulling|quitting|exiting|se retirer|quitter)\b"
)
ANNOUNCE = re.compile(
    r"\b(?:said|says|announc\w*|annonc\w*|decid\w*|decision|agreed|agree|accept\w*|chose|choisi\w*|opted|pledg\w*|"
    r"promis\w*|orders?|ordered|ordonn\w*|vowed|deadline|calendrier|timetable|"
    r"schedule)\b"
)
AFTER_DEPARTURE = re.compile(
    r"\b(?:after|following|since|apres|depuis)\s+(?:the\s+|le\s+|leur\s+|"
    r"son\s+|their\s+|its\s+)?(?:final\s+)?(?:departure|withdrawal|exit|"
    r"pull-?out|depart|retrait)\b"
)
PAST_VERB = re.compile(
    r"\b(?:withdrew|pulled out|pulled back|left|departed|exited|gone|quitte|quittes|"
    r"partis|parties|retires?|retirees?|se sont retir\w*|s'est retir\w*|redeployed|redeployee?s?|wound up|shut down|closed)\b"
)
# Somebody else wants the troops gone (protesters): a demand, not a withdrawal.
DEMAND = re.compile(
    r"\b(?:reclam\w*|demand\w*|call\w* for|calling for|appel\w*|exig\w*|"
    r"protest\w*|manifest\w*)\b"
)
# People who leave but are not troops.
CIVILIANS = re.compile(
    r"\b(?:civilians?|citizens|nationals|residents|expatriates|diplomats?|"
    r"ambassador|ambassadeur|ressortissants|civils|habitants|refugees|"
    r"refugies|migrants|journalists?|journalistes)\b"
)
# "the departure of some 1,500 French soldiers": the troops named right after the word.
TROOPS_OWN = re.compile(rf"\s++(?:of|des|du|de|d')\s*+(?:[^\s.;:,]+\s++){{0,4}}?(?:{TROOPS})\b")
# Clause edges: a modal or a completion word beyond them speaks of something else.
CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas|et|mais|alors que|tandis que|which|who|whose|"
    r"where|dont|qui|ou|lequel|laquelle)\b|;|\s[-\u2013]\s|"
    r"\bwhile\b|\bwhereas\b|\btandis que\b|\balors que\b"
)
# CLAUSE in two parts, for the edges of a whole sentence: the edges marked by punctuation,
# and the conjunctions alone, looked for only when one of them is in the sentence.
_CLAUSE_MARKS = re.compile(
    r",\s+(?:and|but|while|whereas|et|mais|alors que|tandis que|which|who|whose|"
    r"where|dont|qui|ou|lequel|laquelle)\b|;|\s[-\u2013]\s"
)
_CLAUSE_WORDS = re.compile(r"\bwhile\b|\bwhereas\b|\btandis que\b|\balors que\b")
NEGATION = re.compile(
    r"\b(?:not|never|no longer|denies|denied|deny|refus\w*|ne|n'|pas|jamais|"
    r"dement\w*|nie|nient)\b"
)
# Speculation, hopes, fears and conditions: what the text does not say happened.
HEDGE = re.compile(
    r"\b(?:could|might|" + MAY + r"|would|pourrai\w*|pourrait|ready to|prets? a|pretes? a|"
    r"esper\w*|hop(?:e|es|ed|ing)|fears?|feared|craign\w*|craindre|if|si|suggest\w*|"
    r"talk\w* about|speculat\w*|rumou?r\w*|threat\w*|menac\w*|intend\w*|"
    r"whether|unless|a moins que|voire)\b|"
    # "only the elected leaders can end the accords": who may do it, not what was done
    r"\bonly\b[^,.;]{0,60}\bcan\b|\bseule?s?\b[^,.;]{0,60}\bpeu(?:ven)?t\b"
)
# "no Russian deployment has been announced", "aucune levée n'a été annoncée".
NONE_BEFORE = re.compile(r"\b(?:no|aucun\w*|nor|ni)\s++(?:[a-z'-]+\s++){0,3}$")
# "without imposing sanctions", "sans toutefois lui imposer de sanctions": not done.
WITHOUT_BEFORE = re.compile(r"\b(?:sans|without)\s++(?:[a-z']++\s++){0,2}$")
# Obligation or expectation with nobody saying it was decided: "must leave in the coming
# days", "doit avoir quitté", "expected to end", "intended to".
PLAN_ONLY = re.compile(
    r"\b(?:(?:doi[tv]\w*|devai\w*|devr\w*)\s+avoir|must have|expected to|supposed to|"
    r"intended to|intends? to|censee?s? avoir)\b"
)
# French future and conditional forms of a trigger verb.
FUTURE_WORD = re.compile(
    r"[a-z']+(?:erai|eras|era|erons|erez|eront|erait|eraient|irai|ira|irons|iront|irait|"
    r"iraient)"
)
# An open question: nothing is said to have happened or been decided.
UNCLEAR = re.compile(
    r"\b(?:not (?:immediately |yet )?clear|unclear|it is not known|remains to be seen|"
    r"pas clair|on ignore|reste a savoir|how quickly|how soon)\b"
)
# "are completing their withdrawal", "achèvent leur retrait": still under way.
IN_PROGRESS = re.compile(
    r"\b(?:achevent|terminent|finalisent|bouclent|(?:is|are|was|were)\s+(?:still\s+)?"
    r"(?:completing|finishing|wrapping up)|en train d'achever)\b"
)
# Some of the force is still there: what left is only part of it.
REMAINDER = re.compile(
    r"\b(?:restai\w*|restent|remain(?:ed|s|ing)?|still in|encore \d|were still|"
    r"etaient encore|en restait)\b"
)
# A completion word that is denied: "le départ n'est pas tout à fait terminé".
DENIED_BEFORE = re.compile(r"\b(?:not|pas|never|jamais|yet)\b(?:\s+[a-z']+){0,3}\s+$")


def _completed(window: str) -> bool:
    for m in COMPLETE.finditer(window):
        if not DENIED_BEFORE.search(window, max(0, m.start() - 30), m.start()):
            return True
    return False


# "the withdrawal announced in February": the noun names the announcement.
ANNOUNCED_AFTER = re.compile(r"\s+(?:announced|decided|ordered|annoncee?s?|decidee?s?|ordonnee?s?)\b")
# "agreed to begin planning the departure": what starts is the planning.
START_PLANNING = re.compile(
    r"\b(?:begin|began|begun|start\w*|commenc\w*)\s+(?:to\s+)?(?:plan\w*|talks|"
    r"discussions?|negotiat\w*|prepar\w*|consultations?)\b"
)
# Somebody stated the plan: then it is an announcement.
STATED = re.compile(
    r"\b(?:said|says|announc\w*|annonc\w*|stated|declar\w*|confirm\w*|told|"
    r"precis\w*|indiqu\w*|affirm\w*|assur\w*|decid\w*|decision)\b"
)
UNDO_CLOSURE = re.compile(r"\b(?:lift\w*|lev\w*|reopen\w*|rouvr\w*|end\w*|mettre fin|fin)\b")


@dataclass(frozen=True)
class Trigger:
    event_type: str  # "withdrawal" is resolved later into announced/started/completed
    start: int  # of the trigger word, relative to the sentence
    end: int
    match_start: int  # of the whole phrase
    match_end: int


# Types whose whole phrase ("told French troops to leave") owns its words, so the
# "leave" inside it cannot also be read as a withdrawal.
PHRASE_OWNERS = frozenset({"expulsion_ordered", "agreement_revoked"})


def _branches_of(patterns: tuple[str, ...]) -> list[str]:
    """A type's patterns as branches of one regex (group names must be unique in it)."""
    return [
        "(?:" + p.replace("(?P<t>", f"(?P<t{i}>").replace("(?P<t2>", f"(?P<u{i}>") + ")"
        for i, p in enumerate(patterns)
    ]


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[str, re.Pattern], ...]:
    """One alternation per event type, compiled once."""
    out = []
    for event_type, patterns in RULES.items():
        # Every branch starts at a word boundary (after its look-behinds): tested once per
        # position rather than once per branch, which halves the scan.
        pattern = re.compile(r"\b(?:" + "|".join(_branches_of(patterns)) + ")")
        assert pattern.groups == len(pattern.groupindex), event_type  # no unnamed group
        out.append((event_type, pattern))
    return tuple(out)


@lru_cache(maxsize=1)
def _branches() -> WordStarts:
    """Each type's branches compiled alone, with the words they can begin with: a branch is
    tried only where such a word starts, not at every position of a sentence."""
    starts = WordStarts(
        [(event_type, r"\b" + b) for event_type, patterns in RULES.items() for b in _branches_of(patterns)]
    )
    for event_type, pattern in starts.compiled:
        assert pattern.groups == len(pattern.groupindex), event_type  # no unnamed group
    return starts


def _owned(t: Trigger) -> tuple[int, int]:
    return (t.match_start, t.match_end) if t.event_type in PHRASE_OWNERS else (t.start, t.end)


def find_triggers(folded: str, prefilter: bool = True, wanted: set[str] | None = None) -> list[Trigger]:
    """Event triggers in a folded sentence; overlapping ones keep the higher-priority type.
    `wanted`: candidate_types(folded), when the caller has it already."""
    found: list[Trigger] = []
    if prefilter and wanted is None:
        wanted = candidate_types(folded)
    elif not prefilter:
        wanted = None
    branches = _branches()
    starts = branches.starts(folded, wanted)
    for event_type in RULES:
        if wanted is not None and event_type not in wanted:
            continue
        if event_type in branches.unanchored:
            matches = dict(compiled())[event_type].finditer(folded)
        elif event_type in starts:
            matches = scan(folded, starts[event_type])
        else:
            continue  # no word of the sentence begins any of the type's branches
        kind = event_type.partition("#")[0]  # "presence_reported#troops": a part of its type
        for m in matches:
            # Every group is a named marked word (_branches() checks it), one per branch: the
            # last group matched is the branch's.
            span = m.span(m.lastgroup) if m.lastgroup else None
            if span is None:  # no marked word: the phrase's first word carries the event
                first = re.match(r"\S+", folded[m.start() : m.end()])
                span = (m.start(), m.start() + (first.end() if first else 0))
            t = Trigger(kind, span[0], span[1], m.start(), m.end())
            a, b = _owned(t)
            if any(a < fb and fa < b for fa, fb in map(_owned, found)):
                continue
            found.append(t)
    found.sort(key=lambda t: t.start)
    return found


# The clause edges of the last whole sentence asked for: every trigger of a sentence asks
# for them again (roles.who_where), and a dense sentence has dozens of triggers.
_EDGES: tuple = ("", ())


def _sentence_edges(folded: str) -> tuple[tuple[int, int], ...]:
    global _EDGES
    cached = _EDGES  # one tuple, read and replaced whole: safe across Streamlit's threads
    if cached[0] == folded:
        return cached[1]
    # A conjunction inside a punctuation edge (", while") adds an edge within it: the bounds
    # clause() takes from the edges stay the same.
    edges = [m.span() for m in _CLAUSE_MARKS.finditer(folded)]
    if "while" in folded or "whereas" in folded or " que" in folded:
        edges = sorted(edges + [m.span() for m in _CLAUSE_WORDS.finditer(folded)])
    edges = tuple(edges)
    _EDGES = (folded, edges)
    return edges


def clause(folded: str, trig: Trigger, before: int = 90, after: int = 70) -> tuple[int, int]:
    """Bounds of the clause around a trigger (at most `before`/`after` characters away)."""
    lo, hi = max(0, trig.start - before), min(len(folded), trig.end + after)
    # The sentence's edges (found once for all its triggers) that lie inside the window.
    for s, e in _sentence_edges(folded):
        if s < lo or e > hi:
            if s >= hi:
                break
            continue
        if e <= trig.start:
            lo = e
        elif s >= trig.end:
            hi = s
            break
    return lo, hi


def withdrawal_kind(folded: str, trig: Trigger) -> str | None:
    """Read a generic withdrawal word as started, announced or completed from the words
    around it; None when nothing says which (a bare "the withdrawal") or when the ones
    leaving are civilians or the departure is only demanded."""
    lo, hi = clause(folded, trig)
    window = folded[lo:hi]
    word = folded[trig.start : trig.end]
    if CIVILIANS.search(folded, max(lo, trig.start - 40), trig.start) and not TROOPS_OWN.match(
        folded, trig.end
    ):
        return None  # "the ambassador left"; but "the envoy's recall and the departure of 1,500 soldiers"
    if DEMAND.search(folded, max(lo, trig.start - 30), trig.start):
        return None
    phrase = folded[trig.match_start : trig.match_end]
    if UNCLEAR.search(folded):
        return None  # "it was not clear how quickly they would be expected to leave"
    if IN_PROGRESS.search(window):
        return None  # "achèvent leur retrait": under way, neither started here nor done
    if COMPLETE.search(phrase) and not MODAL.search(phrase):  # "the last soldiers left"
        return "withdrawal_completed"
    if ANNOUNCED_AFTER.match(folded, trig.end):
        return "withdrawal_announced"  # "un retrait annoncé six mois plus tôt"
    if START.search(window) and not START_PLANNING.search(window):
        return "withdrawal_started"
    if PLAN_ONLY.search(window) and not STATED.search(folded):
        return None
    if MODAL.search(window) or PROGRESSIVE.search(folded, max(lo, trig.start - 30), trig.end):
        return "withdrawal_announced"
    if REMAINDER.search(folded) and not ANNOUNCE.search(window):
        return None  # "1 346 soldiers had gone and 157 remained": part of the force only
    if _completed(window) or AFTER_DEPARTURE.search(folded, max(0, trig.start - 30), trig.end + 5):
        return "withdrawal_completed"
    if PAST_VERB.fullmatch(word) or PAST_VERB.search(folded, max(0, trig.start - 12), trig.end):
        return "withdrawal_completed"
    if ANNOUNCE.search(window):
        return "withdrawal_announced"
    return None


def is_modal(folded: str, trig: Trigger, before: int = 60, after: int = 10) -> bool:
    """A modal governs the trigger: before it, or the trigger itself ("déploiera"); an
    infinitive after it is a purpose ("went into action to stop")."""
    if FUTURE_WORD.fullmatch(folded, trig.start, trig.end):
        return True  # "rouvriraient", "fermera": the trigger itself is future or conditional
    lo, hi = clause(folded, trig, before, after)
    m = MODAL.search(folded, lo, hi)
    while m is not None:
        if not m.group().startswith("to "):
            return True
        if trig.start - 2 <= m.end() and m.start() < trig.end:
            return True  # "authorised to deploy": the infinitive is the trigger itself
        m = MODAL.search(folded, m.end(), hi)
    return False


def is_negated(folded: str, trig: Trigger) -> bool:
    return bool(
        before(NEGATION, folded, trig.start, 25)
        or NONE_BEFORE.search(folded[max(0, trig.start - 40) : trig.start])
        or before(WITHOUT_BEFORE, folded, trig.start, 30)
    )


def is_hedged(folded: str, trig: Trigger, before: int = 60) -> bool:
    """Speculation, a hope or a condition governs the trigger's clause."""
    lo, hi = clause(folded, trig, before, 10)
    return bool(HEDGE.search(folded, lo, trig.start))
