"""The French of the sentences the core writes (see ``core.messages``).

Each entry maps an English template to its French, with the same fields.
They are written here with ordinary spaces before ``: ; ? !`` and inside
guillemets; French typography wants no-break spaces there, put in when the
catalogue is read, so that a reason is never broken before its colon.

Words: an article (``document`` in the English of the core), a file, a
folder, an encoding, an outlet is a *média*, a tag an *étiquette*.
"""

from __future__ import annotations

import re

_IMPORT_REFUSALS = {
    # -- files and folders (core.importer)
    "this is a folder, not a file": "c’est un dossier, pas un fichier",
    "is not a regular file (a device, a pipe or a socket): choose the article's .txt file "
    "instead": (
        "n’est pas un fichier ordinaire (c’est un périphérique, un tube ou un socket) : "
        "choisissez plutôt le fichier .txt de l’article"
    ),
    "permission denied: the file cannot be read": (
        "permission refusée : le fichier ne peut pas être lu"
    ),
    "cannot read the file: {error}": "impossible de lire le fichier : {error}",
    "the file is too large for a single article ({size} MB, over {limit} MB): split it into "
    "articles": (
        "le fichier est trop volumineux pour un seul article ({size} Mo, plus de {limit} Mo) : "
        "découpez-le en plusieurs articles"
    ),
    "the file is too large to prepare with the memory available": (
        "le fichier est trop volumineux pour être préparé avec la mémoire disponible"
    ),
    "kzreader could not prepare this file ({kind}: {error}); please report it with the file": (
        "kzreader n’a pas pu préparer ce fichier ({kind}: {error}) ; merci de signaler le "
        "problème en joignant le fichier"
    ),
    "the folder holds no articles ({extensions} files)": (
        "le dossier ne contient aucun article (fichiers {extensions})"
    ),
    "is a symbolic link in a loop (it leads back to itself, directly or through other "
    "links): import the file it should point to": (
        "est un lien symbolique qui tourne en boucle (il ramène à lui-même, directement ou par "
        "d’autres liens) : importez le fichier vers lequel il devrait pointer"
    ),
    "is a symbolic link to a file or folder that no longer exists: import the file it should "
    "point to": (
        "est un lien symbolique vers un fichier ou un dossier qui n’existe plus : importez le "
        "fichier vers lequel il devrait pointer"
    ),
    "cannot be reached: {error}": "est inaccessible : {error}",
    "no such file or folder": "fichier ou dossier introuvable",
    "skipped: {kind} is not an article; articles are {extensions} files (import this file by "
    "its name to try it anyway)": (
        "ignoré : {kind} n’est pas un article ; les articles sont des fichiers {extensions} "
        "(importez ce fichier en le choisissant lui-même pour l’essayer quand même)"
    ),
    "a {suffix} file": "un fichier {suffix}",
    "a file without extension": "un fichier sans extension",
    # -- the library, storing an article (core.library)
    "the library could not store it: {error}": "la bibliothèque n’a pas pu l’enregistrer : {error}",
    "the original file is no longer there": "le fichier d’origine est introuvable",
    # -- text and its encoding (core.importing.decode)
    "the file is empty: there is nothing to import": (
        "le fichier est vide : il n’y a rien à importer"
    ),
    "the file is too large for a single article (over {limit} MB): split it into articles": (
        "le fichier est trop volumineux pour un seul article (plus de {limit} Mo) : "
        "découpez-le en plusieurs articles"
    ),
    "the file contains only blank space: there is nothing to import": (
        "le fichier ne contient que des espaces et des sauts de ligne : il n’y a rien à importer"
    ),
    "does not look like text (it holds binary data or control characters): choose the "
    "article's .txt file instead": (
        "ne ressemble pas à du texte (il contient des données binaires ou des caractères de "
        "contrôle) : choisissez plutôt le fichier .txt de l’article"
    ),
    "holds only a web address (URL), not an article's text: open the page in a browser, save "
    "it (or copy its text into a .txt file) and import that": (
        "ne contient qu’une adresse web (URL), pas le texte d’un article : ouvrez la page dans "
        "un navigateur, enregistrez-la (ou copiez son texte dans un fichier .txt) et importez "
        "le fichier obtenu"
    ),
    "contains no readable text (no words, only digits, punctuation or blank space): check "
    "that this is the article you meant to import": (
        "ne contient aucun texte lisible (aucun mot, seulement des chiffres, de la ponctuation "
        "ou des espaces) : vérifiez qu’il s’agit bien de l’article que vous vouliez importer"
    ),
    "is UTF-8 text with {invalid} invalid byte(s), the first at byte {position} (the file is "
    "damaged or mixes encodings): open it in a text editor, correct or re-save it as UTF-8 "
    "and import that": (
        "est un texte UTF-8 contenant {invalid} octet(s) invalide(s), le premier à l’octet "
        "{position} (le fichier est endommagé ou mélange plusieurs encodages) : ouvrez-le dans "
        "un éditeur de texte, corrigez-le ou enregistrez-le de nouveau en UTF-8, puis importez "
        "le fichier obtenu"
    ),
    "starts with a {encoding} byte-order mark but is not valid {encoding} text (damaged or "
    "mislabelled): {advice}": (
        "commence par une marque d’ordre des octets (BOM) {encoding} mais n’est pas un texte "
        "{encoding} valide (fichier endommagé ou encodage mal indiqué) : {advice}"
    ),
    "open it in a text editor, save it as UTF-8 text and import that": (
        "ouvrez-le dans un éditeur de texte, enregistrez-le en texte UTF-8 et importez le "
        "fichier obtenu"
    ),
    "is not UTF-8 and its text encoding cannot be recognised with confidence (every guess "
    "gives garbled letters): {advice}": (
        "n’est pas en UTF-8 et son encodage ne peut pas être reconnu avec certitude (chaque "
        "hypothèse donne des caractères illisibles) : {advice}"
    ),
    "is not UTF-8, and reads as two different plausible texts in {one} and {other}: import "
    "it again naming its encoding, or {advice}": (
        "n’est pas en UTF-8, et se lit comme deux textes plausibles différents en {one} et en "
        "{other} : importez-le de nouveau en indiquant son encodage, ou {advice}"
    ),
    "is not valid {encoding} text (byte {position} cannot be read in it): choose another "
    "encoding, or import it without naming one": (
        "n’est pas un texte {encoding} valide (l’octet {position} ne peut pas y être lu) : "
        "choisissez un autre encodage, ou importez-le sans préciser d’encodage"
    ),
    # -- web pages (core.importing.webpage)
    "this web page could not be read ({kind}): open it in a browser and save it again, or "
    "copy its text into a .txt file": (
        "cette page web n’a pas pu être lue ({kind}) : ouvrez-la dans un navigateur et "
        "enregistrez-la de nouveau, ou copiez son texte dans un fichier .txt"
    ),
    "no article text was found in this web page: copy the article's text into a .txt file "
    "and import that": (
        "aucun texte d’article n’a été trouvé dans cette page web : copiez le texte de "
        "l’article dans un fichier .txt et importez ce fichier"
    ),
    # -- PDF and Word documents (core.importing.pdf, core.importing.word, pipeline)
    "is a damaged or incomplete PDF ({error}): open it in a PDF reader and save it again, or "
    "export its text as .txt and import that": (
        "est un PDF endommagé ou incomplet ({error}) : ouvrez-le dans un lecteur de PDF et "
        "enregistrez-le de nouveau, ou exportez son texte au format .txt et importez ce fichier"
    ),
    "is a PDF protected by a password: open it in a PDF reader with its password, print or "
    "save it as a PDF without one, and import that": (
        "est un PDF protégé par un mot de passe : ouvrez-le dans un lecteur de PDF avec son mot "
        "de passe, imprimez-le ou enregistrez-le en PDF sans mot de passe, et importez ce fichier"
    ),
    "is an encrypted PDF that kzreader cannot open: open it in a PDF reader, print or save it "
    "as a PDF without protection, and import that": (
        "est un PDF chiffré que kzreader ne peut pas ouvrir : ouvrez-le dans un lecteur de PDF, "
        "imprimez-le ou enregistrez-le en PDF sans protection, et importez ce fichier"
    ),
    "has no text layer (a scan?): run OCR first (many PDF readers and scanners can), then "
    "import the PDF it gives": (
        "n’a pas de couche texte (un document numérisé ?) : faites d’abord une reconnaissance "
        "de caractères (OCR, que proposent bien des lecteurs de PDF et des scanners), puis "
        "importez le PDF obtenu"
    ),
    "is a damaged or incomplete Word document ({kind}): open it in a word processor and save "
    "it again, or save it as .txt and import that": (
        "est un document Word endommagé ou incomplet ({kind}) : ouvrez-le dans un traitement "
        "de texte et enregistrez-le de nouveau, ou enregistrez-le au format .txt et importez ce "
        "fichier"
    ),
    "is an Office document protected by a password: open it in its program with the "
    "password, save a copy without one, and import that": (
        "est un document Office protégé par un mot de passe : ouvrez-le dans son logiciel avec "
        "le mot de passe, enregistrez-en une copie sans mot de passe, et importez-la"
    ),
}

