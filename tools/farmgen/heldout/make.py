#!/usr/bin/env python3
"""Write the 48 held-out-form farm pages, their 48 clean copies and truth.jsonl into OUT_DIR.

    python3 tools/farmgen/heldout/make.py OUT_DIR

Deterministic: every page draws its furniture from random.Random(page tag)."""
import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) != 2:
    sys.exit("usage: make.py OUT_DIR")
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
sys.path.insert(0, HERE)
from heldout_lib import affix, load_stories  # noqa: E402

# ---------------------------------------------------------------- page specs
# splice: (item, how, anchor, mode); item = body paragraph index or "cap"; how = end|after|before;
# mode = glued | spaced | hyphen.   extras: (kind, place) with kind promo|alone|app, place top|head|mid|end
def S(tag, story, title, crumb, splice, product, shape, brand, splices=(), extras=()):
    return dict(tag=tag, story=story, title=title, crumb=crumb, splice=splice, product=product,
                shape=shape, brand=brand, splices=list(splices), extras=list(extras))

A = [
    S("A1", "en-n01", "none", "none", "caption", "promo", "caps", "QAVRIX",
      [("cap", "after", "on Tuesday evening", "glued")], [("promo", "head"), ("promo", "end")]),
    S("A2", "en-n02", "none", "none", "caption", "brand-alone", "word", "Fenquor",
      [("cap", "after", "near the northern footpath", "spaced")], [("alone", "top"), ("alone", "mid")]),
    S("A3", "nl-n01", "none", "none", "caption", "promo", "lower", "zoqrella",
      [("cap", "after", "bij Oosterzande", "spaced")], [("promo", "head"), ("promo", "end")]),
    S("A4", "en-n03", "none", "none", "para-end", "promo", "camel", "QuaxoTrade",
      [(0, "end", None, "glued"), (2, "end", None, "spaced")], [("promo", "end")]),
    S("A5", "en-n04", "none", "none", "para-end", "none", "digits", "Quenta365",
      [(0, "end", None, "spaced"), (1, "end", None, "glued"), (3, "end", None, "glued")]),
    S("A6", "pt-n01", "none", "none", "para-end", "brand-alone", "two-words", "Zimrax Media",
      [(0, "end", None, "spaced"), (2, "end", None, "glued")], [("alone", "mid")]),
    S("A7", "en-n05", "none", "none", "para-end", "none", "word", "Yezzamo",
      [(1, "end", None, "glued"), (3, "end", None, "spaced")]),
    S("A8", "en-n06", "none", "none", "quote", "promo", "lower", "quolmari",
      [(1, "after", "the money simply", "glued")], [("promo", "head"), ("promo", "end")]),
    S("A9", "en-n07", "none", "none", "quote", "none", "caps", "DRUXEL",
      [(1, "after", "we would never", "glued"), (3, "after", "It looks exactly", "glued")]),
    S("A10", "it-n01", "none", "none", "quote", "brand-alone", "digits", "Mizzo777",
      [(1, "after", "«Vogliamo che le persone", "glued")], [("alone", "head"), ("alone", "end")]),
    S("A11", "en-n08", "none", "none", "quote", "brand-alone", "camel", "NexquaHub",
      [(2, "after", "are getting their", "glued")], [("alone", "mid")]),
    S("A12", "en-n09", "none", "none", "hyphen", "promo", "word", "Plunzeta",
      [(1, "before", "plan was approved", "hyphen"), (2, "before", "town fear", "hyphen")], [("promo", "head")]),
    S("A13", "en-n10", "none", "none", "hyphen", "none", "word", "Krovaxi",
      [(1, "before", "lessons. At", "hyphen"), (2, "before", "day.", "hyphen"), (3, "before", "scores, and", "hyphen")]),
    S("A14", "en-n11", "none", "none", "hyphen", "brand-alone", "lower", "vyzzot",
      [(1, "before", "sky for a routine", "hyphen")], [("alone", "top"), ("alone", "end")]),
    S("A15", "pt-n02", "none", "none", "glued-before", "promo", "camel", "TraxyBet",
      [(1, "before", "foz do rio", "glued"), (2, "before", "estuário triplica", "glued")], [("promo", "head")]),
    S("A16", "nl-n02", "none", "none", "glued-before", "brand-alone", "caps", "KWAZZO",
      [(0, "before", "vermoeid", "glued"), (1, "before", "ijsbaan", "glued")], [("alone", "mid")]),
]
B = [
    S("B1", "en-n12", "guillemet", "none", "caption", "none", "digits", "Zaxo88",
      [("cap", "after", "canal towpath", "glued")]),
    S("B2", "en-n13", "paren-suffix", "none", "caption", "none", "word", "Zelvari",
      [("cap", "after", "opening parade", "spaced")]),
    S("B3", "it-n02", "emdash-suffix", "none", "caption", "none", "lower", "kelqoba",
      [("cap", "after", "nell'abside della chiesa", "glued")]),
    S("B4", "en-n14", "tilde", "none", "caption", "promo", "caps", "VELTROZ",
      [("cap", "after", "on Monday afternoon", "glued")], [("promo", "head")]),
    S("B5", "en-n15", "raquo-prefix", "none", "para-end", "none", "two-words", "Vardoz Markets",
      [(0, "end", None, "spaced"), (2, "end", None, "glued")]),
    S("B6", "pt-n03", "guillemet", "none", "para-end", "none", "camel", "OxiqLane",
      [(1, "end", None, "glued")]),
    S("B7", "en-n16", "emdash-suffix", "none", "para-end", "app-line", "digits", "Vyro247",
      [(1, "end", None, "spaced")], [("app", "head")]),
    S("B8", "en-n17", "tilde", "none", "quote", "none", "word", "Oxtrella",
      [(2, "after", "it teaches kids", "glued")]),
    S("B9", "en-n18", "paren-suffix", "none", "quote", "brand-alone", "lower", "xeplora",
      [(1, "after", "much further south", "glued")], [("alone", "end")]),
    S("B10", "nl-n03", "raquo-prefix", "none", "quote", "none", "caps", "ZYPHERA",
      [(1, "after", "kleine aanpassingen", "glued")]),
    S("B11", "en-n19", "guillemet", "none", "hyphen", "none", "camel", "KwixLoop",
      [(3, "before", "spaces where", "hyphen")]),
    S("B12", "en-n20", "emdash-suffix", "none", "hyphen", "promo", "camel", "ZelbyPro",
      [(2, "before", "lets.", "hyphen")], [("promo", "end")]),
    S("B13", "en-n21", "raquo-prefix", "none", "hyphen", "none", "digits", "Kexa99",
      [(1, "before", "bus.", "hyphen"), (2, "before", "line and website", "hyphen")]),
    S("B14", "en-n22", "tilde", "none", "hyphen", "none", "word", "Quimbry",
      [(1, "before", "style.", "hyphen")]),
    S("B15", "it-n03", "pipe-tight", "none", "glued-before", "none", "lower", "mozzrik",
      [(0, "before", "palazzetto", "glued"), (2, "before", "sponsor", "glued")]),
    S("B16", "en-n23", "paren-suffix", "none", "glued-before", "none", "two-words", "Bexzo Finance",
      [(1, "before", "treeless", "glued")]),
]
C = [
    S("C1", "en-n24", "guillemet", "none", "none", "none", "lower", "dexuvia"),
    S("C2", "it-n04", "guillemet", "none", "none", "none", "digits", "Yaxel500"),
    S("C3", "nl-n04", "guillemet", "end", "none", "none", "camel", "FizqoMart"),
    S("C4", "en-n25", "paren-suffix", "none", "none", "brand-alone", "caps", "MORQEX",
      extras=[("alone", "top"), ("alone", "end")]),
    S("C5", "en-n26", "paren-suffix", "none", "none", "promo", "two-words", "Quellix Capital",
      extras=[("promo", "head"), ("promo", "end")]),
    S("C6", "en-n27", "paren-suffix", "start", "none", "none", "digits", "Droqz21"),
    S("C7", "en-n28", "emdash-suffix", "none", "none", "none", "two-words", "Oxquen Trading"),
    S("C8", "en-n29", "emdash-suffix", "none", "none", "app-line", "two-words", "Kravyq Signals",
      extras=[("app", "end")]),
    S("C9", "en-n30", "emdash-suffix", "glued-end", "none", "none", "lower", "trivexa"),
    S("C10", "en-n31", "raquo-prefix", "none", "none", "brand-alone", "two-words", "Zultora Group",
      extras=[("alone", "mid")]),
    S("C11", "en-n32", "raquo-prefix", "none", "none", "promo", "word", "Vaxtorin",
      extras=[("promo", "head"), ("promo", "end")]),
    S("C12", "en-n33", "raquo-prefix", "none", "none", "none", "caps", "BLAXIO"),
    S("C13", "en-n34", "tilde", "end", "none", "none", "digits", "Trezqa12"),
    S("C14", "en-n35", "tilde", "none", "none", "none", "two-words", "Yexmo Labs"),
    S("C15", "en-n36", "tilde", "none", "none", "brand-alone", "camel", "VoriZaq",
      extras=[("alone", "top"), ("alone", "head"), ("alone", "end")]),
    S("C16", "pt-n04", "pipe-tight", "none", "none", "promo", "caps", "TREZKO",
      extras=[("promo", "head"), ("promo", "end")]),
]
PAGES = [p for trio in zip(A, B, C) for p in trio]
LAYOUTS = ["short", "long", "comments", "listing"]
for i, p in enumerate(PAGES):
    p["layout"] = LAYOUTS[i % 4]

