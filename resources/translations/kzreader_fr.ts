<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="38"/>
        <source>&amp;Import Files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="41"/>
        <source>Import text files into the library</source>
        <translation>Importer des fichiers texte dans la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="44"/>
        <source>Import &amp;Folder…</source>
        <translation>Importer un &amp;dossier…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="47"/>
        <source>Import every .txt and .md file of a folder</source>
        <translation>Importer tous les fichiers .txt et .md d’un dossier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="56"/>
        <source>Import &amp;Sample Articles</source>
        <translation>Importer les articles d’&amp;exemple</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="59"/>
        <source>Import the five bundled sample articles</source>
        <translation>Importer les cinq articles d’exemple fournis</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="110"/>
        <source>&amp;Rebuild Search Index</source>
        <translation>&amp;Reconstruire l’index de recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="113"/>
        <source>Rebuild the full-text index from the database</source>
        <translation>Reconstruire l’index plein texte à partir de la base de données</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="76"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="50"/>
        <source>Import Folder of One &amp;Outlet…</source>
        <translation>Importer un dossier d’un seul &amp;média…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="53"/>
        <source>Import a folder whose articles all come from one outlet, and name it</source>
        <translation>Importer un dossier dont tous les articles viennent d’un même média, et nommer ce média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="62"/>
        <source>Import &amp;Project…</source>
        <translation>Importer un &amp;projet…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="66"/>
        <source>Import a REFI-QDA project (.qdpx) or codebook (.qdc) from kzreader or another QDA program</source>
        <translation>Importer un projet REFI-QDA (.qdpx) ou un livre de codes (.qdc) venant de kzreader ou d’un autre logiciel d’analyse qualitative</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="71"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="74"/>
        <source>Export the library, tags or articles for another program, or as a report</source>
        <translation>Exporter la bibliothèque, des étiquettes ou des articles pour un autre logiciel, ou en rapport</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="80"/>
        <source>&amp;Back Up Now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="83"/>
        <source>Copy the library&apos;s database into its backups folder</source>
        <translation>Copier la base de données de la bibliothèque dans son dossier de sauvegardes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="86"/>
        <source>Back Up to a &amp;File…</source>
        <translation>Sauvegarder dans un &amp;fichier…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="89"/>
        <source>Write the whole library into one file, to keep or to open elsewhere</source>
        <translation>Écrire toute la bibliothèque dans un seul fichier, à conserver ou à ouvrir ailleurs</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="92"/>
        <source>Res&amp;tore from a File…</source>
        <translation>Res&amp;taurer depuis un fichier…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="95"/>
        <source>Replace the library&apos;s database by a backup file (the current one is kept)</source>
        <translation>Remplacer la base de données de la bibliothèque par un fichier de sauvegarde (l’actuelle est conservée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="98"/>
        <source>Bac&amp;kups…</source>
        <translation>Sauve&amp;gardes…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="101"/>
        <source>List the backups, choose how many are kept, restore one</source>
        <translation>Lister les sauvegardes, choisir combien en garder, en restaurer une</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="104"/>
        <source>&amp;Check Library…</source>
        <translation>&amp;Vérifier la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="107"/>
        <source>Look for damage and inconsistencies in the library, and repair them</source>
        <translation>Chercher les dommages et les incohérences de la bibliothèque, et les réparer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="116"/>
        <source>Article &amp;Details…</source>
        <translation>&amp;Détails de l’article…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="119"/>
        <source>Edit the title, outlet, date and attributes of the article shown</source>
        <translation>Modifier le titre, le média, la date et les attributs de l’article affiché</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="122"/>
        <source>Delete &amp;Article…</source>
        <translation>Supprimer l’&amp;article…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="125"/>
        <source>Delete the article shown, with its passages (undoable)</source>
        <translation>Supprimer l’article affiché, avec ses passages (annulable)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="128"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="130"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="133"/>
        <source>&amp;Find in Article…</source>
        <translation>Rec&amp;hercher dans l’article…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="136"/>
        <source>Find words in the article shown</source>
        <translation>Rechercher des mots dans l’article affiché</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="138"/>
        <source>Find &amp;Next</source>
        <translation>Occurrence &amp;suivante</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="139"/>
        <source>Find Pre&amp;vious</source>
        <translation>Occurrence pré&amp;cédente</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="141"/>
        <source>&amp;Search Library…</source>
        <translation>Rechercher dans la &amp;bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="144"/>
        <source>Search every article of the library</source>
        <translation>Rechercher dans tous les articles de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="146"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="152"/>
        <source>&amp;Highlight</source>
        <translation>&amp;Surligner</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="152"/>
        <source>Highlight the selected text (H)</source>
        <translation>Surligner le texte sélectionné (H)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="154"/>
        <source>&amp;Tag…</source>
        <translation>É&amp;tiqueter…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="154"/>
        <source>Tag the selection or passage (T)</source>
        <translation>Étiqueter la sélection ou le passage (T)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="156"/>
        <source>&amp;Note…</source>
        <translation>&amp;Note…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="156"/>
        <source>Write a note on the selection or passage (N)</source>
        <translation>Écrire une note sur la sélection ou le passage (N)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="159"/>
        <source>&amp;Link…</source>
        <translation>&amp;Lier…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="162"/>
        <source>Link this passage to a passage of any article (L)</source>
        <translation>Lier ce passage à un passage de n’importe quel article (L)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="165"/>
        <source>&amp;Finish Link Here</source>
        <translation>Ter&amp;miner le lien ici</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="168"/>
        <source>Link the pending passage to this one</source>
        <translation>Lier le passage en attente à celui-ci</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="170"/>
        <source>Cancel Link</source>
        <translation>Annuler le lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="172"/>
        <source>&amp;Delete Passage</source>
        <translation>Su&amp;pprimer le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="175"/>
        <source>Delete the selected passage</source>
        <translation>Supprimer le passage sélectionné</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="177"/>
        <source>Next Article</source>
        <translation>Article suivant</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="178"/>
        <source>Previous Article</source>
        <translation>Article précédent</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="180"/>
        <source>Show &amp;Breaks in Glued Text</source>
        <translation>Afficher les &amp;coupures dans le texte collé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="183"/>
        <source>Mark where a web page&apos;s text glued a sentence or heading to the next</source>
        <translation>Marquer les endroits où le texte d’une page web colle une phrase ou un intertitre à ce qui suit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="187"/>
        <source>&amp;Larger Text</source>
        <translation>Texte plus &amp;grand</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="190"/>
        <source>Make the article&apos;s text larger</source>
        <translation>Agrandir le texte de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="193"/>
        <source>&amp;Smaller Text</source>
        <translation>Te&amp;xte plus petit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="196"/>
        <source>Make the article&apos;s text smaller</source>
        <translation>Réduire le texte de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="199"/>
        <source>&amp;Actual Size</source>
        <translation>Taille &amp;normale</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="199"/>
        <source>The article&apos;s text at its usual size</source>
        <translation>Le texte de l’article à sa taille habituelle</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="204"/>
        <source>&amp;Narrow Column</source>
        <translation>Colonne &amp;étroite</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="204"/>
        <source>Short lines, wide margins</source>
        <translation>Lignes courtes, marges larges</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="205"/>
        <source>&amp;Medium Column</source>
        <translation>Colonne &amp;moyenne</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="205"/>
        <source>Lines of a comfortable length</source>
        <translation>Lignes d’une longueur confortable</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="206"/>
        <source>&amp;Wide Column</source>
        <translation>Colonne &amp;large</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="206"/>
        <source>Long lines, narrow margins</source>
        <translation>Lignes longues, marges étroites</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="207"/>
        <source>&amp;Full Width</source>
        <translation>Toute la lar&amp;geur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="207"/>
        <source>The text across the whole window</source>
        <translation>Le texte sur toute la largeur de la fenêtre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="215"/>
        <source>Go to the &amp;Library</source>
        <translation>Aller à la &amp;bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="215"/>
        <source>Move the focus to the articles</source>
        <translation>Placer le focus sur les articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="218"/>
        <source>Go to the &amp;Tags</source>
        <translation>Aller aux é&amp;tiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="218"/>
        <source>Move the focus to the tag tree</source>
        <translation>Placer le focus sur l’arborescence des étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="221"/>
        <source>Go to the &amp;Article</source>
        <translation>Aller à l’&amp;article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="221"/>
        <source>Move the focus to the text</source>
        <translation>Placer le focus sur le texte</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="224"/>
        <source>Go to the &amp;Panel</source>
        <translation>Aller au &amp;panneau</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="227"/>
        <source>Move the focus to the panel shown on the right</source>
        <translation>Placer le focus sur le panneau affiché à droite</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/actions.py" line="230"/>
        <source>&amp;About kzreader</source>
        <translation>À &amp;propos de kzreader</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="53"/>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="60"/>
        <source>corroborates</source>
        <extracomment>the passage last selected here or in the reader, kept across reloads</extracomment>
        <translation>corrobore</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="61"/>
        <source>contradicts</source>
        <translation>contredit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="62"/>
        <source>repeats</source>
        <translation>reprend</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="63"/>
        <source>responds to</source>
        <translation>répond à</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="64"/>
        <source>same event</source>
        <translation>même événement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="68"/>
        <source>Annotations summary</source>
        <translation>Résumé des annotations</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="70"/>
        <source>Annotations of the article</source>
        <translation>Annotations de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="93"/>
        <source>Edit note…</source>
        <translation>Modifier la note…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="95"/>
        <source>Write or change the passage&apos;s note</source>
        <translation>Écrire ou modifier la note du passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="99"/>
        <source>Delete passage…</source>
        <translation>Supprimer le passage…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="101"/>
        <source>Delete the passage with its tags, note and links</source>
        <translation>Supprimer le passage avec ses étiquettes, sa note et ses liens</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="107"/>
        <source>Follow link</source>
        <translation>Suivre le lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="109"/>
        <source>Open the passage at the other end</source>
        <translation>Ouvrir le passage à l’autre extrémité</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="113"/>
        <source>Remove link</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="115"/>
        <source>Remove this link; both passages stay</source>
        <translation>Supprimer ce lien&#xa0;; les deux passages sont conservés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="145"/>
        <source>Open an article to see its annotations.</source>
        <translation>Ouvrez un article pour voir ses annotations.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="160"/>
        <source>The annotations could not be loaded: {error}</source>
        <translation>Impossible de charger les annotations&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="171"/>
        <source>{passages} · {links} · {backlinks}</source>
        <translation>{passages} · {links} · {backlinks}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="172"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="172"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="173"/>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="304"/>
        <source>{n} link</source>
        <translation>{n} lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="173"/>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="304"/>
        <source>{n} links</source>
        <translation>{n} liens</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="174"/>
        <source>{n} backlink</source>
        <translation>{n} lien entrant</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="174"/>
        <source>{n} backlinks</source>
        <translation>{n} liens entrants</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="180"/>
        <source>No annotation yet.

Select text in the article and press H to highlight.</source>
        <translation>Aucune annotation pour l’instant.

Sélectionnez du texte dans l’article et appuyez sur H pour le surligner.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="204"/>
        <source>→ {relation}
“{quote}” — {title}</source>
        <translation>→ {relation}
«&#xa0;{quote}&#xa0;» — {title}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="205"/>
        <source>This passage {relation} “{quote}” in “{title}”. Click to go there.</source>
        <translation>Ce passage {relation} «&#xa0;{quote}&#xa0;» dans «&#xa0;{title}&#xa0;». Cliquez pour y aller.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="209"/>
        <source>← {relation} · backlink
“{quote}” — {title}</source>
        <translation>← {relation} · lien entrant
«&#xa0;{quote}&#xa0;» — {title}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="211"/>
        <source>A link to this passage from “{quote}” in “{title}” ({relation}). Click to go there.</source>
        <translation>Un lien vers ce passage depuis «&#xa0;{quote}&#xa0;» dans «&#xa0;{title}&#xa0;» ({relation}). Cliquez pour y aller.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="306"/>
        <source>Delete the passage “{quote}” with its tags and note?

{links} to other passages will be removed too.</source>
        <translation>Supprimer le passage «&#xa0;{quote}&#xa0;» avec ses étiquettes et sa note&#xa0;?

Ses liens vers d’autres passages ({links}) seront aussi supprimés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="311"/>
        <source>Delete the passage “{quote}” with its tags and note?</source>
        <translation>Supprimer le passage «&#xa0;{quote}&#xa0;» avec ses étiquettes et sa note&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/annotations_panel.py" line="313"/>
        <source>Delete passage</source>
        <translation>Supprimer le passage</translation>
    </message>
</context>
<context>
    <name>Annotator</name>
    <message>
        <location filename="../../kzreader/gui/window_annotating.py" line="178"/>
        <source>Choose another passage: a passage cannot link to itself.</source>
        <extracomment>the source of a link waiting for its target</extracomment>
        <translation>Choisissez un autre passage&#xa0;: un passage ne peut pas être lié à lui-même.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_annotating.py" line="204"/>
        <source>Linked: {relation}.</source>
        <translation>Lien créé&#xa0;: {relation}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_annotating.py" line="243"/>
        <source>Delete Passage</source>
        <translation>Supprimer le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_annotating.py" line="241"/>
        <source>Delete this passage and its {n} link(s)?</source>
        <translation>Supprimer ce passage et ses liens ({n})&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_annotating.py" line="250"/>
        <source>Passage deleted ({n} link(s) removed). Undo with {key}.</source>
        <translation>Passage supprimé ({n} lien(s) supprimé(s)). Annulez avec {key}.</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="84"/>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="290"/>
        <source>Backups</source>
        <extracomment>The spin box&apos;s ceiling: far more automatic backups than anyone keeps. Dates as the rest of the app writes them (year first: the same in every language, and in order when sorted), with the local time. the user confirmed restoring this backup (its Path) a backup was taken from the dialog (its Path)</extracomment>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="87"/>
        <source>Backups are copies of the library&apos;s database, kept in {folder}. One is taken automatically when the app closes after changes; you can take one at any time. The search index is not backed up: it is rebuilt from the database.</source>
        <translation>Les sauvegardes sont des copies de la base de données de la bibliothèque, conservées dans {folder}. Une sauvegarde est faite automatiquement quand l’application se ferme après des modifications&#xa0;; vous pouvez en faire une à tout moment. L’index de recherche n’est pas sauvegardé&#xa0;: il est reconstruit à partir de la base de données.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="95"/>
        <source>Backups, newest first</source>
        <translation>Sauvegardes, de la plus récente à la plus ancienne</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="96"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="96"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="96"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="105"/>
        <source>There are no backups yet.</source>
        <translation>Il n’y a pas encore de sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="110"/>
        <source>Automatic backups kept</source>
        <translation>Sauvegardes automatiques conservées</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="118"/>
        <source>Keep the newest</source>
        <translation>Garder les</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="113"/>
        <source>When a new automatic backup is taken, the older ones are thinned: of the last day the newest are kept, then one a day for a week and one a week for five weeks. Backups taken by hand or before an upgrade are never deleted.</source>
        <translation>Quand une nouvelle sauvegarde automatique est faite, les plus anciennes sont éclaircies&#xa0;: du dernier jour, les plus récentes sont conservées, puis une par jour pendant une semaine et une par semaine pendant cinq semaines. Les sauvegardes faites à la main ou avant une mise à niveau ne sont jamais supprimées.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="120"/>
        <source>automatic backups of the last day (0 turns them off)</source>
        <translation>sauvegardes automatiques du dernier jour (0 les désactive)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="130"/>
        <source>The library is read-only: its backups are listed, but none can be taken, restored or rotated from here.</source>
        <translation>La bibliothèque est en lecture seule&#xa0;: ses sauvegardes sont listées, mais aucune ne peut être faite, restaurée ou supprimée d’ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="138"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="139"/>
        <source>Back Up Now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="140"/>
        <source>Copy the library&apos;s database into a new backup</source>
        <translation>Copier la base de données de la bibliothèque dans une nouvelle sauvegarde</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="141"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="143"/>
        <source>Put the selected backup in place of the library&apos;s database</source>
        <translation>Mettre la sauvegarde choisie à la place de la base de données de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="170"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="171"/>
        <source>Taken by hand</source>
        <translation>Faite à la main</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="172"/>
        <source>Before an upgrade</source>
        <translation>Avant une mise à niveau</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="234"/>
        <source>Automatic backups are turned off.</source>
        <translation>Les sauvegardes automatiques sont désactivées.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="237"/>
        <source>The newest {n} automatic backups of the last day will be kept, then one a day for a week and one a week for five weeks.</source>
        <translation>Les {n} sauvegardes automatiques les plus récentes du dernier jour seront conservées, puis une par jour pendant une semaine et une par semaine pendant cinq semaines.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="244"/>
        <source>Backing up the library…</source>
        <translation>Sauvegarde de la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="256"/>
        <source>Backed up to {name}.</source>
        <translation>Sauvegardée dans {name}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="263"/>
        <source>The backup failed: {error}</source>
        <translation>La sauvegarde a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="272"/>
        <source>Restore the backup of {date}?

The app will close the library, put this backup in place of its database and reopen it. Changes made since {date} will no longer be in the library; the current database is kept aside in the library folder, not deleted.</source>
        <translation>Restaurer la sauvegarde du {date}&#xa0;?

L’application va fermer la bibliothèque, mettre cette sauvegarde à la place de sa base de données et la rouvrir. Les modifications faites depuis le {date} ne seront plus dans la bibliothèque&#xa0;; la base de données actuelle est mise de côté dans le dossier de la bibliothèque, pas supprimée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/backups_dialog.py" line="277"/>
        <source>Restore a Backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="220"/>
        <source>Check Library</source>
        <extracomment>a check or a repair finished: the CheckReport</extracomment>
        <translation>Vérifier la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="223"/>
        <source>The check reads the whole database, verifies every article&apos;s text and every passage, tag and link against the fingerprint recorded for it, compares every passage with its article&apos;s text and the search index with the database, and looks for files left by interrupted work. It changes nothing until you press Repair.</source>
        <translation>La vérification lit toute la base de données, contrôle le texte de chaque article ainsi que chaque passage, étiquette et lien à l’aide de l’empreinte enregistrée pour chacun, compare chaque passage au texte de son article et l’index de recherche à la base de données, et cherche les fichiers laissés par un travail interrompu. Elle ne change rien tant que vous n’appuyez pas sur Réparer.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="239"/>
        <source>Check in progress</source>
        <translation>Vérification en cours</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="241"/>
        <source>What the check found</source>
        <translation>Ce que la vérification a trouvé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="244"/>
        <source>The library is read-only: it can be checked here, not repaired.</source>
        <translation>La bibliothèque est en lecture seule&#xa0;: elle peut être vérifiée ici, pas réparée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="250"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="251"/>
        <source>Check Again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="252"/>
        <source>Run the whole check again</source>
        <translation>Refaire toute la vérification</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="253"/>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="314"/>
        <source>Repair</source>
        <translation>Réparer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="255"/>
        <source>Fix what can be fixed; what you made (articles, passages, tags) is kept</source>
        <translation>Corriger ce qui peut l’être&#xa0;; ce que vous avez fait (articles, passages, étiquettes) est conservé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="293"/>
        <source>Repairing the library…</source>
        <translation>Réparation de la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="293"/>
        <source>Checking the library…</source>
        <translation>Vérification de la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="324"/>
        <source>The check could not run.</source>
        <translation>La vérification n’a pas pu se faire.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="332"/>
        <source>Nothing needed repairing: the library is in good order.</source>
        <translation>Rien n’était à réparer&#xa0;: la bibliothèque est en bon état.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="334"/>
        <source>Repaired: the library is in good order.</source>
        <translation>Réparée&#xa0;: la bibliothèque est en bon état.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="336"/>
        <source>Some problems could not be repaired.</source>
        <translation>Certains problèmes n’ont pas pu être réparés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="338"/>
        <source>The library is in good order.</source>
        <translation>La bibliothèque est en bon état.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="340"/>
        <source>The check found problems: {n}</source>
        <translation>Problèmes trouvés par la vérification&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="349"/>
        <source>Repaired:</source>
        <translation>Réparé&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="351"/>
        <source>Not repaired:</source>
        <translation>Non réparé&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="353"/>
        <source>Problem:</source>
        <translation>Problème&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="365"/>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="371"/>
        <source>Details: {details}</source>
        <translation>Détails&#xa0;: {details}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="379"/>
        <source>No problems: the database is sound, every article and annotation is intact, every passage matches its text, the search index is up to date and no temporary files were left behind.</source>
        <translation>Aucun problème&#xa0;: la base de données est saine, chaque article et chaque annotation sont intacts, chaque passage correspond à son texte, l’index de recherche est à jour et aucun fichier temporaire n’a été laissé.</translation>
    </message>
</context>
<context>
    <name>CheckWording</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="78"/>
        <source>The database file is damaged</source>
        <extracomment>Kinds of problems whose repair changes rows of the database: the window is told, so that it shows the repaired articles, passages and tags (and what Undo and Redo can still reach). The tables such a repair may touch. Notes shown with the core&apos;s message as their detail (it names the articles).</extracomment>
        <translation>Le fichier de la base de données est endommagé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="80"/>
        <source>Records pointing at something that no longer exists: {n}</source>
        <translation>Enregistrements qui renvoient à quelque chose qui n’existe plus&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="83"/>
        <source>Passages that no longer match their article&apos;s text: {n}</source>
        <translation>Passages qui ne correspondent plus au texte de leur article&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="85"/>
        <source>An article is damaged</source>
        <translation>Un article est endommagé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="86"/>
        <source>A passage, tag or link is damaged</source>
        <translation>Un passage, une étiquette ou un lien est endommagé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="87"/>
        <source>Damaged operations in the undo history: {n}</source>
        <translation>Opérations endommagées dans l’historique d’annulation&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="88"/>
        <source>The search index is missing</source>
        <translation>L’index de recherche est absent</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="89"/>
        <source>The search index cannot be used</source>
        <translation>L’index de recherche est inutilisable</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="90"/>
        <source>The search index is behind the library</source>
        <translation>L’index de recherche est en retard sur la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="91"/>
        <source>Articles missing from the search index: {n}</source>
        <translation>Articles absents de l’index de recherche&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="93"/>
        <source>Articles indexed with an older version of their text: {n}</source>
        <translation>Articles indexés avec une version antérieure de leur texte&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="95"/>
        <source>Deleted articles still in the search index: {n}</source>
        <translation>Articles supprimés encore présents dans l’index de recherche&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="96"/>
        <source>Temporary files left by an interrupted operation: {n}</source>
        <translation>Fichiers temporaires laissés par une opération interrompue&#xa0;: {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="104"/>
        <source>Searching may miss articles or find deleted ones. Repair brings the index up to date from the database.</source>
        <translation>La recherche peut manquer des articles ou en trouver de supprimés. Réparer met l’index à jour à partir de la base de données.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="109"/>
        <source>It cannot be repaired in place. Restore a backup with Library → Backups…: the damaged file is kept aside, not deleted.</source>
        <translation>Il ne peut pas être réparé sur place. Restaurez une sauvegarde avec Bibliothèque → Sauvegardes…&#xa0;: le fichier endommagé est mis de côté, pas supprimé.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="113"/>
        <source>They are left over from deleted items and serve no purpose. Repair deletes them; a tag whose parent tag is gone becomes a top-level tag and keeps its sub-tags and passages.</source>
        <translation>Ce sont des restes d’éléments supprimés, qui ne servent plus. Réparer les supprime&#xa0;; une étiquette dont l’étiquette parente a disparu devient une étiquette de premier niveau et garde ses sous-étiquettes et ses passages.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="118"/>
        <source>Their article&apos;s text was changed outside kzreader. Repair looks for each passage again in the text; those not found become orphans, which you can re-attach in the Orphans panel.</source>
        <translation>Le texte de leur article a été modifié en dehors de kzreader. Réparer cherche à nouveau chaque passage dans le texte&#xa0;; ceux qui ne sont pas retrouvés deviennent orphelins, et vous pouvez les rattacher dans le panneau Orphelins.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="123"/>
        <source>Its text or its details (title, source, dates) no longer match the fingerprint recorded when it was imported: the library file was damaged, on the disk or in a copy. Repair writes back a copy proven good, from a backup or from the article&apos;s original file.</source>
        <translation>Son texte ou ses informations (titre, source, dates) ne correspondent plus à l’empreinte enregistrée lors de son importation&#xa0;: le fichier de la bibliothèque a été endommagé, sur le disque ou dans une copie. Réparer réécrit une copie reconnue intacte, tirée d’une sauvegarde ou du fichier d’origine de l’article.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="130"/>
        <source>Its text or its details (title, source, dates) no longer match the fingerprint recorded when it was imported, and neither a backup nor its original file holds a good copy. Nothing is overwritten with a guess: restore an earlier backup with Library → Backups… if you can lose what was changed since, or import the article again from a good copy of its file.</source>
        <translation>Son texte ou ses informations (titre, source, dates) ne correspondent plus à l’empreinte enregistrée lors de son importation, et ni une sauvegarde ni son fichier d’origine n’en contiennent une copie intacte. Rien n’est remplacé par une supposition&#xa0;: restaurez une sauvegarde plus ancienne avec Bibliothèque → Sauvegardes… si vous pouvez perdre ce qui a été modifié depuis, ou importez à nouveau l’article à partir d’une copie intacte de son fichier.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="137"/>
        <source>What it holds (a quote, note, colour, name or place) no longer matches the checksum recorded when it was last changed: the library file was damaged, on the disk or in a copy. Repair writes back a copy proven good, from a backup or, for a passage, rebuilt from its article&apos;s text.</source>
        <translation>Ce qu’il contient (une citation, une note, une couleur, un nom ou une place) ne correspond plus à la somme de contrôle enregistrée lors de sa dernière modification&#xa0;: le fichier de la bibliothèque a été endommagé, sur le disque ou dans une copie. Réparer réécrit une copie reconnue intacte, tirée d’une sauvegarde ou, pour un passage, reconstruite à partir du texte de son article.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="144"/>
        <source>What it holds (a quote, note, colour, name or place) no longer matches the checksum recorded when it was last changed, and no backup holds a good copy. Nothing is overwritten with a guess: correct it in kzreader, which records it anew, or restore an earlier backup with Library → Backups… if you can lose what was changed since.</source>
        <translation>Ce qu’il contient (une citation, une note, une couleur, un nom ou une place) ne correspond plus à la somme de contrôle enregistrée lors de sa dernière modification, et aucune sauvegarde n’en contient une copie intacte. Rien n’est remplacé par une supposition&#xa0;: corrigez l’élément dans kzreader, qui l’enregistre à nouveau, ou restaurez une sauvegarde plus ancienne avec Bibliothèque → Sauvegardes… si vous pouvez perdre ce qui a été modifié depuis.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="151"/>
        <source>Undoing or redoing them would write damaged data back. Repair forgets them, and the operations Undo and Redo could only reach through them: those can no longer be undone or redone. Your articles, passages and tags are not changed.</source>
        <translation>Les annuler ou les rétablir réécrirait des données endommagées. Réparer les oublie, ainsi que les opérations qu’Annuler et Rétablir ne pourraient atteindre qu’en passant par elles&#xa0;: celles-ci ne peuvent plus être annulées ni rétablies. Vos articles, passages et étiquettes ne sont pas modifiés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="156"/>
        <source>Searching cannot work without it. Repair rebuilds it from the database.</source>
        <translation>La recherche ne peut pas fonctionner sans lui. Réparer le reconstruit à partir de la base de données.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="159"/>
        <source>It is damaged or was written by another version of kzreader. Repair rebuilds it from the database.</source>
        <translation>Il est endommagé ou a été écrit par une autre version de kzreader. Réparer le reconstruit à partir de la base de données.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="167"/>
        <source>They take up disk space and are no longer used. Repair deletes them.</source>
        <translation>Ils occupent de l’espace disque et ne servent plus. Réparer les supprime.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="176"/>
        <source>Orphaned passages: {n}. Their article&apos;s text changed and they were not found again; re-attach them to the text in the Orphans panel.</source>
        <translation>Passages orphelins&#xa0;: {n}. Le texte de leur article a changé et ils n’ont pas été retrouvés&#xa0;; rattachez-les au texte dans le panneau Orphelins.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="180"/>
        <source>The search index is being written by another program right now: its temporary files were left alone. Check again once it has finished.</source>
        <translation>L’index de recherche est en cours d’écriture par un autre programme&#xa0;: ses fichiers temporaires ont été laissés tels quels. Vérifiez à nouveau quand il aura fini.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="184"/>
        <source>The other checks were skipped because the database is damaged: restore a backup first.</source>
        <translation>Les autres vérifications n’ont pas été faites car la base de données est endommagée&#xa0;: restaurez d’abord une sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="188"/>
        <source>Articles whose text was changed by another program: {n}. The new text was recorded as the article&apos;s own, and its passages were looked for again in it.</source>
        <translation>Articles dont le texte a été modifié par un autre programme&#xa0;: {n}. Le nouveau texte a été enregistré comme celui de l’article, et ses passages y ont été recherchés à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/check_dialog.py" line="193"/>
        <source>Articles whose text was changed by another program: {n}. kzreader takes the new text as it is: Repair looks for their passages again in it and records it as the article&apos;s own.</source>
        <translation>Articles dont le texte a été modifié par un autre programme&#xa0;: {n}. kzreader prend le nouveau texte tel quel&#xa0;: Réparer y recherche à nouveau leurs passages et l’enregistre comme le texte de l’article.</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="284"/>
        <source>Compare: {a} and {b}</source>
        <translation>Comparer&#xa0;: {a} et {b}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="285"/>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="286"/>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="290"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="289"/>
        <source>{outlet} published it first.</source>
        <translation>{outlet} l’a publié en premier.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="292"/>
        <source>Both were published the same day.</source>
        <translation>Les deux ont paru le même jour.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="293"/>
        <source>Which came first is unknown: a date is missing.</source>
        <translation>On ne sait pas lequel est le premier&#xa0;: une date manque.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="298"/>
        <source>&lt;b&gt;{words} words&lt;/b&gt; shared, similarity {similarity} %. {first} {differ}</source>
        <translation>&lt;b&gt;{words} mots&lt;/b&gt; en commun, similarité {similarity}&#xa0;%. {first} {differ}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="303"/>
        <source>The wording is the same.</source>
        <translation>La formulation est identique.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="305"/>
        <source>Words that differ are marked.</source>
        <translation>Les mots qui diffèrent sont marqués.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="310"/>
        <source>Earlier</source>
        <translation>Antérieur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="310"/>
        <source>First article</source>
        <translation>Premier article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="313"/>
        <source>Later</source>
        <translation>Postérieur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="313"/>
        <source>Second article</source>
        <translation>Second article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="321"/>
        <source>shared passage</source>
        <translation>passage commun</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="322"/>
        <source>words that differ</source>
        <translation>mots qui diffèrent</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="325"/>
        <source>&amp;Link Passages…</source>
        <translation>&amp;Lier les passages…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="327"/>
        <source>Make the two passages passages of their articles, linked (undoable)</source>
        <translation>Faire des deux extraits des passages de leurs articles, liés entre eux (annulable)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="329"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="330"/>
        <source>Text of the first article</source>
        <translation>Texte du premier article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="331"/>
        <source>Text of the second article</source>
        <translation>Texte du second article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="341"/>
        <source>Open in Reader</source>
        <translation>Ouvrir dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="342"/>
        <source>Show this article in the main window</source>
        <translation>Afficher cet article dans la fenêtre principale</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="385"/>
        <source>Linked: “{relation}”. Edit ▸ Undo (Ctrl+Z) in the main window removes it.</source>
        <translation>Lien créé&#xa0;: «&#xa0;{relation}&#xa0;». Édition ▸ Annuler (Ctrl+Z) dans la fenêtre principale le supprime.</translation>
    </message>
</context>
<context>
    <name>ConcordancePanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="172"/>
        <source>Concordance of: Tokaïev, &quot;maintien de la paix&quot;, securit*… (Enter)</source>
        <extracomment>Milliseconds between two additions to the table while the lines arrive. Tables whose changes the lines show: the articles&apos; texts and details. Milliseconds of quiet (a change of the articles, the context width) before a new run. all the lines of a query are in: their number a query was refused or failed: the message shown selected lines were tagged: their number the lines were written to a CSV file: its path</extracomment>
        <translation>Concordance de&#xa0;: Tokaïev, &quot;maintien de la paix&quot;, securit*… (Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="176"/>
        <source>Every hit of the search as one line, with its left and right context. The search syntax: &quot;quotes&quot; for a phrase, AND/OR/NOT, word* for a prefix, word~ for close spellings, source:, date:2022-01. Press Enter to run it.</source>
        <translation>Chaque occurrence de la recherche sur une ligne, avec son contexte à gauche et à droite. Syntaxe de recherche&#xa0;: des &quot;guillemets&quot; pour une expression, AND/OR/NOT, mot* pour un préfixe, mot~ pour les orthographes proches, source:, date:2022-01. Appuyez sur Entrée pour lancer la recherche.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="181"/>
        <source>Concordance query</source>
        <translation>Requête de concordance</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="187"/>
        <source>Article order</source>
        <translation>Ordre des articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="188"/>
        <source>Word before the hit (L1)</source>
        <translation>Mot avant l’occurrence (L1)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="189"/>
        <source>Word after the hit (R1)</source>
        <translation>Mot après l’occurrence (R1)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="190"/>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="217"/>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="191"/>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="218"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="199"/>
        <source>&amp;Sort:</source>
        <translation>&amp;Trier&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="200"/>
        <source>&amp;Context:</source>
        <translation>&amp;Contexte&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="201"/>
        <source> characters</source>
        <translation> caractères</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="202"/>
        <source>Characters of context on each side of the hit</source>
        <translation>Nombre de caractères de contexte de chaque côté de l’occurrence</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="203"/>
        <source>&amp;Group by outlet</source>
        <translation>&amp;Grouper par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="204"/>
        <source>Show each outlet&apos;s lines together, with their counts</source>
        <translation>Afficher ensemble les lignes de chaque média, avec leur nombre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="205"/>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="418"/>
        <source>&amp;Tag Lines…</source>
        <translation>Étiqueter les &amp;lignes…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="207"/>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="406"/>
        <source>Tag the hits of the selected lines as passages (one step to undo)</source>
        <translation>Étiqueter comme passages les occurrences des lignes sélectionnées (annulable en une seule fois)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="209"/>
        <source>&amp;Export CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="210"/>
        <source>Write the lines to a CSV file for a spreadsheet</source>
        <translation>Écrire les lignes dans un fichier CSV pour un tableur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="211"/>
        <source>Concordance lines</source>
        <translation>Lignes de la concordance</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="212"/>
        <source>Concordance status</source>
        <translation>État de la concordance</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="214"/>
        <source>Left context</source>
        <translation>Contexte gauche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="215"/>
        <source>Hit</source>
        <translation>Occurrence</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="216"/>
        <source>Right context</source>
        <translation>Contexte droit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="219"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="221"/>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="40"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="344"/>
        <source>The concordance failed: {error}</source>
        <translation>La concordance a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="408"/>
        <source>The library is read-only</source>
        <translation>La bibliothèque est en lecture seule</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="417"/>
        <source>&amp;Open Article at the Hit</source>
        <translation>&amp;Ouvrir l’article à l’occurrence</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_panel.py" line="420"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_stream.py" line="181"/>
        <source>Export the Lines as CSV</source>
        <extracomment>Lines sent to the table at once, at most; the first batch goes sooner. Seconds between two batches, at most, while lines keep coming.</extracomment>
        <translation>Exporter les lignes en CSV</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_stream.py" line="183"/>
        <source>CSV table (*.csv)</source>
        <translation>Tableau CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_stream.py" line="189"/>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} existe déjà. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_stream.py" line="192"/>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="23"/>
        <source>{lines} in {articles}</source>
        <translation>{lines} dans {articles}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="26"/>
        <source>{n} line</source>
        <translation>{n} ligne</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="27"/>
        <source>{n} lines</source>
        <translation>{n} lignes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="31"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="32"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="41"/>
        <source>{outlet}: {counts}</source>
        <translation>{outlet}&#xa0;: {counts}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="52"/>
        <source>Type a search and press Enter: every hit becomes a line.</source>
        <translation>Saisissez une recherche et appuyez sur Entrée&#xa0;: chaque occurrence devient une ligne.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="57"/>
        <source>Looking for the hits… {n} lines so far</source>
        <translation>Recherche des occurrences… {n} lignes pour l’instant</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="60"/>
        <source>Looking for the hits…</source>
        <translation>Recherche des occurrences…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="63"/>
        <source>No hit (boilerplate set aside is not searched).</source>
        <translation>Aucune occurrence (le texte parasite mis de côté n’entre pas dans la recherche).</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="68"/>
        <source>{n} line tagged {tag}: Edit → Undo takes it back.</source>
        <translation>{n} ligne étiquetée {tag}&#xa0;: Édition → Annuler revient en arrière.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="69"/>
        <source>{n} lines tagged {tag}: Edit → Undo takes them back.</source>
        <translation>{n} lignes étiquetées {tag}&#xa0;: Édition → Annuler revient en arrière.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="75"/>
        <source>{n} line written to {file}.</source>
        <translation>{n} ligne écrite dans {file}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/kwic_texts.py" line="76"/>
        <source>{n} lines written to {file}.</source>
        <translation>{n} lignes écrites dans {file}.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../kzreader/gui/app.py" line="128"/>
        <source>{name} was not imported: the library is read-only ({reason}).</source>
        <extracomment>How the app names itself in the library&apos;s lock: a second program that finds the library taken says who has it. a backup is being restored: the library is closed meanwhile</extracomment>
        <translation>{name} n’a pas été importé&#xa0;: la bibliothèque est en lecture seule ({reason}).</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="214"/>
        <source>The library was not backed up before the restore: {error}</source>
        <translation>La bibliothèque n’a pas été sauvegardée avant la restauration&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="221"/>
        <source>The backup could not be restored: {error}. The library is as it was.</source>
        <translation>La sauvegarde n’a pas pu être restaurée&#xa0;: {error}. La bibliothèque est restée telle quelle.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="227"/>
        <source>The backup of {date} was restored. The database it replaced was kept as {kept}.</source>
        <translation>La sauvegarde du {date} a été restaurée. La base de données qu’elle remplace a été conservée sous {kept}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="246"/>
        <source>The library is still read-only: {reason}</source>
        <translation>La bibliothèque est toujours en lecture seule&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="253"/>
        <source>The library is open for changes.</source>
        <translation>La bibliothèque est ouverte en écriture.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/app.py" line="263"/>
        <source>kzreader: the library could not be backed up: {error}</source>
        <translation>kzreader&#xa0;: la bibliothèque n’a pas pu être sauvegardée&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>CorpusDocks</name>
    <message>
        <location filename="../../kzreader/gui/corpus_docks.py" line="35"/>
        <source>Concordance</source>
        <translation>Concordance</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/corpus_docks.py" line="38"/>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/corpus_docks.py" line="41"/>
        <source>Outlets × Tags</source>
        <translation>Médias × étiquettes</translation>
    </message>
</context>
<context>
    <name>DamagedLibraryDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="59"/>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="195"/>
        <source>Damaged Library</source>
        <translation>Bibliothèque endommagée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="66"/>
        <source>The library cannot be opened: its database is damaged.</source>
        <translation>La bibliothèque ne peut pas être ouverte&#xa0;: sa base de données est endommagée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="74"/>
        <source>The file {name} in {folder} holds everything you made in this library, and it is damaged: this can happen after a disk fault, a power cut, or when the file was copied while it was being written. Nothing has been changed.</source>
        <translation>Le fichier {name} dans {folder} contient tout ce que vous avez fait dans cette bibliothèque, et il est endommagé&#xa0;: cela peut arriver après une panne de disque, une coupure de courant, ou quand le fichier a été copié pendant son écriture. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="82"/>
        <source>The latest backup is from {date}. Restoring it puts it in place of the damaged file, which is kept aside, not deleted. Changes made after that backup will not be in the restored library.</source>
        <translation>La dernière sauvegarde date du {date}. La restaurer la met à la place du fichier endommagé, qui est mis de côté, pas supprimé. Les modifications faites après cette sauvegarde ne seront pas dans la bibliothèque restaurée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="89"/>
        <source>There is no backup of this library to restore. Before anything else, copy the library folder somewhere safe: its contents may still be recoverable with other tools. kzreader will now quit.</source>
        <translation>Il n’y a aucune sauvegarde de cette bibliothèque à restaurer. Avant toute chose, copiez le dossier de la bibliothèque en lieu sûr&#xa0;: son contenu peut peut-être encore être récupéré avec d’autres outils. kzreader va maintenant se fermer.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="94"/>
        <source>Details: {details}</source>
        <translation>Détails&#xa0;: {details}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="110"/>
        <source>Restore the Latest Backup ({date})</source>
        <translation>Restaurer la dernière sauvegarde ({date})</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="113"/>
        <source>Choose a Backup…</source>
        <translation>Choisir une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="114"/>
        <source>Restore another backup of this library</source>
        <translation>Restaurer une autre sauvegarde de cette bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="115"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="166"/>
        <source>The backup could not be restored: {error}</source>
        <translation>La sauvegarde n’a pas pu être restaurée&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="172"/>
        <source>The backup of {date} was restored. The damaged database was kept as {kept}; you can delete it once you are satisfied with the restored library.</source>
        <translation>La sauvegarde du {date} a été restaurée. La base de données endommagée a été conservée sous {kept}&#xa0;; vous pourrez la supprimer une fois satisfait de la bibliothèque restaurée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="185"/>
        <source>Choose a Backup</source>
        <translation>Choisir une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="187"/>
        <source>kzreader backups (*.sqlite);;All files (*)</source>
        <translation>Sauvegardes kzreader (*.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/damaged_dialog.py" line="192"/>
        <source>Backup Restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="138"/>
        <source>Article Details</source>
        <extracomment>read the original file again in this encoding</extracomment>
        <translation>Détails de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="139"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="140"/>
        <source>&amp;Outlet:</source>
        <translation>&amp;Média&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="141"/>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="142"/>
        <source>&amp;Attributes (your own facts: dossier, genre…):</source>
        <translation>&amp;Attributs (vos propres informations&#xa0;: dossier, genre…)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="143"/>
        <source>no outlet</source>
        <translation>aucun média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="144"/>
        <source>e.g. 2022-01-06, 06.01.2022, 6 janvier 2022</source>
        <translation>p. ex. 2022-01-06, 06.01.2022, 6 janvier 2022</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="145"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="145"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="146"/>
        <source>Add &amp;Attribute</source>
        <translation>Ajouter un attri&amp;but</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="147"/>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="149"/>
        <source>File: {name}</source>
        <translation>Fichier&#xa0;: {name}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="151"/>
        <source>read as {encoding}</source>
        <translation>lu en {encoding}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="155"/>
        <source>&amp;Garbled letters? Read the file again as:</source>
        <translation>Caractères &amp;illisibles&#xa0;? Relire le fichier avec l’encodage&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="156"/>
        <source>Read A&amp;gain</source>
        <translation>Re&amp;lire</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="159"/>
        <source>Decode the original file with this encoding; the passages are kept (re-anchored) and Undo takes it back</source>
        <translation>Décoder le fichier d’origine avec cet encodage&#xa0;; les passages sont conservés (réancrés) et Annuler revient en arrière</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="173"/>
        <source>Read again as {encoding}: the text was replaced.</source>
        <translation>Relu en {encoding}&#xa0;: le texte a été remplacé.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="177"/>
        <source>Read this way, the text is the same as before.</source>
        <translation>Relu de cette façon, le texte est le même qu’avant.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="180"/>
        <source>Not read again: {reason}</source>
        <translation>Non relu&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="222"/>
        <source>Not a date: write it like 2022-01-06, 06.01.2022 or 6 janvier 2022.</source>
        <translation>Ce n’est pas une date&#xa0;: écrivez-la sous la forme 2022-01-06, 06.01.2022 ou 6 janvier 2022.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="229"/>
        <source>Stored as {date}</source>
        <translation>Enregistrée sous la forme {date}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/document_dialog.py" line="229"/>
        <source>No date</source>
        <translation>Aucune date</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="70"/>
        <source>Reading the file again…</source>
        <extracomment>an edit or a deletion failed: the error, for the window to show</extracomment>
        <translation>Nouvelle lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="91"/>
        <source>Delete “{title}”?</source>
        <translation>Supprimer «&#xa0;{title}&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="94"/>
        <source>Its {n} passages, their tags and notes, and their links go with it.</source>
        <translation>Ses {n} passages, leurs étiquettes et leurs notes, ainsi que leurs liens, disparaissent avec lui.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="97"/>
        <source>It has no passage.</source>
        <translation>Il n’a aucun passage.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="98"/>
        <source>Delete Article</source>
        <translation>Supprimer l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="100"/>
        <source>Edit ▸ Undo brings it all back.</source>
        <translation>Édition ▸ Annuler rétablit le tout.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/document_editing.py" line="101"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="225"/>
        <source>Title</source>
        <extracomment>Rows a worker sorts at once. A sort holds Python&apos;s lock while it compares, whichever thread runs it: sorting 100,000 titles in one piece blocked the GUI thread for 250 ms; pieces sorted apart, then merged, let it run between. per column, the ids in ascending order, and those without a value counted up when the passage counts change (orders made before are stale)</extracomment>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="226"/>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="227"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="228"/>
        <source>Lang.</source>
        <translation>Lang.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="229"/>
        <source>Pass.</source>
        <translation>Pass.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="233"/>
        <source>Number of highlighted passages (right-click to choose columns)</source>
        <translation>Nombre de passages surlignés (clic droit pour choisir les colonnes)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="235"/>
        <source>Language (right-click to choose columns)</source>
        <translation>Langue (clic droit pour choisir les colonnes)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_model.py" line="236"/>
        <source>Click to sort; right-click to choose the columns shown</source>
        <translation>Cliquez pour trier&#xa0;; clic droit pour choisir les colonnes affichées</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="172"/>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="481"/>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="582"/>
        <source>Export</source>
        <extracomment>The suffix of each format&apos;s files (``Library.EXPORT_FORMATS``, in that order). Formats arranged by tag or by document. Formats holding tags only: a choice of articles means nothing to them. What to export. Characters of the open article&apos;s title shown in its choice (all in the tooltip). an export was written: the core&apos;s report and the sentence telling it what the last export wrote, shown under the choices (&quot;&quot; before any)</extracomment>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="175"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="191"/>
        <source>What to export</source>
        <translation>Contenu à exporter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="193"/>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="445"/>
        <source>The whole library</source>
        <translation>Toute la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="194"/>
        <source>The passages with the tags checked below</source>
        <translation>Les passages portant les étiquettes cochées ci-dessous</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="196"/>
        <source>Tags to export</source>
        <translation>Étiquettes à exporter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="213"/>
        <source>The article shown in the library list</source>
        <translation>L’article affiché dans la liste de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="214"/>
        <source>The {n} articles shown in the library list</source>
        <translation>Les {n} articles affichés dans la liste de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="218"/>
        <source>The articles the library list shows with its filters and search</source>
        <translation>Les articles que la liste de la bibliothèque affiche avec ses filtres et sa recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="236"/>
        <source>Arrange the report</source>
        <translation>Organisation du rapport</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="238"/>
        <source>By tag: a section for each tag</source>
        <translation>Par étiquette&#xa0;: une section par étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="239"/>
        <source>By article: a section for each article</source>
        <translation>Par article&#xa0;: une section par article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="251"/>
        <source>Export progress</source>
        <translation>Progression de l’exportation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="255"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="256"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="257"/>
        <source>Choose the file, then write the export</source>
        <translation>Choisir le fichier, puis écrire l’exportation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="259"/>
        <source>Show in Folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="260"/>
        <source>Open the folder holding the exported file</source>
        <translation>Ouvrir le dossier qui contient le fichier exporté</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="293"/>
        <source>REFI-QDA project (.qdpx)</source>
        <translation>Projet REFI-QDA (.qdpx)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="295"/>
        <source>Articles, tags, passages, notes and links, to open in ATLAS.ti, MAXQDA, NVivo, QualCoder or another kzreader.</source>
        <translation>Articles, étiquettes, passages, notes et liens, à ouvrir dans ATLAS.ti, MAXQDA, NVivo, QualCoder ou un autre kzreader.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="300"/>
        <source>REFI-QDA codebook (.qdc)</source>
        <translation>Livre de codes REFI-QDA (.qdc)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="302"/>
        <source>The tags alone, with their hierarchy, colours and descriptions: a coding scheme to share.</source>
        <translation>Les étiquettes seules, avec leur hiérarchie, leurs couleurs et leurs descriptions&#xa0;: un schéma de codage à partager.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="307"/>
        <source>W3C Web Annotations (.jsonld)</source>
        <translation>Annotations web W3C (.jsonld)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="309"/>
        <source>Passages with their tags, notes and links in the open web standard, for annotation tools and scripts.</source>
        <translation>Les passages avec leurs étiquettes, notes et liens dans le standard ouvert du web, pour les outils d’annotation et les scripts.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="314"/>
        <source>Table of coded passages (.csv)</source>
        <translation>Tableau des passages codés (.csv)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="316"/>
        <source>One row per passage and tag, with its article&apos;s details: for a spreadsheet, R or Python.</source>
        <translation>Une ligne par passage et par étiquette, avec les détails de son article&#xa0;: pour un tableur, R ou Python.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="321"/>
        <source>Markdown report (.md)</source>
        <translation>Rapport Markdown (.md)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="323"/>
        <source>The passages as quotations with their sources, notes and links, to go on writing in a text editor.</source>
        <translation>Les passages en citations avec leurs sources, notes et liens, pour poursuivre la rédaction dans un éditeur de texte.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="328"/>
        <source>HTML report (.html)</source>
        <translation>Rapport HTML (.html)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="330"/>
        <source>The same report as one web page, to read in a browser, print or save as PDF.</source>
        <translation>Le même rapport en une page web, à lire dans un navigateur, imprimer ou enregistrer en PDF.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="338"/>
        <source>project</source>
        <translation>projet</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="339"/>
        <source>codebook</source>
        <translation>livre-de-codes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="340"/>
        <source>annotations</source>
        <translation>annotations</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="341"/>
        <source>passages</source>
        <translation>passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="342"/>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="343"/>
        <source>report</source>
        <translation>rapport</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="348"/>
        <source>The article open in the reader (none is open)</source>
        <translation>L’article ouvert dans le lecteur (aucun n’est ouvert)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="352"/>
        <source>The article open in the reader</source>
        <translation>L’article ouvert dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="355"/>
        <source>The article open in the reader: “{title}”</source>
        <translation>L’article ouvert dans le lecteur&#xa0;: «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="359"/>
        <source>{n} tag</source>
        <translation>{n} étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="359"/>
        <source>{n} tags</source>
        <translation>{n} étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="363"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="363"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="364"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="364"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="369"/>
        <source>{n} link</source>
        <translation>{n} lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="369"/>
        <source>{n} links</source>
        <translation>{n} liens</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="445"/>
        <source>Every tag</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="451"/>
        <source>Check at least one tag to export.</source>
        <translation>Cochez au moins une étiquette à exporter.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="467"/>
        <source>Export As</source>
        <translation>Exporter sous</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="480"/>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} existe déjà. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="505"/>
        <source>Exporting to {name}…</source>
        <translation>Exportation vers {name}…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="540"/>
        <source>Exporting: {item}</source>
        <translation>Exportation&#xa0;: {item}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="547"/>
        <source>Exported to {name}: {counts}.</source>
        <translation>Exporté dans {name}&#xa0;: {counts}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="552"/>
        <source>Left out: {what}</source>
        <translation>Laissé de côté&#xa0;: {what}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/export_dialog.py" line="567"/>
        <source>The export failed: {error}</source>
        <translation>L’exportation a échoué&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="146"/>
        <source>&amp;Find:</source>
        <extracomment>A char-format property marking the extra selections this bar made. Most matches highlighted at once (all are counted). the bar was closed (Escape or its close button) the matches changed: (current index, count); -1 when there is no current match</extracomment>
        <translation>&amp;Rechercher&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="147"/>
        <location filename="../../kzreader/gui/find_bar.py" line="148"/>
        <source>Find in this article</source>
        <translation>Rechercher dans cet article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="150"/>
        <source>Case and accents are ignored. Enter: next, Shift+Enter: previous</source>
        <translation>La casse et les accents sont ignorés. Entrée&#xa0;: suivant, Maj+Entrée&#xa0;: précédent</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="152"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Occurrence précédente (Maj+Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="153"/>
        <source>Previous match</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="154"/>
        <source>Next match (Enter)</source>
        <translation>Occurrence suivante (Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="155"/>
        <source>Next match</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="156"/>
        <source>Close the find bar (Escape)</source>
        <translation>Fermer la barre de recherche (Échap)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="157"/>
        <source>Close the find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="158"/>
        <source>Matches</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="362"/>
        <source>No matches</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/find_bar.py" line="364"/>
        <source>{i} of {n}</source>
        <translation>{i} sur {n}</translation>
    </message>
</context>
<context>
    <name>HeatMapModel</name>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="197"/>
        <source>{tag}: {count}</source>
        <extracomment>The ``(row key, column key)`` of a cell; None in either for a total. Passages of a cell listed at most (all are counted). per column (the crosstab&apos;s coded passages per outlet), or None</extracomment>
        <translation>{tag}&#xa0;: {count}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="198"/>
        <source>{a} with {b}: {count} (on one passage or overlapping ones)</source>
        <translation>{a} avec {b}&#xa0;: {count} (sur un même passage ou sur des passages qui se chevauchent)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="203"/>
        <source>Coded passages, {where}: {count}</source>
        <translation>Passages codés, {where}&#xa0;: {count}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="204"/>
        <source>all outlets</source>
        <translation>tous les médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="205"/>
        <source>{tag} in {outlet}: {count}</source>
        <translation>{tag} dans {outlet}&#xa0;: {count}</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="83"/>
        <source>Importing articles</source>
        <extracomment>the import ended (done or cancelled): the ImportReport the import failed unexpectedly: the message shown the outlet every file imported gets (a folder of one outlet&apos;s articles)</extracomment>
        <translation>Importation d’articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="84"/>
        <source>Preparing the import…</source>
        <translation>Préparation de l’importation…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="85"/>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="86"/>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="87"/>
        <source>File being imported</source>
        <translation>Fichier en cours d’importation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="88"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="90"/>
        <source>Stop after the current file; the files already done stay imported (Escape)</source>
        <translation>Arrêter après le fichier en cours&#xa0;; les fichiers déjà traités restent importés (Échap)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="132"/>
        <source>Cancelling after the current file…</source>
        <translation>Annulation après le fichier en cours…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="141"/>
        <source>Importing file {n} of {total}:</source>
        <translation>Importation du fichier {n} sur {total}&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="147"/>
        <source>Updating the search index…</source>
        <translation>Mise à jour de l’index de recherche…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="168"/>
        <source>The import stopped: {error}</source>
        <translation>L’importation s’est arrêtée&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="174"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="175"/>
        <source>Close this window</source>
        <translation>Fermer cette fenêtre</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="237"/>
        <source>Imported</source>
        <translation>Importés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="238"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="239"/>
        <source>Unchanged</source>
        <translation>Inchangés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="240"/>
        <source>Refused</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="246"/>
        <source>{n} in place</source>
        <translation>{n} en place</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="247"/>
        <source>{n} moved</source>
        <translation>{n} déplacé(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="248"/>
        <source>{n} found approximately</source>
        <translation>{n} retrouvé(s) approximativement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="249"/>
        <source>{n} orphaned</source>
        <translation>{n} orphelin(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="253"/>
        <source>New version; no passages to re-anchor</source>
        <translation>Nouvelle version&#xa0;; aucun passage à réancrer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="254"/>
        <source>Passages: {list}</source>
        <translation>Passages&#xa0;: {list}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="278"/>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="330"/>
        <source>Import report</source>
        <translation>Rapport d’importation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="295"/>
        <source>The import was cancelled: the files done before stay imported.</source>
        <translation>L’importation a été annulée&#xa0;: les fichiers déjà traités restent importés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="300"/>
        <source>Files that need your attention:</source>
        <translation>Fichiers qui demandent votre attention&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="302"/>
        <source>Nothing needs your attention.</source>
        <translation>Rien ne demande votre attention.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="305"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="305"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="305"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="307"/>
        <source>Refused and updated files</source>
        <translation>Fichiers refusés et mis à jour</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="317"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="318"/>
        <source>Copy the report as text to the clipboard</source>
        <translation>Copier le rapport en texte dans le presse-papiers</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="320"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="321"/>
        <source>Close the report (Enter or Escape)</source>
        <translation>Fermer le rapport (Entrée ou Échap)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/import_dialog.py" line="327"/>
        <source>{status}: {n}</source>
        <translation>{status}&#xa0;: {n}</translation>
    </message>
</context>
<context>
    <name>LibraryCare</name>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="62"/>
        <source>The search index was rebuilt.</source>
        <extracomment>Articles indexed between two progress reports of the sync at opening. what the check at opening found (None until it has run) articles are being indexed at opening (``start_background_sync``)</extracomment>
        <translation>L’index de recherche a été reconstruit.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="64"/>
        <source>The search index is up to date.</source>
        <translation>L’index de recherche est à jour.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="67"/>
        <source>Search may miss recent changes: {problem}</source>
        <translation>La recherche peut manquer des changements récents&#xa0;: {problem}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="100"/>
        <source>Bringing the search index up to date: {done} of {total} articles…</source>
        <translation>Mise à jour de l’index de recherche&#xa0;: {done} articles sur {total}…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="126"/>
        <source>The check at opening found problems in this library.</source>
        <translation>La vérification à l’ouverture a trouvé des problèmes dans cette bibliothèque.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="128"/>
        <source>Check Library looks further and can repair them.</source>
        <translation>Vérifier la bibliothèque cherche plus loin et peut les réparer.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="132"/>
        <source>The check at opening found problems: {summary}.</source>
        <translation>Problèmes trouvés à l’ouverture&#xa0;: {summary}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="136"/>
        <source>The check at opening could not run: {error}</source>
        <translation>La vérification à l’ouverture n’a pas pu se faire&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="159"/>
        <source>Backing up the library…</source>
        <translation>Sauvegarde de la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="167"/>
        <location filename="../../kzreader/gui/window_care.py" line="223"/>
        <source>Backed up to {name}.</source>
        <translation>Sauvegardée dans {name}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="174"/>
        <source>The backup failed: {error}</source>
        <translation>La sauvegarde a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="183"/>
        <location filename="../../kzreader/gui/window_care.py" line="197"/>
        <source>Back Up to a File</source>
        <translation>Sauvegarder dans un fichier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="185"/>
        <source>kzreader backups (*.kzbackup)</source>
        <translation>Sauvegardes kzreader (*.kzbackup)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="196"/>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} existe déjà. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="203"/>
        <source>Backing up the library to {name}…</source>
        <translation>Sauvegarde de la bibliothèque dans {name}…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="214"/>
        <source>The whole library was backed up to {path}.</source>
        <translation>Toute la bibliothèque a été sauvegardée dans {path}.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="243"/>
        <location filename="../../kzreader/gui/window_care.py" line="256"/>
        <source>Restore from a File</source>
        <translation>Restaurer depuis un fichier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="245"/>
        <source>kzreader backups (*.kzbackup *.sqlite);;All files (*)</source>
        <translation>Sauvegardes kzreader (*.kzbackup *.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="251"/>
        <source>Restore the library from {name}?

The app will close the library, put this backup in place of its database and reopen it. What the library holds now will be replaced by the backup&apos;s content; the current database is kept aside in the library folder, not deleted.</source>
        <translation>Restaurer la bibliothèque depuis {name}&#xa0;?

L’application va fermer la bibliothèque, mettre cette sauvegarde à la place de sa base de données et la rouvrir. Le contenu actuel de la bibliothèque sera remplacé par celui de la sauvegarde&#xa0;; la base de données actuelle est mise de côté dans le dossier de la bibliothèque, pas supprimée.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="267"/>
        <source>Wait for the import to finish before restoring a backup.</source>
        <translation>Attendez la fin de l’importation avant de restaurer une sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_care.py" line="278"/>
        <source>Restoring the backup…</source>
        <translation>Restauration de la sauvegarde…</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="84"/>
        <source>Filter by title, outlet or date</source>
        <extracomment>between an attribute&apos;s key and value in the attribute combo&apos;s data Tables of the articles themselves: a change reads the whole list again. Above this many articles, the typed filter waits for a pause in the typing (``TYPING_PAUSE_MS``): each pass looks at every row. the context menu asked to edit an article&apos;s details (document id) the context menu asked to delete an article (document id)</extracomment>
        <translation>Filtrer par titre, média ou date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="86"/>
        <source>Filter articles</source>
        <translation>Filtrer les articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="87"/>
        <source>Filter by outlet</source>
        <translation>Filtrer par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="88"/>
        <source>Filter by language</source>
        <translation>Filtrer par langue</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="89"/>
        <source>Filter by tag</source>
        <translation>Filtrer par étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="90"/>
        <source>Filter by attribute</source>
        <translation>Filtrer par attribut</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="97"/>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="133"/>
        <source>Number of articles shown</source>
        <translation>Nombre d’articles affichés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="138"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="139"/>
        <source>Show every article again</source>
        <translation>Afficher à nouveau tous les articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="264"/>
        <source>All outlets</source>
        <translation>Tous les médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="265"/>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="268"/>
        <source>{key} = {value}</source>
        <translation>{key} = {value}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="272"/>
        <source>All attributes</source>
        <translation>Tous les attributs</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="370"/>
        <source>Showing {n} article</source>
        <translation>{n} article affiché</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="370"/>
        <source>Showing {n} articles</source>
        <translation>{n} articles affichés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="390"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="391"/>
        <source>Article &amp;Details…</source>
        <translation>&amp;Détails de l’article…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="394"/>
        <source>&amp;Delete Article…</source>
        <translation>&amp;Supprimer l’article…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="266"/>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="279"/>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="351"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="351"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/library_panel.py" line="353"/>
        <source>{shown} of {total} articles</source>
        <translation>{shown} articles sur {total}</translation>
    </message>
</context>
<context>
    <name>LinkBanner</name>
    <message>
        <location filename="../../kzreader/gui/link_banner.py" line="21"/>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/link_banner.py" line="22"/>
        <source>Find the target passage by searching</source>
        <translation>Trouver le passage cible par une recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/link_banner.py" line="23"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/link_banner.py" line="39"/>
        <source>Linking from «{quote}»: click the target passage in any article, or select text and press Enter.</source>
        <translation>Lien depuis «&#xa0;{quote}&#xa0;»&#xa0;: cliquez sur le passage cible dans n’importe quel article, ou sélectionnez du texte et appuyez sur Entrée.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="136"/>
        <source>corroborates</source>
        <extracomment>Most passages listed at once.</extracomment>
        <translation>corrobore</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="137"/>
        <source>contradicts</source>
        <translation>contredit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="138"/>
        <source>repeats</source>
        <translation>reprend</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="139"/>
        <source>responds to</source>
        <translation>répond à</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="140"/>
        <source>same event</source>
        <translation>même événement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="144"/>
        <source>Link passages</source>
        <translation>Lier des passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="145"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="147"/>
        <source>Source passage</source>
        <translation>Passage source</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="148"/>
        <source>To</source>
        <translation>Vers</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="151"/>
        <source>Target passage</source>
        <translation>Passage cible</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="153"/>
        <source>Search passages: words, &quot;a phrase&quot;, tag:Acteurs/OTSC</source>
        <translation>Rechercher des passages&#xa0;: mots, &quot;une expression&quot;, tag:Acteurs/OTSC</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="155"/>
        <source>Search passages</source>
        <translation>Rechercher des passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="156"/>
        <source>Passages to link to</source>
        <translation>Passages à lier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="165"/>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="166"/>
        <source>Choose a relation or type your own</source>
        <translation>Choisissez une relation ou saisissez la vôtre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="168"/>
        <source>one-way →</source>
        <translation>à sens unique →</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="169"/>
        <source>both ways ↔</source>
        <translation>dans les deux sens ↔</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="170"/>
        <source>no direction —</source>
        <translation>sans direction —</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="177"/>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="178"/>
        <source>Link note</source>
        <translation>Note du lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="179"/>
        <source>Optional: why these passages are linked</source>
        <translation>Facultatif&#xa0;: pourquoi ces passages sont liés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="180"/>
        <source>&amp;Relation:</source>
        <translation>&amp;Relation&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="182"/>
        <source>&amp;Direction:</source>
        <translation>&amp;Direction&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="184"/>
        <source>&amp;Note:</source>
        <translation>&amp;Note&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="187"/>
        <source>&amp;Link</source>
        <translation>&amp;Lier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="188"/>
        <source>Create the link (Enter)</source>
        <translation>Créer le lien (Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="190"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="191"/>
        <source>Close without linking (Escape)</source>
        <translation>Fermer sans lier (Échap)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="262"/>
        <source>Searching…</source>
        <translation>Recherche en cours…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="280"/>
        <source>No passage matches</source>
        <translation>Aucun passage ne correspond</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="282"/>
        <source>The first {shown} passages</source>
        <translation>Les {shown} premiers passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="284"/>
        <source>{shown} of {n} passages</source>
        <translation>{shown} passages sur {n}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="286"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="286"/>
        <source>1 passage</source>
        <translation>1 passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="289"/>
        <source>The search failed: {error}</source>
        <translation>La recherche a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="295"/>
        <source>{title} (this article)</source>
        <translation>{title} (cet article)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="319"/>
        <source>Choose the passage to link to.</source>
        <translation>Choisissez le passage à lier.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="321"/>
        <source>Choose or type a relation.</source>
        <translation>Choisissez ou saisissez une relation.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/link_dialog.py" line="328"/>
        <source>These passages are already linked as “{relation}”.</source>
        <translation>Ces passages sont déjà liés par «&#xa0;{relation}&#xa0;».</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="164"/>
        <source>Try Again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="165"/>
        <source>Open the library for changes, if the other program has closed it</source>
        <translation>Ouvrir la bibliothèque en écriture, si l’autre programme l’a fermée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="170"/>
        <source>Check Library…</source>
        <translation>Vérifier la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="171"/>
        <source>Run the full check and repair what it finds</source>
        <translation>Faire la vérification complète et réparer ce qu’elle trouve</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="175"/>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="176"/>
        <source>Hide this message</source>
        <translation>Masquer ce message</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="182"/>
        <source>Library</source>
        <extracomment>Qt&apos;s widest widget size (QWIDGETSIZE_MAX), for a header with no bound Tables whose changes repaint the article shown. the user chose another language or theme in the preferences the user confirmed restoring this backup (a Path): the application closes the library, restores it and opens it in a new window the user asks to open the read-only library for changes again</extracomment>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="183"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="185"/>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="188"/>
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="190"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="191"/>
        <source>Orphans</source>
        <translation>Orphelins</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="192"/>
        <source>Reuse</source>
        <translation>Reprises</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="60"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="74"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="88"/>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="102"/>
        <source>&amp;Annotate</source>
        <translation>A&amp;nnoter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="106"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="113"/>
        <source>Text &amp;Column</source>
        <translation>Co&amp;lonne de texte</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="133"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="135"/>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="193"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="256"/>
        <source>Text size: {points} pt</source>
        <translation>Taille du texte&#xa0;: {points}&#xa0;pt</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="313"/>
        <source>{docs} articles · {passages} passages</source>
        <translation>{docs} articles · {passages} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="324"/>
        <location filename="../../kzreader/gui/main_window.py" line="328"/>
        <source>kzreader</source>
        <translation>kzreader</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="338"/>
        <source>{title} (read-only)</source>
        <translation>{title} (lecture seule)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="30"/>
        <source>The folder {folder} cannot be written.</source>
        <extracomment>the banner&apos;s words keep the window&apos;s translation context</extracomment>
        <translation>Le dossier {folder} n’est pas accessible en écriture.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="34"/>
        <source>It was opened read-only.</source>
        <translation>Elle a été ouverte en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="36"/>
        <source>The disk is full: free some space, then press Try Again to make changes here.</source>
        <translation>Le disque est plein&#xa0;: libérez de la place, puis appuyez sur Réessayer pour faire des modifications ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="43"/>
        <source>the kzreader command line</source>
        <translation>la ligne de commande de kzreader</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="44"/>
        <source>the kzreader app</source>
        <translation>l’application kzreader</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/read_only.py" line="46"/>
        <source>It is open in {program} (process {pid}, since {since}): close it there, then press Try Again to make changes here.</source>
        <translation>Elle est ouverte dans {program} (processus {pid}, depuis {since})&#xa0;: fermez-la là-bas, puis appuyez sur Réessayer pour la modifier ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="349"/>
        <source>This library is read-only.</source>
        <translation>Cette bibliothèque est en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="353"/>
        <source>You can read, search, follow links and export; changes are turned off.</source>
        <translation>Vous pouvez lire, chercher, suivre les liens et exporter&#xa0;; les modifications sont désactivées.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="404"/>
        <source>This passage is orphaned: it has no place in the text.</source>
        <translation>Ce passage est orphelin&#xa0;: il n’a plus de place dans le texte.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="185"/>
        <source>Highlight</source>
        <translation>Surligner</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="186"/>
        <source>Edit Passage</source>
        <translation>Modifier le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="187"/>
        <source>Re-attach Passage</source>
        <translation>Rattacher le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="188"/>
        <source>Delete Passage</source>
        <translation>Supprimer le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="189"/>
        <source>Tag Passage</source>
        <translation>Étiqueter le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="190"/>
        <source>Remove Tag</source>
        <translation>Retirer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="191"/>
        <source>Create Tag</source>
        <translation>Créer une étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="192"/>
        <source>Rename Tag</source>
        <translation>Renommer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="193"/>
        <source>Move Tag</source>
        <translation>Déplacer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="194"/>
        <source>Merge tags</source>
        <translation>Fusionner des étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="195"/>
        <source>Delete Tag</source>
        <translation>Supprimer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="196"/>
        <source>Edit Tag</source>
        <translation>Modifier l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="197"/>
        <source>Link Passages</source>
        <translation>Lier des passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="198"/>
        <source>Remove Link</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="199"/>
        <source>Edit Link Note</source>
        <translation>Modifier la note du lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="200"/>
        <source>Set Attribute</source>
        <translation>Définir un attribut</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="201"/>
        <source>Delete Article</source>
        <translation>Supprimer l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="202"/>
        <source>Autocode</source>
        <translation>Coder automatiquement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="203"/>
        <source>Tag Concordance Lines</source>
        <translation>Étiqueter des lignes de concordance</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="204"/>
        <source>Edit Article Details</source>
        <translation>Modifier les détails de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="205"/>
        <source>Re-import</source>
        <translation>Réimporter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="206"/>
        <source>Import Project</source>
        <translation>Importer le projet</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="207"/>
        <source>Import Codebook</source>
        <translation>Importer le livre de codes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="221"/>
        <source>&amp;Undo {action}</source>
        <translation>&amp;Annuler&#xa0;: {action}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="225"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="228"/>
        <source>&amp;Redo {action}</source>
        <translation>&amp;Rétablir&#xa0;: {action}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_menus.py" line="232"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="480"/>
        <source>Undone: {label}</source>
        <translation>Annulé&#xa0;: {label}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="483"/>
        <source>Redone: {label}</source>
        <translation>Rétabli&#xa0;: {label}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="551"/>
        <source>About kzreader</source>
        <translation>À propos de kzreader</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/main_window.py" line="553"/>
        <source>&lt;h3&gt;kzreader {version}&lt;/h3&gt;&lt;p&gt;Read, highlight, code, annotate and link news articles — offline.&lt;/p&gt;&lt;p&gt;Library: {path}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;kzreader {version}&lt;/h3&gt;&lt;p&gt;Lire, surligner, coder, annoter et lier des articles de presse — hors ligne.&lt;/p&gt;&lt;p&gt;Bibliothèque&#xa0;: {path}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatrixPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="313"/>
        <source>Tags × outlets</source>
        <extracomment>the table shows new data the passages of a cell are listed (how many)</extracomment>
        <translation>Étiquettes × médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="314"/>
        <source>Passages of each tag in each outlet&apos;s articles</source>
        <translation>Passages de chaque étiquette dans les articles de chaque média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="315"/>
        <source>Tags × tags</source>
        <translation>Étiquettes × étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="317"/>
        <source>How often two tags meet: on one passage, or on two overlapping ones</source>
        <translation>Combien de fois deux étiquettes se rencontrent&#xa0;: sur un même passage, ou sur deux passages qui se chevauchent</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="319"/>
        <source>Export &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="320"/>
        <source>Save the table as a CSV file (UTF-8)</source>
        <translation>Enregistrer le tableau dans un fichier CSV (UTF-8)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="321"/>
        <source>Coding matrix</source>
        <translation>Matrice de codage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="322"/>
        <source>Passages of the chosen cell</source>
        <translation>Passages de la cellule choisie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="323"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="324"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="325"/>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="446"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="325"/>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="446"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="332"/>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="466"/>
        <source>Click a cell to list its passages.</source>
        <translation>Cliquez sur une cellule pour lister ses passages.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="354"/>
        <source>Counting the passages…</source>
        <translation>Décompte des passages…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="380"/>
        <source>The table could not be loaded: {error}</source>
        <translation>Impossible de charger le tableau&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="386"/>
        <source>No coded passage yet: tag passages to fill the table.</source>
        <translation>Aucun passage codé pour l’instant&#xa0;: étiquetez des passages pour remplir le tableau.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="390"/>
        <source>{tags} × {outlets}. Totals count each passage once, whatever its tags.</source>
        <translation>{tags} × {outlets}. Les totaux comptent chaque passage une seule fois, quelles que soient ses étiquettes.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="392"/>
        <source>{n} tag</source>
        <translation>{n} étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="392"/>
        <source>{n} tags</source>
        <translation>{n} étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="394"/>
        <source>{n} outlet</source>
        <translation>{n} média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="394"/>
        <source>{n} outlets</source>
        <translation>{n} médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="400"/>
        <source>The diagonal holds each tag&apos;s passages (sub-tags included).</source>
        <translation>La diagonale donne les passages de chaque étiquette (sous-étiquettes comprises).</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="436"/>
        <source>{a} with {b}</source>
        <translation>{a} avec {b}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="437"/>
        <source>all outlets</source>
        <translation>tous les médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="438"/>
        <source>{tag} in {outlet}</source>
        <translation>{tag} dans {outlet}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="448"/>
        <source>the first {shown} of {count}</source>
        <translation>les {shown} premiers sur {count}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="450"/>
        <source>{cell}: {count} — double-click one to open it</source>
        <translation>{cell}&#xa0;: {count} — double-cliquez sur l’un d’eux pour l’ouvrir</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="454"/>
        <source>{cell}: no passage</source>
        <translation>{cell}&#xa0;: aucun passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="478"/>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="502"/>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="519"/>
        <source>Export the Table</source>
        <translation>Exporter le tableau</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/matrix_panel.py" line="504"/>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="97"/>
        <source>Note</source>
        <extracomment>Longest quote shown at the top, in characters.</extracomment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="98"/>
        <source>“{quote}”</source>
        <translation>«&#xa0;{quote}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="100"/>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="103"/>
        <source>Write the note in Markdown: *emphasis*, **strong**, - lists, [links](https://…)</source>
        <translation>Rédigez la note en Markdown&#xa0;: *italique*, **gras**, - listes, [liens](https://…)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="106"/>
        <source>Note (Markdown)</source>
        <translation>Note (Markdown)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="107"/>
        <source>&amp;Note (Markdown):</source>
        <translation>&amp;Note (Markdown)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="108"/>
        <source>Preview:</source>
        <translation>Aperçu&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="109"/>
        <source>Note preview</source>
        <translation>Aperçu de la note</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="110"/>
        <source>The preview appears here.</source>
        <translation>L’aperçu s’affiche ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="111"/>
        <source>Ctrl+Enter saves. Leave the note empty to remove it.</source>
        <translation>Ctrl+Entrée enregistre. Laissez la note vide pour la supprimer.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="113"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="114"/>
        <source>Save the note (Ctrl+Enter)</source>
        <translation>Enregistrer la note (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="116"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/note_dialog.py" line="117"/>
        <source>Close without changing the note (Escape)</source>
        <translation>Fermer sans modifier la note (Échap)</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="203"/>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="220"/>
        <source>Notes</source>
        <extracomment>Tables whose changes the list shows. The ``NoteInfo`` a row shows. The row&apos;s three lines: what is noted, its article, the note&apos;s first words. each note&apos;s first line (``note_line``), worked out with the list the query the list shows (None until a first load)</extracomment>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="205"/>
        <source>corroborates</source>
        <translation>corrobore</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="206"/>
        <source>contradicts</source>
        <translation>contredit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="207"/>
        <source>repeats</source>
        <translation>reprend</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="208"/>
        <source>responds to</source>
        <translation>répond à</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="209"/>
        <source>same event</source>
        <translation>même événement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="211"/>
        <source>Filter: words of the note, quote or title</source>
        <translation>Filtrer&#xa0;: mots de la note, de la citation ou du titre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="212"/>
        <source>Filter the notes</source>
        <translation>Filtrer les notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="215"/>
        <source>Only the notes whose text, passage or article title holds all these words (any case, any accents)</source>
        <translation>Seulement les notes dont le texte, le passage ou le titre de l’article contient tous ces mots (majuscules et accents indifférents)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="219"/>
        <source>Number of notes</source>
        <translation>Nombre de notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="221"/>
        <source>The chosen note</source>
        <translation>La note choisie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="222"/>
        <source>Choose a note to read it here.</source>
        <translation>Choisissez une note pour la lire ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="224"/>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="239"/>
        <source>Open article</source>
        <translation>Ouvrir l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="224"/>
        <source>Open the article at the passage</source>
        <translation>Ouvrir l’article au passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="227"/>
        <source>Open linked passage</source>
        <translation>Ouvrir le passage lié</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="228"/>
        <source>Open the passage at the link&apos;s other end</source>
        <translation>Ouvrir le passage à l’autre bout du lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="232"/>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="241"/>
        <source>Edit note…</source>
        <translation>Modifier la note…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="233"/>
        <source>Write or change the passage&apos;s note</source>
        <translation>Écrire ou modifier la note du passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="261"/>
        <source>Loading the notes…</source>
        <translation>Chargement des notes…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="277"/>
        <source>The notes could not be listed: {error}</source>
        <translation>Les notes n’ont pas pu être listées&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="299"/>
        <source>{n} note</source>
        <translation>{n} note</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="299"/>
        <source>{n} notes</source>
        <translation>{n} notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="301"/>
        <source>{count} matching “{query}”</source>
        <translation>{count} pour «&#xa0;{query}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="306"/>
        <source>No note matches “{query}”.</source>
        <translation>Aucune note ne correspond à «&#xa0;{query}&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="309"/>
        <source>No note yet. Notes you write on passages and links appear here.

Select a passage in an article and press N to write one.</source>
        <translation>Aucune note pour l’instant. Les notes que vous écrivez sur les passages et les liens apparaissent ici.

Sélectionnez un passage dans un article et appuyez sur N pour en écrire une.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="333"/>
        <source>“{quote}”</source>
        <translation>«&#xa0;{quote}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="335"/>
        <source>“{source}” {arrow} {relation} {arrow} “{target}”</source>
        <translation>«&#xa0;{source}&#xa0;» {arrow} {relation} {arrow} «&#xa0;{target}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="355"/>
        <source>Double-click or press Enter to open the article at the passage</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour ouvrir l’article au passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="370"/>
        <source>Linked to “{title}”</source>
        <translation>Lié à «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/notes_panel.py" line="373"/>
        <source>This passage is orphaned: its text is no longer in the article.</source>
        <translation>Ce passage est orphelin&#xa0;: son texte n’est plus dans l’article.</translation>
    </message>
</context>
<context>
    <name>OrphansPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="53"/>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="63"/>
        <source>Orphaned passages</source>
        <extracomment>(document id, start, end) of the reader&apos;s selection, in code points</extracomment>
        <translation>Passages orphelins</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="61"/>
        <source>Number of orphaned passages</source>
        <extracomment>Set by the main window: the reader&apos;s selection, or None.</extracomment>
        <translation>Nombre de passages orphelins</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="71"/>
        <source>No orphaned passages: every passage is anchored in its article&apos;s text.</source>
        <translation>Aucun passage orphelin&#xa0;: chaque passage est ancré dans le texte de son article.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="80"/>
        <source>Open article</source>
        <translation>Ouvrir l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="81"/>
        <source>Open the orphan&apos;s article in the reader</source>
        <translation>Ouvrir l’article de l’orphelin dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="82"/>
        <source>Re-attach to selection</source>
        <translation>Rattacher à la sélection</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="84"/>
        <source>Anchor the orphan to the text selected in the reader</source>
        <translation>Ancrer l’orphelin au texte sélectionné dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="86"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="87"/>
        <source>Delete the orphaned passage</source>
        <translation>Supprimer le passage orphelin</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="126"/>
        <source>The orphans could not be listed: {error}</source>
        <translation>Impossible de lister les orphelins&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="148"/>
        <source>{n} orphaned passage: its text is no longer in its article.</source>
        <translation>{n} passage orphelin&#xa0;: son texte ne figure plus dans son article.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="149"/>
        <source>{n} orphaned passages: their text is no longer in their article.</source>
        <translation>{n} passages orphelins&#xa0;: leur texte ne figure plus dans leur article.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="198"/>
        <source>Select the passage&apos;s new text in the reader first: open its article (“{title}”), select the text, then press Re-attach to selection.</source>
        <translation>Sélectionnez d’abord le nouveau texte du passage dans le lecteur&#xa0;: ouvrez son article («&#xa0;{title}&#xa0;»), sélectionnez le texte, puis cliquez sur Rattacher à la sélection.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="207"/>
        <source>The selection is in another article. Open “{title}” and select the passage&apos;s new text there.</source>
        <translation>La sélection se trouve dans un autre article. Ouvrez «&#xa0;{title}&#xa0;» et sélectionnez-y le nouveau texte du passage.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="219"/>
        <source>{n} link</source>
        <translation>{n} lien</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="219"/>
        <source>{n} links</source>
        <translation>{n} liens</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="222"/>
        <source>Delete the orphaned passage “{quote}” with its tags and note?

{links} to other passages will be removed too.</source>
        <translation>Supprimer le passage orphelin «&#xa0;{quote}&#xa0;» avec ses étiquettes et sa note&#xa0;?

Ses liens vers d’autres passages ({links}) seront aussi supprimés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="226"/>
        <source>Delete the orphaned passage “{quote}” with its tags and note?</source>
        <translation>Supprimer le passage orphelin «&#xa0;{quote}&#xa0;» avec ses étiquettes et sa note&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/orphans_panel.py" line="228"/>
        <source>Delete passage</source>
        <translation>Supprimer le passage</translation>
    </message>
</context>
<context>
    <name>PassageDelegate</name>
    <message>
        <location filename="../../kzreader/gui/panels/passage_item.py" line="321"/>
        <source>orphan</source>
        <extracomment>the item&apos;s style option (its fonts, state and palette) the item&apos;s rectangle less the padding the text colour for the item&apos;s state (selected or not) the same, faded, for the secondary lines tag path → colour, for the chips and the colour bar</extracomment>
        <translation>orphelin</translation>
    </message>
</context>
<context>
    <name>PassageItem</name>
    <message>
        <location filename="../../kzreader/gui/panels/passage_item.py" line="111"/>
        <source>&lt;p&gt;Tags: {tags}&lt;/p&gt;</source>
        <extracomment>The ``PassageInfo`` a row shows. What a row stands for: ``passage``, ``document`` or ``link``. The row&apos;s target: a document id, or ``(document id, passage id)`` for a link.</extracomment>
        <translation>&lt;p&gt;Étiquettes&#xa0;: {tags}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/passage_item.py" line="117"/>
        <source>&lt;p&gt;&lt;b&gt;Orphan:&lt;/b&gt; its text is no longer in the article. Re-attach it from the Orphans panel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Orphelin&#xa0;:&lt;/b&gt; son texte ne figure plus dans l’article. Rattachez-le depuis le panneau Orphelins.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="79"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="83"/>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="90"/>
        <source>Follow the system</source>
        <translation>Selon le système</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="91"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="92"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="97"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="98"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="99"/>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="100"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="103"/>
        <source>Language and theme changes apply as soon as you press OK. “System default” follows the language of your computer.</source>
        <translation>Les changements de langue et de thème s’appliquent dès que vous cliquez sur OK. «&#xa0;Langue du système&#xa0;» suit la langue de votre ordinateur.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="108"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="109"/>
        <source>Save and apply the preferences (Enter)</source>
        <translation>Enregistrer et appliquer les préférences (Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="111"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/preferences_dialog.py" line="112"/>
        <source>Close without changing anything (Escape)</source>
        <translation>Fermer sans rien modifier (Échap)</translation>
    </message>
</context>
<context>
    <name>ProjectImportDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="56"/>
        <source>Importing a Codebook</source>
        <extracomment>the import is done: the core&apos;s report the import failed, nothing was imported: the message to show</extracomment>
        <translation>Importation d’un livre de codes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="56"/>
        <source>Importing a Project</source>
        <translation>Importation d’un projet</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="58"/>
        <source>Importing {name}…</source>
        <translation>Importation de {name}…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="66"/>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="68"/>
        <source>Notes on the import:</source>
        <translation>Remarques sur l’importation&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="70"/>
        <source>Notes on the import</source>
        <translation>Remarques sur l’importation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="77"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="106"/>
        <source>An import cannot be stopped: it is brought in whole or not at all</source>
        <translation>Une importation ne peut pas être interrompue&#xa0;: elle entre en entier ou pas du tout</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="126"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="126"/>
        <source>Storing</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="131"/>
        <source>{step}: {item}</source>
        <translation>{step}&#xa0;: {item}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="149"/>
        <source>{name} could not be imported: {error}. Nothing was imported.</source>
        <translation>{name} n’a pas pu être importé&#xa0;: {error}. Rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="161"/>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="177"/>
        <source>New articles</source>
        <translation>Nouveaux articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="162"/>
        <source>Articles already in the library</source>
        <translation>Articles déjà dans la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="163"/>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="177"/>
        <source>New passages</source>
        <translation>Nouveaux passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="164"/>
        <source>Passages joined to existing ones</source>
        <translation>Passages réunis à des passages existants</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="167"/>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="177"/>
        <source>New tags</source>
        <translation>Nouvelles étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="168"/>
        <source>Tags already in the library</source>
        <translation>Étiquettes déjà dans la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="169"/>
        <source>Tag descriptions added</source>
        <translation>Descriptions d’étiquettes ajoutées</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="173"/>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="174"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="175"/>
        <source>Article attributes</source>
        <translation>Attributs d’articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="183"/>
        <source>Project Imported</source>
        <translation>Projet importé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="183"/>
        <source>Codebook Imported</source>
        <translation>Livre de codes importé</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="185"/>
        <source>Imported {name}.</source>
        <translation>{name} importé.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="200"/>
        <source>Edit → Undo ({key}) takes the whole import back.</source>
        <translation>Édition → Annuler ({key}) retire toute l’importation.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/project_import_dialog.py" line="210"/>
        <source>{what}: {n}</source>
        <translation>{what}&#xa0;: {n}</translation>
    </message>
</context>
<context>
    <name>ReaderHeader</name>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="67"/>
        <source>Article title</source>
        <extracomment>The link of the header&apos;s edit action. the user asked to edit the article&apos;s details</extracomment>
        <translation>Titre de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="68"/>
        <source>Article details</source>
        <translation>Détails de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="79"/>
        <source>add the outlet</source>
        <translation>ajouter le média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="83"/>
        <source>add the date</source>
        <translation>ajouter la date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="87"/>
        <source>{n} passage(s)</source>
        <translation>{n} passage(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="91"/>
        <source>Edit details…</source>
        <translation>Modifier les détails…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_header.py" line="99"/>
        <source>Title, outlet, date and attributes: Library ▸ Article Details…</source>
        <translation>Titre, média, date et attributs&#xa0;: Bibliothèque ▸ Détails de l’article…</translation>
    </message>
</context>
<context>
    <name>ReaderMargin</name>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="146"/>
        <source>Coding margin</source>
        <extracomment>The margin&apos;s width, and its columns from the left: reuse marks, link markers, then the coding stripes up to the text. How far from a drawn item a click or a hover still finds it. a reuse mark was clicked (its ``core.reuse.Alignment``) the reuse marks of the article shown were loaded (how many)</extracomment>
        <translation>Marge de codage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="368"/>
        <source>{n} passage(s)</source>
        <translation>{n} passage(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="375"/>
        <source>{n} link(s)</source>
        <translation>{n} lien(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="384"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="386"/>
        <source>{words} words · {similarity} %</source>
        <translation>{words} mots · {similarity}&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="389"/>
        <source>Click to compare the two articles side by side</source>
        <translation>Cliquez pour comparer les deux articles côte à côte</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader_margin.py" line="390"/>
        <source>Also in {outlet}</source>
        <translation>Également dans {outlet}</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../kzreader/gui/reader.py" line="103"/>
        <source>Article text</source>
        <extracomment>What rebuilding the document costs per character, against laying one out again (measured: about 0.08 against 0.7 µs). The text&apos;s size in points at first, and the smallest and largest allowed. The text column&apos;s widest extent in pixels, by name (``full``: the whole window); the rest of the width is left as margins on both sides. a passage was clicked (id) the selection changed: (start, end) in code points, (0, 0) when empty a reuse mark of the margin was clicked (a ``core.reuse.Alignment``)</extracomment>
        <translation>Texte de l’article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader.py" line="568"/>
        <source>No tag</source>
        <extracomment>where sentences are glued (code points), from ``core.glue`` actions offered in the context menu (set by the main window)</extracomment>
        <translation>Aucune étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader.py" line="580"/>
        <source>{n} link(s)</source>
        <translation>{n} lien(s)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/reader.py" line="593"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="85"/>
        <source>Link passages</source>
        <translation>Lier des passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="93"/>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="94"/>
        <source>Choose a relation or type your own</source>
        <translation>Choisissez une relation ou saisissez la vôtre</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="97"/>
        <source>The later passage is linked to the earlier one; both become passages of their articles.</source>
        <translation>Le passage postérieur est lié au passage antérieur&#xa0;; les deux deviennent des passages de leurs articles.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="104"/>
        <source>&amp;Relation:</source>
        <translation>&amp;Relation&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="110"/>
        <source>&amp;Link</source>
        <translation>&amp;Lier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="111"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="127"/>
        <source>repeats</source>
        <translation>reprend</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="128"/>
        <source>corroborates</source>
        <translation>corrobore</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="129"/>
        <source>contradicts</source>
        <translation>contredit</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="130"/>
        <source>responds to</source>
        <translation>répond à</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/compare_dialog.py" line="131"/>
        <source>same event</source>
        <translation>même événement</translation>
    </message>
</context>
<context>
    <name>ReusePanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="205"/>
        <source>Across outlets</source>
        <extracomment>Tables whose changes make the stored results out of date. pairs a shared passage&apos;s context menu offers to compare, at most more articles to analyse than this and detection waits for Detect (a full run takes about 2 s a thousand articles, more as the library grows) the pairs list was filled: the number of pairs shown the quotations list was filled: the number of quotations shown a pair was chosen for comparison (a ``ReuseRow``) what the lists show (the outlet filter applied) detecting, then listing: only the latest hands its result back</extracomment>
        <translation>Entre médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="206"/>
        <source>Within an outlet</source>
        <translation>Au sein d’un média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="207"/>
        <source>All pairs</source>
        <translation>Toutes les paires</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="212"/>
        <source>Across outlets: one outlet taking up another&apos;s text. Within an outlet: an outlet repeating itself.</source>
        <translation>Entre médias&#xa0;: un média reprend le texte d’un autre. Au sein d’un média&#xa0;: un média se répète.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="216"/>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="217"/>
        <source>at &amp;least</source>
        <translation>au &amp;moins</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="218"/>
        <source> words</source>
        <translation> mots</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="219"/>
        <source>The fewest words a reused passage must share</source>
        <translation>Le nombre minimal de mots qu’un passage repris doit partager</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="220"/>
        <source>&amp;Outlet:</source>
        <translation>M&amp;édia&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="221"/>
        <source>Show only what involves this outlet</source>
        <translation>N’afficher que ce qui concerne ce média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="223"/>
        <source>Pairs</source>
        <translation>Paires</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="224"/>
        <source>Passages two articles share</source>
        <translation>Passages communs à deux articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="225"/>
        <source>Shared by 3+</source>
        <translation>Communs à 3+</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="226"/>
        <source>Passages three articles or more share</source>
        <translation>Passages communs à trois articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="227"/>
        <source>Quotations</source>
        <translation>Citations</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="229"/>
        <source>Quotations several articles carry, with where they appeared first</source>
        <translation>Citations reprises par plusieurs articles, avec l’endroit où elles sont apparues en premier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="231"/>
        <source>&amp;Detect</source>
        <translation>&amp;Détecter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="234"/>
        <source>Look for reused passages in the articles imported or changed since the last run</source>
        <translation>Chercher les passages repris dans les articles importés ou modifiés depuis la dernière analyse</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="237"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="238"/>
        <source>Stop the detection; nothing is stored</source>
        <translation>Arrêter la détection&#xa0;; rien n’est enregistré</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="239"/>
        <source>Reused passages</source>
        <translation>Passages repris</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="241"/>
        <source>Double-click or press Enter to compare the two articles side by side</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour comparer les deux articles côte à côte</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="243"/>
        <source>Passages shared by three articles or more</source>
        <translation>Passages communs à trois articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="246"/>
        <source>Double-click or press Enter to compare the first appearance with another article; right-click for the others</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour comparer la première apparition avec un autre article&#xa0;; clic droit pour les autres</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="250"/>
        <source>Shared quotations</source>
        <translation>Citations communes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="252"/>
        <source>Double-click or press Enter to open the first appearance in the reader</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour ouvrir la première apparition dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="254"/>
        <source>Reuse detection status</source>
        <translation>État de la détection des reprises</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="256"/>
        <source>Passages that articles share appear here after detection.</source>
        <translation>Les passages que des articles ont en commun s’affichent ici après la détection.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="399"/>
        <source>Reading the quotations failed: {error}</source>
        <translation>La lecture des citations a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="419"/>
        <source>Any outlet</source>
        <translation>Tous les médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="421"/>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="552"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="446"/>
        <source>Reading the quotations…</source>
        <translation>Lecture des citations…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="448"/>
        <source>No quotation appears in two articles or more.</source>
        <translation>Aucune citation ne figure dans deux articles ou plus.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="452"/>
        <source>{n} quotation in two articles or more</source>
        <translation>{n} citation présente dans deux articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="453"/>
        <source>{n} quotations in two articles or more</source>
        <translation>{n} citations présentes dans deux articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="456"/>
        <source>No passage of {n} words or more is shared by three articles.</source>
        <translation>Aucun passage de {n} mots ou plus n’est commun à trois articles.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="479"/>
        <source>({n} articles not analysed yet: Detect analyses them, which can take minutes)</source>
        <translation>({n} articles pas encore analysés&#xa0;: Détecter les analyse, ce qui peut prendre des minutes)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="552"/>
        <source>no date</source>
        <translation>sans date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="565"/>
        <source>Compare {a} ({date_a}) with {b} ({date_b})</source>
        <translation>Comparer {a} ({date_a}) avec {b} ({date_b})</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="576"/>
        <source>Open in {outlet} ({date})</source>
        <translation>Ouvrir l’article de {outlet} ({date})</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="309"/>
        <source>Looking for reused passages…</source>
        <translation>Recherche des passages repris…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="318"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="328"/>
        <source>Looking for reused passages… {done} of {total} articles</source>
        <translation>Recherche des passages repris… {done} articles sur {total}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="338"/>
        <source>Detection cancelled: nothing was stored.</source>
        <translation>Détection annulée&#xa0;: rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="353"/>
        <source>Reuse detection failed: {error}</source>
        <translation>La détection des reprises a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="460"/>
        <source>No reused passage of {n} words or more.</source>
        <translation>Aucun passage repris de {n} mots ou plus.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="465"/>
        <source>{n} passage pair</source>
        <translation>{n} paire de passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="465"/>
        <source>{n} passage pairs</source>
        <translation>{n} paires de passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="470"/>
        <source>{n} passage shared by three articles or more</source>
        <translation>{n} passage commun à trois articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="471"/>
        <source>{n} passages shared by three articles or more</source>
        <translation>{n} passages communs à trois articles ou plus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="474"/>
        <source>({n} articles not analysed: the library is read-only)</source>
        <translation>({n} articles non analysés&#xa0;: la bibliothèque est en lecture seule)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="555"/>
        <source>&amp;Compare Side by Side</source>
        <translation>&amp;Comparer côte à côte</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_panel.py" line="559"/>
        <source>Open the {outlet} Article</source>
        <translation>Ouvrir l’article de {outlet}</translation>
    </message>
</context>
<context>
    <name>ReuseTexts</name>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="32"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="50"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="60"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="73"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="93"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="32"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="50"/>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="93"/>
        <source>no date</source>
        <translation>sans date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="36"/>
        <source>{outlet} first</source>
        <translation>{outlet} en premier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="37"/>
        <source>same day</source>
        <translation>même jour</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="38"/>
        <source>order unknown</source>
        <translation>ordre inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="40"/>
        <source>{date_a} · {date_b} · {words} words · {similarity} % · {order}</source>
        <translation>{date_a} · {date_b} · {words} mots · {similarity}&#xa0;% · {order}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="52"/>
        <source>first in {outlet} on {date}</source>
        <translation>d’abord dans {outlet}, le {date}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="56"/>
        <source>first appearance: several on the same day</source>
        <translation>première apparition&#xa0;: plusieurs le même jour</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="57"/>
        <source>first appearance unknown (dates missing)</source>
        <translation>première apparition inconnue (dates manquantes)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="66"/>
        <source>{articles} articles · up to {words} words · {first}</source>
        <translation>{articles} articles · jusqu’à {words} mots · {first}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="77"/>
        <source>Quoted by {n} articles: {outlets}</source>
        <translation>Citée par {n} articles&#xa0;: {outlets}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="83"/>
        <source>wording changed by {outlets}</source>
        <translation>formulation modifiée par {outlets}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/reuse_texts.py" line="88"/>
        <source>same wording everywhere</source>
        <translation>même formulation partout</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="288"/>
        <source>Search: securite, &quot;maintien de la paix&quot;, Tokayev~, source:RT, date:2022-01</source>
        <extracomment>Tables whose changes the results show: the articles&apos; texts and details. all the hits of the query, fetched or not asks for the next page (the view calls ``fetchMore`` at the list&apos;s end) shown when a hit has neither outlet nor date (set by the panel, translated) results arrived: the number of hits shown a query could not be run: the message shown the query the user asked to search every article for, however long</extracomment>
        <translation>Rechercher&#xa0;: securite, &quot;maintien de la paix&quot;, Tokayev~, source:RT, date:2022-01</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="292"/>
        <source>Accents and case are ignored. Use &quot;quotes&quot; for a phrase, AND/OR/NOT, word* for a prefix, word~ for close spellings, and the fields title:, source:, lang:, date:2022-01 or date:2022-01-01..2022-01-15.</source>
        <translation>Les accents et la casse sont ignorés. Utilisez des &quot;guillemets&quot; pour une expression, AND/OR/NOT, mot* pour un préfixe, mot~ pour les orthographes proches, et les champs title:, source:, lang:, date:2022-01 ou date:2022-01-01..2022-01-15.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="297"/>
        <source>Search the library</source>
        <translation>Rechercher dans la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="298"/>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="299"/>
        <source>Outlet and date unknown</source>
        <translation>Média et date inconnus</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="300"/>
        <source>Search status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="301"/>
        <source>Search every article</source>
        <translation>Chercher dans tous les articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="302"/>
        <source>Rank every matching article, however long it takes.</source>
        <translation>Classer tous les articles qui correspondent, quel que soit le temps nécessaire.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="304"/>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="468"/>
        <source>Type to search every article.</source>
        <translation>Tapez pour rechercher dans tous les articles.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="384"/>
        <source>Searching every article…</source>
        <translation>Recherche dans tous les articles…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="439"/>
        <source>The best {n} of the {reached} matching articles found in {seconds:g} s. The search stopped there: more articles may match.</source>
        <translation>Les {n} meilleurs des {reached} articles trouvés en {seconds:g} s. La recherche s’est arrêtée là : d’autres articles peuvent correspondre.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="446"/>
        <source>No article matches</source>
        <translation>Aucun article ne correspond</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="448"/>
        <source>{n} of {total} articles</source>
        <translation>{n} articles sur {total}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="450"/>
        <source>1 article</source>
        <translation>1 article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="452"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/search_panel.py" line="457"/>
        <source>The search failed: {error}</source>
        <translation>La recherche a échoué&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="116"/>
        <source>Tag passage</source>
        <translation>Étiqueter le passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="117"/>
        <source>&amp;Tag (levels separated by “/”, e.g. Acteurs/OTSC):</source>
        <translation>É&amp;tiquette (niveaux séparés par «&#xa0;/&#xa0;», p. ex. Acteurs/OTSC)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="118"/>
        <source>Type to find a tag or name a new one</source>
        <translation>Tapez pour trouver une étiquette ou en nommer une nouvelle</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="119"/>
        <source>Tag path</source>
        <translation>Chemin de l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="120"/>
        <source>&amp;Recent and existing tags:</source>
        <translation>Étiquettes &amp;récentes et existantes&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="121"/>
        <source>Recent and existing tags</source>
        <translation>Étiquettes récentes et existantes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="123"/>
        <source>&amp;Tag</source>
        <translation>Éti&amp;queter</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="124"/>
        <source>Tag the passage with this path (Enter)</source>
        <translation>Étiqueter le passage avec ce chemin (Entrée)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="126"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="127"/>
        <source>Close without tagging (Escape)</source>
        <translation>Fermer sans étiqueter (Échap)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="179"/>
        <source>{path}  ({n})</source>
        <translation>{path}  ({n})</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="182"/>
        <source>{path}: {n} passages</source>
        <translation>{path}&#xa0;: {n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="188"/>
        <source>{path}: {n} passages, used recently</source>
        <translation>{path}&#xa0;: {n} passages, utilisée récemment</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="214"/>
        <source>Choose a tag below or type a path.</source>
        <translation>Choisissez une étiquette ci-dessous ou saisissez un chemin.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="216"/>
        <source>A tag path cannot start or end with “/”.</source>
        <translation>Le chemin d’une étiquette ne peut pas commencer ni finir par «&#xa0;/&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="218"/>
        <source>Every level needs a name: remove the empty level (“//”).</source>
        <translation>Chaque niveau doit avoir un nom&#xa0;: supprimez le niveau vide («&#xa0;//&#xa0;»).</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="222"/>
        <source>The passage already has the tag “{path}”.</source>
        <translation>Le passage porte déjà l’étiquette «&#xa0;{path}&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="226"/>
        <source>Existing tag, on {n} passages.</source>
        <translation>Étiquette existante, sur {n} passages.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="231"/>
        <source>Will create a new tag “{path}” (“{other}” differs only in case).</source>
        <translation>Créera une nouvelle étiquette «&#xa0;{path}&#xa0;» («&#xa0;{other}&#xa0;» ne diffère que par la casse).</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/dialogs/tag_dialog.py" line="234"/>
        <source>Will create a new tag “{path}”.</source>
        <translation>Créera une nouvelle étiquette «&#xa0;{path}&#xa0;».</translation>
    </message>
</context>
<context>
    <name>TagPassagesPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="81"/>
        <source>Selected tag</source>
        <extracomment>Passages read at a time: a tag of the whole library may hold 100,000. The counts start this long after their page is shown. Their worker shares the interpreter&apos;s lock with the GUI thread, which is laying the page&apos;s 200 passages out: started at once, a tag click at 100,000 articles held the GUI thread 41-63 ms, 25-44 ms with the counts 80 ms later (benchmarks/gui_stall.py). the shown passages and their articles, counted after the first page the counts asked for the page shown, to start once it is painted (None: none waiting; another request, or a reload, replaces it) how many passages match in all (None: being counted) the filter and query of the page being read or shown</extracomment>
        <translation>Étiquette sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="82"/>
        <source>Include sub-tags</source>
        <translation>Inclure les sous-étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="83"/>
        <source>Also list the passages tagged with a sub-tag</source>
        <translation>Lister aussi les passages portant une sous-étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="89"/>
        <source>Filter: words, &quot;a phrase&quot;, note:word, status:moved</source>
        <translation>Filtrer&#xa0;: mots, &quot;une expression&quot;, note:mot, status:moved</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="90"/>
        <source>Passage query</source>
        <translation>Requête sur les passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="93"/>
        <source>Only the passages whose text or note has these words; with no tag chosen, every passage of the library is searched</source>
        <translation>Seulement les passages dont le texte ou la note contient ces mots&#xa0;; si aucune étiquette n’est choisie, la recherche porte sur tous les passages de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="104"/>
        <source>Passages of the tag</source>
        <translation>Passages de l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="137"/>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="174"/>
        <source>Select a tag to see its passages across all articles.</source>
        <translation>Sélectionnez une étiquette pour voir ses passages dans tous les articles.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="138"/>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="173"/>
        <source>No tag selected</source>
        <translation>Aucune étiquette sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="179"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt; — loading…</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt; — chargement…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="196"/>
        <source>Loading more passages…</source>
        <translation>Lecture des passages suivants…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="212"/>
        <source>The tag “{tag}” no longer exists.</source>
        <translation>L’étiquette «&#xa0;{tag}&#xa0;» n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="214"/>
        <source>The query cannot be read: {error}</source>
        <translation>Impossible de lire la requête&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="216"/>
        <source>The passages could not be loaded: {error}</source>
        <translation>Impossible de charger les passages&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="227"/>
        <source>“{query}”</source>
        <translation>«&#xa0;{query}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="231"/>
        <source>Passages matching {query}</source>
        <translation>Passages correspondant à {query}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="258"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt; — counting passages…</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt; — passages en cours de décompte…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="260"/>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="294"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="260"/>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="294"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="262"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt; — {passages}, counting articles…</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt; — {passages}, articles en cours de décompte…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="265"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="265"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="267"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt; — {passages} in {articles}</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt; — {passages} dans {articles}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="243"/>
        <source>No passage matches “{query}”.</source>
        <translation>Aucun passage ne correspond à «&#xa0;{query}&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="246"/>
        <source>No passage is tagged “{tag}” yet. Select text in an article and tag it to collect it here.</source>
        <translation>Aucun passage ne porte encore l’étiquette «&#xa0;{tag}&#xa0;». Sélectionnez du texte dans un article et étiquetez-le pour le retrouver ici.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="292"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="295"/>
        <source>&lt;b&gt;{tag}&lt;/b&gt; — {passages}</source>
        <translation>&lt;b&gt;{tag}&lt;/b&gt; — {passages}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="305"/>
        <source>Show more passages…</source>
        <translation>Afficher d’autres passages…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="352"/>
        <source>{title} ({n})</source>
        <translation>{title} ({n})</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="310"/>
        <source>Show {n} more passage…</source>
        <translation>Afficher {n} passage de plus…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="310"/>
        <source>Show {n} more passages…</source>
        <translation>Afficher {n} passages de plus…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tag_passages_panel.py" line="361"/>
        <source>Read the next passages of the list</source>
        <translation>Lire les passages suivants de la liste</translation>
    </message>
</context>
<context>
    <name>TagsPanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="84"/>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="98"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="113"/>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="115"/>
        <source>Find a tag</source>
        <translation>Trouver une étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="118"/>
        <source>New tag…</source>
        <translation>Nouvelle étiquette…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="119"/>
        <source>Create a tag under the selected one</source>
        <translation>Créer une étiquette sous celle sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="120"/>
        <source>New top-level tag…</source>
        <translation>Nouvelle étiquette de premier niveau…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="121"/>
        <source>Create a tag at the top of the tree</source>
        <translation>Créer une étiquette au sommet de l’arborescence</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="122"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="123"/>
        <source>Rename the selected tag</source>
        <translation>Renommer l’étiquette sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="124"/>
        <source>Change colour…</source>
        <translation>Changer la couleur…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="125"/>
        <source>Change the colour of the selected tag</source>
        <translation>Changer la couleur de l’étiquette sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="126"/>
        <source>Edit description…</source>
        <translation>Modifier la description…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="127"/>
        <source>Describe when to apply the selected tag</source>
        <translation>Décrire quand appliquer l’étiquette sélectionnée</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="128"/>
        <source>Merge into…</source>
        <translation>Fusionner dans…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="129"/>
        <source>Move the selected tag&apos;s passages to another tag and remove it</source>
        <translation>Déplacer les passages de l’étiquette sélectionnée vers une autre étiquette, puis la supprimer</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="130"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="131"/>
        <source>Delete the selected tag; its passages stay</source>
        <translation>Supprimer l’étiquette sélectionnée&#xa0;; ses passages sont conservés</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="147"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="148"/>
        <source>Rename, recolour, describe, merge or delete the tag</source>
        <translation>Renommer, recolorer, décrire, fusionner ou supprimer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="149"/>
        <source>Edit tag</source>
        <translation>Modifier l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="192"/>
        <source>{path}
{own} tagged with it directly, {total} with its sub-tags</source>
        <translation>{path}
{own} passage(s) portant directement cette étiquette, {total} en comptant ses sous-étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="293"/>
        <source>Name of the new tag under “{parent}”:</source>
        <translation>Nom de la nouvelle étiquette sous «&#xa0;{parent}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="295"/>
        <source>Name of the new tag:</source>
        <translation>Nom de la nouvelle étiquette&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="296"/>
        <source>New tag</source>
        <translation>Nouvelle étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="311"/>
        <source>Rename tag</source>
        <translation>Renommer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="311"/>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="322"/>
        <source>Tag colour</source>
        <translation>Couleur de l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="330"/>
        <source>Description of “{path}” (when to apply it):</source>
        <translation>Description de «&#xa0;{path}&#xa0;» (quand l’appliquer)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="332"/>
        <source>Edit description</source>
        <translation>Modifier la description</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="344"/>
        <source>There is no other tag to merge “{path}” into.</source>
        <translation>Il n’y a aucune autre étiquette dans laquelle fusionner «&#xa0;{path}&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="347"/>
        <source>Merge “{path}” into:</source>
        <translation>Fusionner «&#xa0;{path}&#xa0;» dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="348"/>
        <source>Merge tags</source>
        <translation>Fusionner des étiquettes</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="359"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="359"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="362"/>
        <source>Delete the tag “{path}” and its {subs} sub-tags?

{untagged} will lose these tags; the passages themselves stay.</source>
        <translation>Supprimer l’étiquette «&#xa0;{path}&#xa0;» et ses {subs} sous-étiquettes&#xa0;?

Ces étiquettes seront retirées de {untagged}&#xa0;; les passages eux-mêmes sont conservés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="367"/>
        <source>Delete the tag “{path}”?

{untagged} will lose this tag; the passages themselves stay.</source>
        <translation>Supprimer l’étiquette «&#xa0;{path}&#xa0;»&#xa0;?

Cette étiquette sera retirée de {untagged}&#xa0;; les passages eux-mêmes sont conservés.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="370"/>
        <source>Delete tag</source>
        <translation>Supprimer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/tags_panel.py" line="378"/>
        <source>“{path}” cannot go under itself or one of its sub-tags.</source>
        <translation>«&#xa0;{path}&#xa0;» ne peut pas être placée sous elle-même ni sous une de ses sous-étiquettes.</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="171"/>
        <source>{n} other outlets</source>
        <extracomment>Outlet colours, in the order outlets get them (most articles first): mid-tone hues that read on the light and on the dark theme&apos;s background. The series key of the outlets beyond the palette, drawn together. the outlets drawn as this series (several for &quot;other outlets&quot;) a ``ChartHit`` the user clicked buckets (ISO dates) drawn as each bar</extracomment>
        <translation>{n} autres médias</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="173"/>
        <location filename="../../kzreader/gui/chart_widgets.py" line="444"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="189"/>
        <source>{first} to {last}</source>
        <translation>du {first} au {last}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="190"/>
        <source>week of {date}</source>
        <translation>semaine du {date}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="195"/>
        <source>{n} undated</source>
        <translation>{n} sans date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="435"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="435"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="437"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="437"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="440"/>
        <source>Not on the timeline: no date to the day</source>
        <translation>Hors de la chronologie&#xa0;: pas de date au jour près</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="446"/>
        <location filename="../../kzreader/gui/chart_widgets.py" line="452"/>
        <source>Click to list these articles</source>
        <translation>Cliquez pour lister ces articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/chart_widgets.py" line="457"/>
        <source>{outlet}, {period}: {count}
All outlets: {total}</source>
        <translation>{outlet}, {period}&#xa0;: {count}
Tous les médias&#xa0;: {total}</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="109"/>
        <source>&amp;Show:</source>
        <extracomment>Tables whose changes the timeline shows. show these articles in the library list: (document ids, what they are) the chart shows a new timeline</extracomment>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="110"/>
        <source>Count every article, or the passages of a tag</source>
        <translation>Compter tous les articles, ou les passages d’une étiquette</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="111"/>
        <source>What the timeline counts</source>
        <translation>Ce que compte la chronologie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="114"/>
        <source>All articles</source>
        <translation>Tous les articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="117"/>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="183"/>
        <source>Passages tagged {tag}</source>
        <translation>Passages étiquetés {tag}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="118"/>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="119"/>
        <source>One bar per day</source>
        <translation>Une barre par jour</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="120"/>
        <source>Weeks</source>
        <translation>Semaines</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="121"/>
        <source>One bar per week, Monday to Sunday</source>
        <translation>Une barre par semaine, du lundi au dimanche</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="122"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="123"/>
        <source>Save the chart as a PNG or SVG image</source>
        <translation>Enregistrer le graphique en image PNG ou SVG</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="124"/>
        <source>Timeline of the articles by outlet</source>
        <translation>Chronologie des articles par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="126"/>
        <source>Timeline summary</source>
        <translation>Résumé de la chronologie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="170"/>
        <source>The timeline could not be loaded: {error}</source>
        <translation>Impossible de charger la chronologie&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="204"/>
        <source>Articles per week, by outlet</source>
        <translation>Articles par semaine, par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="206"/>
        <source>Articles per day, by outlet</source>
        <translation>Articles par jour, par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="209"/>
        <source>Passages tagged {tag} per week, by outlet</source>
        <translation>Passages étiquetés {tag} par semaine, par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="211"/>
        <source>Passages tagged {tag} per day, by outlet</source>
        <translation>Passages étiquetés {tag} par jour, par média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="218"/>
        <source>No article has a date yet.</source>
        <translation>Aucun article n’a encore de date.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="220"/>
        <source>No passage tagged {tag} is in a dated article.</source>
        <translation>Aucun passage étiqueté {tag} ne se trouve dans un article daté.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="230"/>
        <source>{n} article</source>
        <translation>{n} article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="230"/>
        <source>{n} articles</source>
        <translation>{n} articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="232"/>
        <source>{n} passage</source>
        <translation>{n} passage</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="232"/>
        <source>{n} passages</source>
        <translation>{n} passages</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="237"/>
        <source>{count} from {first} to {last}</source>
        <translation>{count} du {first} au {last}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="243"/>
        <source>{n} undated</source>
        <translation>{n} sans date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="247"/>
        <source>({n} dated to the month or year only)</source>
        <translation>({n} avec une date au mois ou à l’année seulement)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="253"/>
        <source>click a bar to list its articles</source>
        <translation>cliquez sur une barre pour lister ses articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="260"/>
        <source>unknown outlet</source>
        <translation>média inconnu</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="273"/>
        <source>undated</source>
        <translation>sans date</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="282"/>
        <source>{outlet}, {period}</source>
        <translation>{outlet}, {period}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="289"/>
        <source>{tag}: {what}</source>
        <translation>{tag}&#xa0;: {what}</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="303"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="303"/>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="307"/>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="347"/>
        <source>Export the Timeline</source>
        <translation>Exporter la chronologie</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="335"/>
        <source>Save the chart as a .png or .svg file.</source>
        <translation>Enregistrez le graphique dans un fichier .png ou .svg.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="339"/>
        <location filename="../../kzreader/gui/panels/timeline_panel.py" line="341"/>
        <source>{name} could not be written</source>
        <translation>Impossible d’écrire {name}</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="51"/>
        <source>Import Articles</source>
        <extracomment>the report of the last import of articles (None until one ends)</extracomment>
        <translation>Importer des articles</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="53"/>
        <source>Articles (*.txt *.md *.html *.htm *.pdf *.docx *.rtf);;All files (*)</source>
        <translation>Articles (*.txt *.md *.html *.htm *.pdf *.docx *.rtf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="60"/>
        <source>Import a Folder</source>
        <translation>Importer un dossier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="68"/>
        <source>Import a Folder of One Outlet</source>
        <translation>Importer un dossier d’un seul média</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="75"/>
        <source>Outlet of the Folder</source>
        <translation>Média du dossier</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="76"/>
        <source>Every article of {folder} comes from:</source>
        <translation>Tous les articles de {folder} viennent de&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="139"/>
        <source>Import a Project</source>
        <translation>Importer un projet</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="142"/>
        <source>REFI-QDA projects and codebooks (*.qdpx *.qdc);;REFI-QDA projects (*.qdpx);;REFI-QDA codebooks (*.qdc);;All files (*)</source>
        <translation>Projets et livres de codes REFI-QDA (*.qdpx *.qdc);;Projets REFI-QDA (*.qdpx);;Livres de codes REFI-QDA (*.qdc);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="176"/>
        <source>Imported {name}. Undo takes it back.</source>
        <translation>{name} a été importé. Annuler le retire en entier.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="214"/>
        <source>Rebuilding the search index…</source>
        <translation>Reconstruction de l’index de recherche…</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/window_transfer.py" line="218"/>
        <source>Search index rebuilt: {n} articles.</source>
        <translation>Index de recherche reconstruit&#xa0;: {n} articles.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../kzreader/gui/welcome.py" line="68"/>
        <source>Your library is empty</source>
        <extracomment>The welcome text&apos;s widest extent in pixels.</extracomment>
        <translation>Votre bibliothèque est vide</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/welcome.py" line="71"/>
        <source>Import news articles saved as text files — or start with the five sample articles on the CSTO mission in Kazakhstan. You can also drop files and folders onto this window.</source>
        <translation>Importez des articles de presse enregistrés en fichiers texte — ou commencez avec les cinq articles d’exemple sur la mission de l’OTSC au Kazakhstan. Vous pouvez aussi déposer des fichiers et des dossiers sur cette fenêtre.</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/welcome.py" line="77"/>
        <source>Choose an article</source>
        <translation>Choisissez un article</translation>
    </message>
    <message>
        <location filename="../../kzreader/gui/welcome.py" line="80"/>
        <source>Open an article from the library on the left, or search the library. Select text to highlight, tag, annotate and link it.</source>
        <translation>Ouvrez un article de la bibliothèque à gauche, ou faites une recherche dans la bibliothèque. Sélectionnez du texte pour le surligner, l’étiqueter, l’annoter et le lier.</translation>
    </message>
</context>
</TS>