#: Files recognised by their first bytes (core.importing.signatures).
_BINARY_FILES = {
    "looks like {what}, not a plain-text article: {advice}": (
        "ressemble à {what}, pas à un article en texte brut : {advice}"
    ),
    "save or export it as .txt and import that": (
        "enregistrez-le ou exportez-le au format .txt, puis importez le fichier obtenu"
    ),
    "extract it and import the .txt files inside": (
        "extrayez-le et importez les fichiers .txt qu’il contient"
    ),
    "choose the article's .txt file instead": "choisissez plutôt le fichier .txt de l’article",
    "a PDF document": "un document PDF",
    "a PNG image": "une image PNG",
    "a JPEG image": "une image JPEG",
    "a GIF image": "une image GIF",
    "a TIFF image": "une image TIFF",
    "a WebP image": "une image WebP",
    "a BMP image": "une image BMP",
    "a gzip-compressed file": "un fichier compressé avec gzip",
    "a bzip2-compressed file": "un fichier compressé avec bzip2",
    "an xz-compressed file": "un fichier compressé avec xz",
    "a Zstandard-compressed file": "un fichier compressé avec Zstandard",
    "a 7-Zip archive": "une archive 7-Zip",
    "a RAR archive": "une archive RAR",
    "a ZIP archive": "une archive ZIP",
    "a program (ELF executable)": "un programme (exécutable ELF)",
    "a program (Mach-O executable)": "un programme (exécutable Mach-O)",
    "a program (Mach-O or Java class file)": "un programme (exécutable Mach-O ou classe Java)",
    "a Windows program (.exe or .dll)": "un programme Windows (.exe ou .dll)",
    "a WebAssembly program": "un programme WebAssembly",
    "an SQLite database": "une base de données SQLite",
    "a Microsoft Office 97-2003 file (.doc, .xls, .ppt)": (
        "un fichier Microsoft Office 97-2003 (.doc, .xls, .ppt)"
    ),
    "an RTF document": "un document RTF",
    "an EPUB e-book": "un livre numérique EPUB",
    "an OpenDocument text (.odt)": "un texte OpenDocument (.odt)",
    "a Word document (.docx)": "un document Word (.docx)",
    "an Excel workbook (.xlsx)": "un classeur Excel (.xlsx)",
    "a PowerPoint presentation (.pptx)": "une présentation PowerPoint (.pptx)",
    "an Ogg audio or video file": "un fichier audio ou vidéo Ogg",
    "a FLAC audio file": "un fichier audio FLAC",
    "an MP3 audio file": "un fichier audio MP3",
    "a WAV audio file": "un fichier audio WAV",
    "a Matroska/WebM video": "une vidéo Matroska/WebM",
    "an AVI video": "une vidéo AVI",
    "an MP4/QuickTime/HEIC media file": "un fichier multimédia MP4/QuickTime/HEIC",
    "a web font": "une police de caractères web",
    "a font file": "un fichier de police de caractères",
}

