"""What the self-test imports and checks: small articles written for it (an
article with Windows line ends, two outlets sharing a passage, a saved web
page) and the French words whose order tells Qt's collation is there."""

#: An article saved with Windows line ends, and a word of its last line.
CRLF_FILE = "Note de terrain (CRLF).txt"
CRLF_WORD = "Taldykorgan"
CRLF_TEXT = (
    "Titre : Note de terrain\r\n"
    "Date : 2024-05-02\r\n"
    "\r\n"
    "Entretien à Almaty, noté sous Windows.\r\n"
    f"La délégation arrive à {CRLF_WORD} demain.\r\n"
)
#: Two articles of two outlets, a day apart, sharing a 40-word passage that
#: holds a quotation: reuse detection must align the passage at its exact
#: offsets in both, the earlier article first, and group the quotation.
REUSE_PASSAGE = (
    "Le gouverneur de la région d’Almaty a déclaré mardi soir : « Les travaux du "
    "nouveau pont sur l’Ili seront achevés avant l’hiver, et la route de Kapchagaï "
    "rouvrira aux camions dès le mois de novembre », selon son cabinet"
)
REUSE_WORDS = 40
REUSE_QUOTE = REUSE_PASSAGE[REUSE_PASSAGE.index("«") + 2 : REUSE_PASSAGE.index("»") - 1]
REUSE_ARTICLES = (
    (
        "Courrier des Steppes – pont de l’Ili.txt",
        "date 2024-03-04 https://courrier-des-steppes.example/2024/03/04/pont-ili\n\n"
        "Le pont de l’Ili sera prêt avant l’hiver\n\n"
        "Les habitants de Kapchagaï attendent depuis deux ans la fin du chantier qui coupe "
        "la ville de la grande route du nord. Les commerçants du marché disent avoir perdu "
        "un tiers de leur clientèle depuis la fermeture.\n\n"
        f"{REUSE_PASSAGE}.\n\n"
        "Les entreprises de transport restent prudentes : plusieurs d’entre elles ont déjà "
        "reporté leurs livraisons de ciment et de charbon au printemps prochain.\n",
    ),
    (
        "Lettre d’Astana – route de Kapchagaï.txt",
        "date 2024-03-05 https://lettre-d-astana.example/actualites/2024-03-05-ili\n\n"
        "Almaty promet une route rouverte en novembre\n\n"
        "À Astana, le ministère des Transports n’a pas encore confirmé le calendrier "
        "annoncé dans le sud du pays, où les pluies de l’automne dernier avaient retardé "
        "les fondations de l’ouvrage.\n\n"
        f"{REUSE_PASSAGE}. Le ministère évoque pour sa part un coût final supérieur de "
        "vingt pour cent au budget voté par le parlement, sans donner de chiffre précis.\n",
    ),
)

#: A web page as a browser saves it, with the chrome around the article.
WEB_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Almaty : la mission se retire | Le Courrier des Steppes</title>
<meta property="og:title" content="Almaty : la mission se retire">
<meta property="og:site_name" content="Le Courrier des Steppes">
<meta property="article:published_time" content="2022-01-13T09:30:00+01:00">
<style>body { font-family: serif; }</style>
<script>window.dataLayer = [];</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Almaty : la mission se retire</h1>
<p>Les derniers soldats de la mission ont quitté Almaty jeudi matin, a annoncé le
commandement, après une semaine de patrouilles dans les rues de la ville.</p>
<p>Selon les autorités, les aéroports et les centrales électriques sont de nouveau
gardés par les forces kazakhes, et la vie reprend son cours dans la capitale
économique du pays.</p></article>
<footer>© Le Courrier des Steppes. Tous droits réservés.</footer>
</body></html>
"""

#: French words in the order French collation sorts them (code-point order
#: puts "élan" after "zèbre"): Qt's collation data for the app's languages.
COLLATED = ["abri", "Écluse", "élan", "zèbre"]