CODES = {
    "title": {"guillemet": "guil", "paren-suffix": "paren", "emdash-suffix": "emdash", "raquo-prefix": "raquo",
              "tilde": "tilde", "pipe-tight": "ptight", "none": "notitle"},
    "crumb": {"none": "nocrumb", "start": "cstart", "end": "cend", "glued-end": "cglend"},
    "splice": {"caption": "caption", "para-end": "paraend", "quote": "quote", "hyphen": "hyphen",
               "glued-before": "gbefore", "none": "nosplice"},
    "product": {"none": "noprod", "promo": "promo", "brand-alone": "alone", "app-line": "app"},
    "brandshape": {"word": "word", "camel": "camel", "two-words": "two", "digits": "digits",
                   "lower": "lower", "caps": "caps"},
}

# ---------------------------------------------------------------- furniture (all invented)
F = {
    "en": dict(
        sites=["Harbourline Courier", "The Millbrook Ledger", "Eastvale Daily", "Northgate News Desk",
               "Riverside Bulletin", "County Wire Today", "The Evening Lantern", "Glenmoor Gazette",
               "Daily Brief Online", "Westcliff Observer"],
        menus=[["Home", "News", "Sport", "Business", "Weather", "Culture", "Opinion"],
               ["News", "Local", "Politics", "Money", "Sport", "Life"],
               ["Home", "World", "National", "Business", "Tech", "Science", "Sport"]],
        menu_seps=[" | ", " · ", "  "],
        home="Home", news="News",
        sections=dict(local="Local", politics="Politics", science="Science", sport="Sport", business="Business",
                      weather="Weather", culture="Culture", health="Health", transport="Transport",
                      education="Education", environment="Environment", tech="Technology"),
        bylines=["By Anna Kerwell", "By Tom Ashdown, Local Affairs Reporter", "Staff reporter",
                 "By Priyanka Dhillon and Mark Eaves", "By Sam Whitlow", "By Grace Ilesanmi, Correspondent"],
        months=["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"],
        dates=["Published {d} {M} {y}, {h:02d}:{m:02d}", "Updated: {d} {M3} {y} {h:02d}:{m:02d} GMT",
               "{y}-{mo:02d}-{d:02d} {h:02d}:{m:02d}", "{M} {d}, {y} at {h12}:{m:02d} {ap}",
               "Posted on {d:02d}/{mo:02d}/{y}", "Last modified: {d} {M3} {y}"],
        sources=["Source: Continental Press Service", "Source: agency reports", "Source: Northern Press Association",
                 "Source: Meridian Wire"],
        reading=["{n} min read", "Reading time: {n} minutes"],
        editors=["Edited by Claire Motson", "Editing by Joe Barraclough", "Additional reporting by Ola Nwosu",
                 "Fact-checked by Rhiannon Vale"],
        counters=["Likes ({n})", "{n} shares", "Views: {n}", "Recommended ({n})"],
        share=["Share this article: Facebook | X | WhatsApp | Email", "Share · Copy link · Print"],
        tags="Tags: ",
        cookie=["We use cookies to give you the best experience. Accept all | Manage settings",
                "This site uses cookies. By continuing to browse you agree to our use of cookies. OK"],
        newsletter=["Sign up for our morning newsletter and get the day's top stories first.",
                    "Get breaking news alerts straight to your inbox. Subscribe now"],
        ads=["Advertisement", "Sponsored: Compare home insurance quotes in two minutes",
             "ADVERTISEMENT - story continues below"],
        comments_head=["{n} comments", "Comments ({n})", "Join the discussion ({n})"],
        users=["marta_k", "DaveOnTheHill", "quietreader", "Elspeth M.", "ferryman77", "J. Okafor", "northsider",
               "lucy_b"],
        times=["2 hours ago", "yesterday at 18:04", "5 min ago", "3 days ago"],
        comments=["About time something was done about this.",
                  "I remember when none of this was here. Good news for the town.",
                  "Who is paying for it though? That's what I want to know.",
                  "Great to see some positive news for once.",
                  "My neighbour was involved in this, very proud of them.",
                  "Shame it took so long.", "Well deserved!",
                  "Does anyone know if this affects the Saturday buses?"],
        reply=["Reply", "Reply · Report", "↳ 2 replies"],
        more=["Load more comments", "Show older comments"],
        footers=["© 2024 {site}. All rights reserved.", "Copyright 2024 {site}"],
        links=["About us | Contact | Advertise | Privacy policy | Terms of use",
               "Contact the newsroom · Corrections · Cookie settings"],
        related_head=["Related stories", "More from {section}", "Most read", "You may also like"],
        extra_related=[],
        promo=["★ {B} ★ Premium Signals", "Join {B} VIP today", "{B} — trusted by 2 million users",
               "✔ {B} Verified Picks – start your free trial", "{B}: daily tips, zero fees"],
        app=["Download the {B} App", "Get the {B} app for iPhone and Android"],
        tagwords=dict(local="community", politics="council", science="research", sport="results",
                      business="jobs", weather="forecast", culture="arts", health="hospitals",
                      transport="roads", education="schools", environment="nature", tech="internet"),
    ),
    "it": dict(
        sites=["Gazzetta di Valdoria", "Il Corriere del Borgo", "Notizie Oggi Centro", "La Voce della Costa"],
        menus=[["Home", "Cronaca", "Politica", "Economia", "Sport", "Cultura"],
               ["Prima pagina", "Territorio", "Economia", "Sport", "Spettacoli"]],
        menu_seps=[" | ", " · "],
        home="Home", news="Notizie",
        sections=dict(politics="Politica", culture="Cultura", sport="Sport", weather="Meteo"),
        bylines=["di Francesca Aldini", "di Luca Bernardi", "Redazione"],
        months=["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                "ottobre", "novembre", "dicembre"],
        dates=["{d} {M} {y}, ore {h:02d}:{m:02d}", "Pubblicato il {d:02d}/{mo:02d}/{y}",
               "Aggiornato: {d} {M} {y} - {h:02d}:{m:02d}"],
        sources=["Fonte: Agenzia Stampa Centrale", "Fonte: agenzie"],
        reading=["Tempo di lettura: {n} minuti", "Lettura: {n} min"],
        editors=["A cura della redazione", "Ha collaborato Giorgio Fabbri"],
        counters=["Mi piace ({n})", "{n} condivisioni", "Letture: {n}"],
        share=["Condividi: Facebook | X | WhatsApp | Email"],
        tags="Tag: ",
        cookie=["Questo sito utilizza cookie per migliorare l'esperienza. Accetta | Impostazioni"],
        newsletter=["Iscriviti alla newsletter per ricevere ogni mattina le notizie del giorno."],
        ads=["Pubblicità", "PUBBLICITÀ - l'articolo continua sotto"],
        comments_head=["{n} commenti", "Commenti ({n})"],
        users=["giulia_r", "Sandro65", "lettore_attento", "M. Ferri"],
        times=["2 ore fa", "ieri alle 18:04", "5 minuti fa"],
        comments=["Finalmente una buona notizia!", "Speriamo che mantengano le promesse.",
                  "Io ero presente, è stato bellissimo.", "E i parcheggi? Nessuno ci pensa?"],
        reply=["Rispondi", "Rispondi · Segnala"],
        more=["Carica altri commenti"],
        footers=["© 2024 {site}. Tutti i diritti riservati."],
        links=["Chi siamo | Contatti | Pubblicità | Privacy"],
        related_head=["Leggi anche", "I più letti"],
        extra_related=["Nuovo ponte ciclabile sul fiume aperto tra due quartieri",
                       "Il mercato coperto di Sanvieri riapre dopo i lavori",
                       "Borse di studio per duecento studenti delle scuole superiori",
                       "Ritrovata una lettera del Settecento nell'archivio comunale"],
        promo=["★ {B} ★ Segnali Premium", "Entra in {B} VIP oggi", "{B} — scelto da 2 milioni di utenti"],
        app=["Scarica l'app {B}"],
        tagwords=dict(politics="comune", culture="arte", sport="pallavolo", weather="allerta"),
    ),
    "pt": dict(
        sites=["Jornal do Vale", "Diário da Ribeira", "Notícias da Serra", "O Correio de Ribamar"],
        menus=[["Início", "País", "Local", "Economia", "Desporto", "Cultura"],
               ["Última hora", "Região", "Economia", "Desporto", "Opinião"]],
        menu_seps=[" | ", " · "],
        home="Início", news="Notícias",
        sections=dict(business="Economia", science="Ciência", culture="Cultura", transport="Mobilidade"),
        bylines=["Por Joana Tavares", "Por Miguel Sardinha", "Redação"],
        months=["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                "outubro", "novembro", "dezembro"],
        dates=["{d} de {M} de {y}, {h:02d}:{m:02d}", "Publicado em {d:02d}/{mo:02d}/{y}",
               "Atualizado: {d} {M3} {y} {h:02d}:{m:02d}"],
        sources=["Fonte: Agência Noticiosa do Sul", "Fonte: agências"],
        reading=["Leitura: {n} min", "Tempo de leitura: {n} minutos"],
        editors=["Edição de Carla Monteiro", "Com agências"],
        counters=["Gostos ({n})", "{n} partilhas", "Visualizações: {n}"],
        share=["Partilhar: Facebook | X | WhatsApp | Email"],
        tags="Etiquetas: ",
        cookie=["Este site utiliza cookies para melhorar a sua experiência. Aceitar | Definições"],
        newsletter=["Subscreva a nossa newsletter e receba as notícias do dia."],
        ads=["Publicidade", "PUBLICIDADE - o artigo continua abaixo"],
        comments_head=["{n} comentários", "Comentários ({n})"],
        users=["ana.m", "ze_do_largo", "leitor_atento", "R. Pacheco"],
        times=["há 2 horas", "ontem às 18:04", "há 5 minutos"],
        comments=["Finalmente uma boa notícia para a terra.", "Espero que cumpram o prometido.",
                  "Estive lá e foi muito bonito.", "E o estacionamento? Ninguém pensa nisso?"],
        reply=["Responder", "Responder · Denunciar"],
        more=["Ver mais comentários"],
        footers=["© 2024 {site}. Todos os direitos reservados."],
        links=["Quem somos | Contactos | Publicidade | Privacidade"],
        related_head=["Leia também", "Mais lidas"],
        extra_related=["Biblioteca municipal alarga horário durante o período de exames",
                       "Pescadores de Almaré pedem novo cais de abrigo",
                       "Escola primária recebe painéis solares no telhado",
                       "Feira do livro bate recorde de visitantes"],
        promo=["★ {B} ★ Sinais Premium", "Junte-se ao {B} VIP hoje", "{B} — a confiança de 2 milhões de utilizadores"],
        app=["Descarregue a app {B}"],
        tagwords=dict(business="emprego", science="ambiente", culture="música", transport="transportes"),
    ),
    "nl": dict(
        sites=["Dagblad Zandmeer", "Het Oosterzander Nieuws", "Nieuwsbode Ravenstad", "De Polderkrant"],
        menus=[["Home", "Nieuws", "Regio", "Economie", "Sport", "Cultuur"],
               ["Voorpagina", "Binnenland", "Regio", "Sport", "Wetenschap"]],
        menu_seps=[" | ", " · "],
        home="Home", news="Nieuws",
        sections=dict(local="Regio", sport="Sport", science="Wetenschap", business="Economie"),
        bylines=["Door Sanne de Wit", "Door Pieter Bosman", "Redactie"],
        months=["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december"],
        dates=["{d} {M} {y}, {h:02d}:{m:02d}", "Gepubliceerd op {d:02d}-{mo:02d}-{y}",
               "Bijgewerkt: {d} {M3} {y} {h:02d}:{m:02d}"],
        sources=["Bron: Landelijk Persbureau", "Bron: persbureaus"],
        reading=["Leestijd: {n} minuten", "{n} min leestijd"],
        editors=["Eindredactie: Bram Kuipers", "Met medewerking van Lotte Smit"],
        counters=["Vind ik leuk ({n})", "{n} keer gedeeld", "Gelezen: {n}"],
        share=["Delen: Facebook | X | WhatsApp | E-mail"],
        tags="Tags: ",
        cookie=["Wij gebruiken cookies om de site te verbeteren. Accepteren | Instellingen"],
        newsletter=["Meld je aan voor de nieuwsbrief en ontvang elke ochtend het laatste nieuws."],
        ads=["Advertentie", "ADVERTENTIE - het artikel gaat verder onder deze advertentie"],
        comments_head=["{n} reacties", "Reacties ({n})"],
        users=["henk_v", "Marieke76", "stille_lezer", "J. de Boer"],
        times=["2 uur geleden", "gisteren om 18:04", "5 minuten geleden"],
        comments=["Eindelijk goed nieuws uit de regio.", "Ben benieuwd of ze zich aan de planning houden.",
                  "Ik was erbij, prachtig om te zien.", "En waar moeten we dan parkeren?"],
        reply=["Reageer", "Reageer · Meld"],
        more=["Meer reacties laden"],
        footers=["© 2024 {site}. Alle rechten voorbehouden."],
        links=["Over ons | Contact | Adverteren | Privacy"],
        related_head=["Lees ook", "Meest gelezen"],
        extra_related=["Nieuwe fietsbrug verbindt twee wijken van Ravenstad",
                       "Markthal in Oosterzande gaat na verbouwing weer open",
                       "Basisschool krijgt groen schoolplein met moestuin",
                       "Gemeente zoekt vrijwilligers voor buurtbus"],
        promo=["★ {B} ★ Premium Signalen", "Word vandaag lid van {B} VIP", "{B} — vertrouwd door 2 miljoen gebruikers"],
        app=["Download de {B} app"],
        tagwords=dict(local="waterschap", sport="schaatsen", science="natuur", business="landbouw"),
    ),
}
CRUMB_SEPS = [" > ", " / ", " › ", " >> "]
TITLE_SEPS = [None, None, " - ", " | ", " :: ", " – ", " -"]


def furniture(rng, lang, story):
    f = F[lang]
    d = {}
    d["site"] = rng.choice(f["sites"])
    d["site_sep"] = rng.choice(TITLE_SEPS)
    d["menu"] = rng.choice(f["menus"])
    d["menu_sep"] = rng.choice(f["menu_seps"])
    d["menu_lines"] = rng.random() < 0.35
    d["section"] = f["sections"][story.topic]
    d["crumb_sep"] = rng.choice(CRUMB_SEPS)
    d["crumb_on"] = rng.random() < 0.6
    d["byline"] = rng.choice(f["bylines"])
    mo, dd, h, mi = rng.randint(1, 12), rng.randint(1, 28), rng.randint(6, 22), rng.randint(0, 59)
    M = f["months"][mo - 1]
    d["date"] = rng.choice(f["dates"]).format(d=dd, mo=mo, y=2024, h=h, m=mi, M=M, M3=M[:3],
                                              h12=(h - 1) % 12 + 1, ap="am" if h < 12 else "pm")
    d["source"] = rng.choice(f["sources"])
    d["reading"] = rng.choice(f["reading"]).format(n=rng.randint(2, 6))
    d["editor"] = rng.choice(f["editors"])
    d["counter"] = rng.choice(f["counters"]).format(n=rng.randint(3, 900))
    d["share"] = rng.choice(f["share"])
    d["cookie"] = rng.choice(f["cookie"])
    d["newsletter"] = rng.choice(f["newsletter"])
    d["ad"] = rng.choice(f["ads"])
    d["footer"] = rng.choice(f["footers"]).format(site=d["site"])
    d["links"] = rng.choice(f["links"])
    d["related_head"] = rng.choice(f["related_head"]).format(section=d["section"])
    d["numbered"] = rng.random() < 0.5
    d["ncomments"] = rng.randint(2, 3)
    d["comments_head"] = rng.choice(f["comments_head"]).format(n=rng.randint(d["ncomments"] + 2, 60))
    users = rng.sample(f["users"], d["ncomments"])
    texts = rng.sample(f["comments"], d["ncomments"])
    d["comments"] = [(u, rng.choice(f["times"]), t, rng.choice(f["reply"])) for u, t in zip(users, texts)]
    d["more"] = rng.choice(f["more"])
    d["promo"] = rng.sample(f["promo"], 2)
    d["app"] = rng.choice(f["app"])
    d["tags"] = f["tags"] + ", ".join([f["tagwords"][story.topic], d["section"].lower()])
    return d


def related(rng, story, stories, k):
    pool = [s.headline for s in stories if s.lang == story.lang and s.id != story.id] + F[story.lang]["extra_related"]
    return rng.sample(pool, min(k, len(pool)))


# ---------------------------------------------------------------- splicing
def splice_text(text, brand, how, anchor, mode):
    if how == "end":
        ins = brand if mode == "glued" else " " + brand
        return text + ins, ins
    assert text.count(anchor) == 1, (anchor, text)
    k = text.index(anchor)
    if how == "after":
        k += len(anchor)
        ins = {"glued": brand, "spaced": " " + brand}[mode]
    else:
        ins = {"glued": brand, "spaced": brand + " ", "hyphen": brand + "-"}[mode]
    return text[:k] + ins + text[k:], ins


# ---------------------------------------------------------------- page assembly
def build(p, story, stories, farm):
    rng = random.Random("novel-" + p["tag"])
    lang, B = story.lang, p["brand"]
    f = furniture(rng, lang, story)
    rel = related(rng, story, stories, 3 if p["layout"] == "long" else rng.randint(5, 7))
    fl = F[lang]
    rows = []  # (label, text, truth-role dict or None)

    def add(label, text, role=None):
        rows.append((label, text, role if farm else None))

    n_promo = [0]

    def extras(place):
        if not farm:
            return
        for kind, pl in p["extras"]:
            if pl != place:
                continue
            if kind == "alone":
                add("noise:brand", B, {"t": "brand"})
            elif kind == "promo":
                add("noise:brand", f["promo"][n_promo[0]].format(B=B), {"t": "product"})
                n_promo[0] += 1
            elif kind == "app":
                add("noise:brand", f["app"].format(B=B), {"t": "product"})

    # title and headline
    suffix = ""
    if p["title"] == "tilde":
        suffix = " ~ " + f["site"]
    elif f["site_sep"]:
        suffix = f["site_sep"] + f["site"]
    title_form = p["title"] if farm else "none"
    title = affix(title_form, B, story.headline, lang) + suffix
    head = affix(title_form, B, story.headline, lang)
    aff = farm and p["title"] != "none"

    def add_title():
        add("content", title, {"t": "affix", "original": story.headline + suffix} if aff else None)

    def add_head():
        add("content", head, {"t": "affix", "original": story.headline} if aff else None)
        extras("head")

    def add_crumb(force_ok=True):
        base = [fl["home"], fl["news"], f["section"]] if p["crumb"] == "start" else [fl["home"], f["section"]]
        sep = f["crumb_sep"]
        if farm and p["crumb"] == "start":
            add("noise:nav", sep.join([B] + base[1:]), {"t": "crumb"})
        elif farm and p["crumb"] == "end":
            add("noise:nav", sep.join(base + [B]), {"t": "crumb"})
        elif farm and p["crumb"] == "glued-end":
            add("noise:nav", sep.join(base) + B, {"t": "crumb"})
        elif p["crumb"] != "none" or f["crumb_on"]:
            add("noise:nav", sep.join(base))

    def add_body(ad=False):
        sp = {}
        for ref, how, anchor, mode in p["splices"]:
            sp[ref] = (how, anchor, mode)
        pi = 0
        for kind, text in story.items:
            key = pi if kind == "p" else "cap"
            if farm and key in sp:
                new, ins = splice_text(text, B, *sp[key])
                add("content", new, {"t": "splice", "original": text, "inserted": ins})
            else:
                add("content", text)
            if kind == "p":
                pi += 1
                if pi == 1:
                    extras("mid")
                if ad and pi == 2:
                    add("noise:ad", f["ad"])
        extras("end")

    lay = p["layout"]
    if lay == "short":
        add_title(); extras("top")
        add("noise:nav", f["site"])
        add_head()
        add_crumb()
        add("noise:meta", f["date"])
        add("noise:meta", f["source"])
        add_body()
        add("noise:meta", f["editor"])
        add("noise:engagement", f["counter"])
        add("noise:footer", f["footer"])
        add("noise:footer", f["links"])
    elif lay == "long":
        add_title(); extras("top")
        add("noise:prompt", f["cookie"])
        add("noise:nav", f["site"])
        if f["menu_lines"]:
            for item in f["menu"]:
                add("noise:nav", item)
        else:
            add("noise:nav", f["menu_sep"].join(f["menu"]))
        add_crumb()
        add("noise:nav", f["section"].upper())
        add_head()
        add("noise:meta", f["byline"])
        add("noise:meta", f["date"])
        add("noise:meta", f["reading"])
        add_body(ad=True)
        add("noise:engagement", f["share"])
        add("noise:engagement", f["counter"])
        add("noise:nav", f["tags"])
        add("noise:related", f["related_head"])
        for h in rel:
            add("noise:related", h)
        add("noise:prompt", f["newsletter"])
        add("noise:footer", f["footer"])
    elif lay == "comments":
        add_title(); extras("top")
        add("noise:nav", f["site"])
        add("noise:nav", f["menu_sep"].join(f["menu"]))
        if p["crumb"] != "none":
            add_crumb()
        add_head()
        add("noise:meta", f"{f['byline']} | {f['date']}")
        add_body()
        add("noise:comments", f["comments_head"])
        for user, when, text, reply in f["comments"]:
            add("noise:comments", f"{user} · {when}")
            add("noise:comments", text)
            add("noise:comments", reply)
        add("noise:comments", f["more"])
        add("noise:footer", f["footer"])
    elif lay == "listing":
        add_title(); extras("top")
        add("noise:nav", f["site"])
        add_crumb()
        add_head()
        add("noise:meta", f["date"])
        add_body()
        add("noise:related", f["related_head"])
        for i, h in enumerate(rel, 1):
            add("noise:related", f"{i}. {h}" if f["numbered"] else h)
        add("noise:footer", f["footer"])
    return rows


def main():
    stories = {s.id: s for s in load_stories()}
    all_stories = list(stories.values())
    assert len(PAGES) == 48 and len({p["story"] for p in PAGES}) == 48 and len({p["brand"] for p in PAGES}) == 48
    for name in os.listdir(OUT):
        if name == "truth.jsonl" or (name[:4].isdigit() and name.endswith(".txt")):
            os.remove(os.path.join(OUT, name))
    truths, pages = [], []
    n = len(PAGES)
    for i, p in enumerate(PAGES):
        st = stories[p["story"]]
        for farm in (True, False):
            num = i + 1 if farm else n + i + 1
            if farm:
                tag = "-".join([CODES["title"][p["title"]], CODES["crumb"][p["crumb"]], CODES["splice"][p["splice"]],
                                CODES["product"][p["product"]], p["layout"], st.lang, CODES["brandshape"][p["shape"]]])
                forms = dict(title=p["title"], crumb=p["crumb"], splice=p["splice"], product=p["product"],
                             layout=p["layout"], lang=st.lang, brandshape=p["shape"])
            else:
                tag = f"clean-{p['layout']}-{st.lang}"
                forms = dict(title="clean", crumb="clean", splice="clean", product="clean",
                             layout=p["layout"], lang=st.lang, brandshape="clean")
            fname = f"{num:04d}-{tag}.txt"
            rows = build(p, st, all_stories, farm)
            t = {"file": fname, "story": st.id, "split": "novel", "forms": forms, "brand": p["brand"] if farm else None,
                 "spliced": [], "brand_lines": [], "affixed_lines": [], "product_lines": [], "crumb_lines": []}
            for ln, (label, text, role) in enumerate(rows, 1):
                if not role:
                    continue
                if role["t"] == "splice":
                    t["spliced"].append({"line": ln, "original": role["original"], "kind": p["splice"],
                                         "inserted": role["inserted"]})
                elif role["t"] == "affix":
                    t["affixed_lines"].append({"line": ln, "original": role["original"]})
                elif role["t"] == "brand":
                    t["brand_lines"].append(ln)
                elif role["t"] == "product":
                    t["product_lines"].append(ln)
                elif role["t"] == "crumb":
                    t["crumb_lines"].append(ln)
            pages.append((num, fname, rows, t))
    pages.sort()
    allbrands = [p["brand"].lower() for p in PAGES]
    problems = 0
    for num, fname, rows, t in pages:
        assert 12 <= len(rows) <= 40, (fname, len(rows))
        for label, text, _ in rows:
            assert text and "\t" not in text and "\n" not in text and text == text.strip(), (fname, text)
        low = "\n".join(text for _, text, _ in rows).lower()
        others = [b for b in allbrands if b in low and b != (t["brand"] or "").lower()]
        if others:
            print(fname, "holds another page's brand", others); problems += 1
        if t["brand"]:
            places = sum(len(t[k]) for k in ("spliced", "brand_lines", "affixed_lines", "product_lines", "crumb_lines"))
            if not 2 <= places <= 5:
                print(fname, "brand places", places); problems += 1
        with open(os.path.join(OUT, fname), "w", encoding="utf-8", newline="\n") as fh:
            for label, text, _ in rows:
                fh.write(f"{label}\t{text}\n")
    with open(os.path.join(OUT, "truth.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for _, _, _, t in pages:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"wrote {len(pages)} pages, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