#: The words of the Markdown and HTML reports (core.exchange.reports).
_REPORTS = {
    "Coded passages by tag": "Passages codés par étiquette",
    "Coded passages by document": "Passages codés par article",
    "Exported from kzreader {version} on {when}: {passages} in {documents}.": (
        "Exporté de kzreader {version} le {when} : {passages} dans {documents}."
    ),
    "Exported from kzreader {version} on {when}: {passages} in {documents}; tags: {tags}.": (
        "Exporté de kzreader {version} le {when} : {passages} dans {documents} ; étiquettes : "
        "{tags}."
    ),
    "{n} passage": "{n} passage",
    "{n} passages": "{n} passages",
    "{n} document": "{n} article",
    "{n} documents": "{n} articles",
    "Contents": "Sommaire",
    "Untagged passages": "Passages sans étiquette",
    "No passages.": "Aucun passage.",
    "Outlet": "Média",
    "Date": "Date",
    "Address": "Adresse",
    "Language": "Langue",
    "Document id": "Identifiant de l’article",
    "{label}: {value}": "{label} : {value}",
    "Characters {start}–{end}": "Caractères {start}–{end}",
    "tags: {tags}": "étiquettes : {tags}",
    "Note": "Note",
    "Note:": "Note :",
    "Links:": "Liens :",
    "«{quote}»": "« {quote} »",
    "{quote} in {source}": "{quote} dans {source}",
    "{quote} {relation} {arrow} this passage": "{quote} {relation} {arrow} ce passage",
    "moved since it was coded": "déplacé depuis son codage",
    "re-attached to a slightly different text": "rattaché à un texte légèrement différent",
    "no longer found in the document": "introuvable désormais dans l’article",
    # the relations a link is given (core.passages.RELATIONS)
    "corroborates": "corrobore",
    "contradicts": "contredit",
    "repeats": "reprend",
    "responds to": "répond à",
    "same event": "même événement",
}


def _typeset(text: str) -> str:
    """No-break spaces before ``: ; ? !`` and inside guillemets."""
    text = re.sub(r" ([:;?!»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


#: English template → French template.
FRENCH: dict[str, str] = {
    english: _typeset(french)
    for part in (_IMPORT_REFUSALS, _BINARY_FILES, _REPORTS)
    for english, french in part.items()
}
#: The templates by which plain English text (a reason that is not a
#: ``Message``) is recognised: the import reasons and their phrases. The
#: report's words are not: "{quote} in {source}" would match any text.
RECOGNISED: frozenset[str] = frozenset(_IMPORT_REFUSALS) | frozenset(_BINARY_FILES)
