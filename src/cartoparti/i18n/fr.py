"""French: every label and message shown to users, keyed by code.

``LABELS`` maps a table name to its code → label table; ``MESSAGES`` maps a message
key to a :meth:`str.format` template. Another language is one more module with the
same keys and the same format fields (a test checks it).
"""

from __future__ import annotations

LANGUAGE = "fr"
LOCALE = "fr_FR"

LABELS: dict[str, dict[str, str]] = {
    # kinds of contribution (model.KINDS)
    "kinds": {
        "need": "besoin",
        "weak_signal": "signal faible",
        "memory": "souvenir",
        "proposal": "proposition",
        "report": "dysfonctionnement",
    },
    # channels a contribution comes through (model.CHANNELS)
    "channels": {
        "online": "en ligne",
        "workshop": "atelier",
        "door_to_door": "porte-à-porte",
        "paper": "questionnaire papier",
        "phone": "téléphone",
        "office": "permanence",
    },
    # INSEE age bands (model.AGE_BANDS)
    "age_bands": {
        "0-14": "0 à 14 ans",
        "15-29": "15 à 29 ans",
        "30-44": "30 à 44 ans",
        "45-59": "45 à 59 ans",
        "60-74": "60 à 74 ans",
        "75+": "75 ans ou plus",
    },
    # socio-professional categories (model.CSP)
    "csp": {
        "CS1": "Agriculteur ou agricultrice exploitant(e)",
        "CS2": "Artisan, commerçant(e), chef(fe) d'entreprise",
        "CS3": "Cadre, profession intellectuelle supérieure",
        "CS4": "Profession intermédiaire (technicien, enseignant, infirmier…)",
        "CS5": "Employé(e)",
        "CS6": "Ouvrier ou ouvrière",
        "CS7": "Retraité(e)",
        "CS8": "Sans activité professionnelle (étudiant, au foyer, en recherche d'emploi…)",
    },
    # lifecycle statuses (lifecycle.STATUSES)
    "statuses": {
        "received": "reçue",
        "under_study": "à l'étude",
        "accepted": "retenue",
        "in_progress": "en cours de réalisation",
        "done": "réalisée",
        "declined": "non retenue",
        "redirected": "réorientée",
    },
    # participation level an answer calls for (lifecycle.LEVELS)
    "levels": {
        "information": "information",
        "consultation": "consultation",
        "concertation": "concertation",
        "coproduction": "coproduction",
    },
    # user roles (commands.accounts.ROLES)
    "roles": {"agent": "agent", "admin": "administrateur"},
    # personal data found in free text (privacy.KINDS)
    "personal_data": {"phone": "numéro de téléphone", "email": "adresse e-mail"},
    # what replaces personal data in a redacted text (privacy.redact)
    "masks": {"phone": "[numéro masqué]", "email": "[e-mail masqué]"},
    # zone and landmark layers known by their file stem (io.territory.KNOWN_LABELS)
    "layers": {
        "communes": "Communes",
        "iris": "IRIS",
        "cites_minieres": "Cités minières",
        "terrils": "Terrils",
        "puits_de_mines": "Puits de mine",
        "batis_miniers": "Bâtis miniers",
    },
    # page titles and sidebar labels, by the page's file (web.PUBLIC_PAGES, web.AGENT_PAGES)
    "pages": {
        "app.py": "Accueil",
        "pages/contribuer.py": "Contribuer",
        "pages/carte.py": "Carte des contributions",
        "pages/contribution.py": "Réponses et « moi aussi »",
        "pages/suivi.py": "Suivre mes contributions",
        "pages/reponses.py": "Traiter et répondre",
        "pages/moderation.py": "Modération",
        "pages/saisie_terrain.py": "Saisie terrain",
        "pages/charge_equite.py": "Charge et équité",
        "pages/qui_manque.py": "Qui manque ?",
        "pages/donnees.py": "Données : importer, exporter",
        "pages/comptes.py": "Comptes des agents",
        "pages/priorites.py": "Priorités",
        "pages/bilan.py": "Bilan pour le conseil",
        "pages/lieux.py": "Lieux qui reviennent",
        "pages/histoire.py": "Histoire d'un lieu",
        "pages/plan.py": "Plan d'action",
        "pages/plan_public.py": "Ce que la commune fait",
    },
    # our fields, as the import page names them (column mapping)
    "import_fields": {
        "title": "Titre *",
        "text": "Message",
        "kind": "Type de contribution",
        "theme": "Thème",
        "created_at": "Date",
        "channel": "Canal",
        "id": "Identifiant stable (réimport sans doublon)",
        "lon": "Longitude",
        "lat": "Latitude",
        "x": "X (projeté)",
        "y": "Y (projeté)",
        "wkt": "Géométrie WKT",
        "contributor_id": "Contributeur",
        "age_band": "Tranche d'âge",
        "csp": "Catégorie socio-professionnelle",
        "home_commune": "Commune de résidence (code INSEE)",
        "first_time": "Première participation",
        "commune": "Commune (nom ou code INSEE)",
        "landmark": "N° de repère (carte papier)",
        "address": "Adresse ou lieu",
        "session_place": "Lieu de rencontre",
    },
    # headings of the list of contributions under the map (pages/carte.py)
    "map_list_columns": {
        "title": "Titre",
        "type": "Type",
        "theme": "Thème",
        "zone_name": "Commune",
        "date": "Date",
        "text": "Message",
        "suite": "Suite donnée",
        "answer": "Réponse",
        "supports": "Moi aussi",
    },
    # headings of the table of hidden contributions (pages/moderation.py)
    "hidden_columns": {
        "id": "N°",
        "title": "Titre",
        "hidden_reason": "Raison",
        "merged_into": "Fusionnée dans",
    },
    # headings of the table of deletion requests (pages/moderation.py)
    "deletion_columns": {
        "contribution_id": "N°",
        "title": "Titre",
        "requested_at": "Demandée le",
        "reason": "Raison",
    },
    # headings of the table of contributions to answer (pages/reponses.py)
    "answer_queue_columns": {
        "id": "N°",
        "title": "Titre",
        "zone_name": "Commune",
        "date": "Déposée le",
        "statut": "Statut",
        "service": "Service",
        "supports": "Moi aussi",
        "answers": "Réponses",
    },
    # headings of the numbered landmarks of a questionnaire (pages/saisie_terrain.py)
    "landmark_columns": {
        "number": "N°",
        "name": "Lieu",
        "type": "Type",
    },
    # headings of the equity tables (pages/charge_equite.py)
    "equity_columns": {
        "contributions": "Contributions",
        "answered": "Avec réponse",
        "unanswered": "Sans réponse",
        "median_days_to_first_answer": "Délai médian (jours)",
        "decided": "Décidées",
        "accepted": "Acceptées",
        "acceptance_rate": "Taux d'acceptation",
    },
    # a place chosen on the map, by geometry type (web.describe_location)
    "shapes": {"Point": "un point", "LineString": "une ligne", "Polygon": "une zone"},
    # counting bases of the representation analyses (present.representation.BASES)
    "bases": {
        "place": "lieu des contributions",
        "home": "commune de résidence déclarée",
    },
    # dimensions of the publics (present.representation.DIMENSIONS)
    "dimensions": {
        "age_band": "Tranche d'âge",
        "csp": "Catégorie socioprofessionnelle (15 ans ou plus)",
    },
    # representation statuses (present.representation.STATUS_LABELS)
    "representation_statuses": {
        "under": "sous-représenté",
        "expected": "conforme",
        "over": "sur-représenté",
    },
    # headings of the public history table (web.HISTORY_COLUMNS)
    "history_columns": {
        "date": "Date",
        "status_label": "Statut",
        "message": "Réponse",
        "competent": "Organisme compétent",
    },
    # the drawing tools on the map (Leaflet.draw's L.drawLocal, by dotted path)
    "draw": {
        "draw.toolbar.actions.title": "Annuler le tracé",
        "draw.toolbar.actions.text": "Annuler",
        "draw.toolbar.finish.title": "Terminer le tracé",
        "draw.toolbar.finish.text": "Terminer",
        "draw.toolbar.undo.title": "Effacer le dernier point tracé",
        "draw.toolbar.undo.text": "Effacer le dernier point",
        "draw.toolbar.buttons.polyline": "Tracer une ligne",
        "draw.toolbar.buttons.polygon": "Tracer une zone",
        "draw.toolbar.buttons.marker": "Placer un point",
        "draw.handlers.marker.tooltip.start": "Cliquez sur la carte pour placer le point.",
        "draw.handlers.polygon.tooltip.start": "Cliquez pour commencer la zone.",
        "draw.handlers.polygon.tooltip.cont": "Cliquez pour continuer la zone.",
        "draw.handlers.polygon.tooltip.end": "Cliquez sur le premier point pour fermer la zone.",
        "draw.handlers.polyline.error": "Les bords de la zone ne peuvent pas se croiser.",
        "draw.handlers.polyline.tooltip.start": "Cliquez pour commencer la ligne.",
        "draw.handlers.polyline.tooltip.cont": "Cliquez pour continuer la ligne.",
        "draw.handlers.polyline.tooltip.end": "Cliquez sur le dernier point (ou « Terminer ») pour finir la ligne.",
    },
    # -- places that come back, weak-signal alerts and stories of places (LABELS) --
    # (tables of places that come back, weak-signal alerts and stories of places go here)
    # states of a weak-signal alert (commands.clusters.ALERT_STATES)
    "alert_states": {
        "open": "à traiter",
        "acknowledged": "prise en charge",
        "dismissed": "écartée",
        "planned": "inscrite au plan d'action",
        "superseded": "remplacée par une alerte plus large",
    },
    # (keep them in this section; add new keys above this line)

    # -- the action plan and the services' capacity (LABELS) --
    # status of a plan item (commands.plan.PLAN_STATUSES)
    "plan_statuses": {
        "planned": "prévu",
        "in_progress": "en cours",
        "done": "fait",
        "abandoned": "abandonné",
    },
    # columns of the plan list (pages/plan.py)
    "plan_columns": {
        "id": "Identifiant",
        "title": "Action",
        "status_label": "Statut",
        "service": "Service",
        "level_label": "Participation",
        "start": "Début",
        "days": "Jours-agents",
        "cost_label": "Coût estimé",
        "with_residents": "Fait avec les habitants",
    },
    # columns of the contributions found to link (pages/plan.py)
    "plan_search_columns": {
        "id": "Identifiant",
        "title": "Titre",
        "kind_label": "Type",
        "date": "Date",
    },
    # (tables of the action plan and the services' capacity go here)
    # (keep them in this section; add new keys above this line)

    # -- priorities and the council brief (LABELS) --
    # (tables of priorities and the council brief go here)
    "priority_columns": {
        "rank": "Rang",
        "title": "Titre",
        "kind": "Type",
        "zone_name": "Zone",
        "status": "Statut",
        "supports": "Soutiens « moi aussi »",
        "contributors": "Personnes (auteurs et soutiens)",
        "reweighted": "Personnes, repondéré",
        "profiled": "dont profil connu",
        "age_bands": "Tranches d'âge différentes",
        "csps": "Catégories différentes",
        "publics": "Publics (âge)",
    },
    # (keep them in this section; add new keys above this line)

    # -- notifications to residents and open exports (LABELS) --
    # (tables of notifications to residents and open exports go here)
    # export formats of the Données page (pages/donnees.py)
    "export_formats": {
        "geojson": "GeoJSON : les contributions (carte)",
        "csv": "CSV : les contributions (tableur)",
        "gpkg": "GeoPackage : contributions, zones et leur représentation, lieux qui reviennent, plan d'action (QGIS)",
        "open311": "Open311 GeoReport v2 : services et demandes (JSON)",
    },
    # Abuse: limits, honeypot, reports, moderation
    "report_reasons": {
        "insult": "Injure, propos haineux ou discriminatoire",
        "personal_data": "Donnée personnelle (nom, adresse, téléphone…)",
        "spam": "Publicité ou message répété",
        "false": "Information fausse ou trompeuse",
        "off_topic": "Hors sujet",
        "other": "Autre raison",
    },
    "report_columns": {
        "reason": "Raison",
        "detail": "Précisions",
        "reported_at": "Signalé le",
    },
    # Residents' rights and legal pages
    "legal_pages": {
        "pages/donnees_personnelles.py": "Données personnelles",
        "pages/mentions_legales.py": "Mentions légales",
        "pages/charte_moderation.py": "Charte de modération",
        "pages/accessibilite.py": "Déclaration d'accessibilité",
    },
    # Languages
    # the languages of the site, each written in itself (the sidebar's switch)
    "languages": {"fr": "Français", "en": "English"},
    # (keep them in this section; add new keys above this line)
}

MESSAGES: dict[str, str] = {
    # web
    "page.failure": (
        "Un problème technique nous empêche d'afficher cette page. Rien de ce que vous avez "
        "saisi n'est perdu : réessayez dans un instant. Si cela se reproduit, prévenez la mairie."
    ),
    # settings (settings.Settings.from_env)
    "settings.language_unknown": (
        "CARTOPARTI_LANGUAGE : langue inconnue « {value} » ; langues possibles : {languages}."
    ),
    "settings.tiles_attribution": "Fond de carte",
    "settings.empty_list": "{name} : la liste est vide (séparez les valeurs par des virgules).",
    "settings.moderation_unknown": (
        "CARTOPARTI_MODERATION : valeur inconnue « {value} » ; valeurs possibles : "
        "a_priori (publication après relecture) ou a_posteriori (publication immédiate)."
    ),
    "settings.db_unknown": (
        "CARTOPARTI_DB : « {value} » n'est ni un fichier DuckDB ni une adresse "
        "PostgreSQL (postgresql://utilisateur@hôte/base)."
    ),
    "settings.db_is_folder": "CARTOPARTI_DB : « {value} » est un dossier, pas un fichier de base.",
    "settings.territory_missing": (
        "CARTOPARTI_TERRITORY : le dossier du territoire « {value} » n'existe pas."
    ),
    "settings.basemap_unknown": (
        "CARTOPARTI_BASEMAP : « {value} » n'est pas un fond de carte connu "
        "(none, plan-ign, xyz ou pmtiles)."
    ),
    "settings.tiles_missing": (
        "CARTOPARTI_BASEMAP=xyz demande l'adresse des tuiles dans CARTOPARTI_TILES_URL."
    ),
    "settings.pmtiles_count": (
        "CARTOPARTI_BASEMAP=pmtiles : le dossier du territoire {folder} contient {count} fichier(s) "
        ".pmtiles ; il en faut un seul, ou nommez-le dans CARTOPARTI_PMTILES."
    ),
    "settings.pmtiles_missing": "CARTOPARTI_PMTILES : le fichier « {value} » est introuvable.",
    "settings.tiles_invalid": (
        "CARTOPARTI_TILES_URL : « {value} » n'est pas une adresse de tuiles "
        "(https://…/{{z}}/{{x}}/{{y}}.png)."
    ),
    # territory folders (io.territory)
    "territory.file_unreadable": "Fichier illisible : {file} ({error})",
    "territory.not_ban": "{file} n'est pas au format de la Base Adresse Nationale (numero, nom_voie, code_insee, lon, lat).",
    "territory.folder_missing": "Dossier de territoire introuvable : {folder}",
    "territory.no_code_field": "{file} : aucun champ de code de zone trouvé.",
    "territory.no_zone_layer": "Aucune couche de zones (polygones avec un code) dans {folder}.",
    # pages and navigation (web)
    "page.settings_error": "cartoparti ne peut pas démarrer : réglage incorrect. {error}",
    "page.agents_only": (
        "Cette page est réservée aux agents de la collectivité. Connectez-vous pour y accéder."
    ),
    "page.admins_only": "Cette page est réservée aux administrateurs.",
    "nav.agents": "Espace agents",
    "nav.sign_in": "Se connecter",
    "nav.account": "Mon compte agent (déconnexion)",
    "nav.agents_sign_in": "Espace agents : se connecter",
    "import.held": (
        "{count} contribution(s) contiennent des coordonnées : elles attendent la modération."
    ),
    # representation analyses (analysis.representation, analysis.stats, analysis.hexagons)
    "representation.basis_unknown": "Base inconnue : « {basis} » (place ou home).",
    "representation.layer_unknown": "Couche de zones inconnue : « {layer} ».",
    "representation.home_off_primary": (
        "La base « domicile » compte par commune de résidence : "
        "elle ne s'applique qu'à la couche « {primary} »."
    ),
    "representation.no_contributor_clusters": (
        "Aucun contributeur : pas d'analyse des regroupements."
    ),
    "gi_star.too_few_zones": (
        "L'analyse des points chauds (Gi*) demande au moins {min} zones "
        "renseignées ; il y en a {count}."
    ),
    "hexagons.too_small": (
        "Hexagones trop petits pour ce territoire (environ {estimate} ; "
        "{max} au plus) : choisissez une taille plus grande."
    ),
    # a contribution (model.validate_draft)
    "kind.required": "Choisissez le type de contribution.",
    "kind.unknown": "Type inconnu : « {value} ».",
    "title.required": "Le titre est obligatoire.",
    "title.too_long": "Le titre dépasse {max} caractères.",
    "text.too_long": "Le texte dépasse {max} caractères.",
    "theme.required": "Choisissez un thème.",
    "theme.unknown": "Thème inconnu : « {value} ».",
    "channel.unknown": "Canal inconnu : « {value} ».",
    "location.required": "Placez votre contribution sur la carte ou choisissez un lieu.",
    "location.invalid": "La forme dessinée n'est pas valide (elle se recoupe).",
    "location.outside": "Ce lieu est en dehors du territoire.",
    "location.outside_place_inside": (
        "Ce lieu est en dehors du territoire : placez votre contribution à l'intérieur."
    ),
    "age_band.unknown": "Tranche d'âge inconnue : « {value} ».",
    "csp.unknown": "Catégorie socioprofessionnelle inconnue : « {value} ».",
    "home_commune.invalid": "Code INSEE de commune invalide : « {value} ».",
    "photo.too_large": "La photo dépasse {max_mb} Mo.",
    "photo.unreadable": "Ce fichier n'est pas une image lisible (JPEG, PNG ou WebP).",
    # answers (lifecycle.check_answer, commands.answers)
    "status.unknown": "Statut inconnu : « {value} ».",
    "status.move_refused": "Passage impossible de « {current} » à « {status} ».",
    "message.required": "Chaque réponse porte un message public, en langage clair.",
    "message.too_long": "Le message dépasse {max} caractères.",
    "message.decline_unjustified": (
        "Un refus doit être justifié publiquement : expliquez pourquoi "
        "(au moins {min} caractères)."
    ),
    "competent.required": "Indiquez qui est compétent (ex. : le Département, le bailleur social).",
    "contribution.changed": (
        "La contribution a changé entre-temps : rechargez la page et recommencez."
    ),
    "contribution.unknown": "Contribution inconnue : {id}",
    "storage.busy": (
        "La base {path} est ouverte par un autre programme (l'application ?). "
        "Arrêtez-le ou utilisez une autre base avec --db."
    ),
    "storage.no_territory": "Aucun territoire n'est chargé : lancez `cartoparti init`.",
    "id.required": "Identifiant manquant.",
    "id.unknown": "Contribution inconnue : {id}.",
    "answers.format_unsupported": "Format non pris en charge : {suffix} (CSV id,status,message attendu).",
    "history.received": "Contribution reçue.",
    "answers.summary": (
        "{read} ligne(s) lue(s) : {applied} réponse(s) enregistrée(s), "
        "{duplicates} déjà enregistrée(s), {rejected} rejetée(s)."
    ),
    "answers.columns_missing": "Colonne(s) manquante(s) : {columns} (attendu : id,status,message).",
    # moderation
    "service.unknown": "Service inconnu : « {value} ».",
    "level.unknown": "Niveau de participation inconnu : « {value} ».",
    "reason.required": "Indiquez la raison du masquage.",
    "hidden.merged": "Cette contribution a été fusionnée : elle reste masquée.",
    "published.hidden": "Contribution masquée : rendez-la visible d'abord.",
    "text.personal_data": (
        "Le texte contient encore un numéro de téléphone ou une adresse e-mail : "
        "retirez-le avant publication."
    ),
    "merged_into.self": "Une contribution ne peut pas être fusionnée avec elle-même.",
    "merged_into.merged": "La contribution cible est elle-même un doublon fusionné.",
    "merged_into.already": "Cette contribution est déjà fusionnée.",
    # file imports (io.importer)
    "import.summary": (
        "{read} ligne(s) lue(s) : {imported} importée(s), "
        "{duplicates} déjà présente(s), {rejected} rejetée(s)."
    ),
    "import.no_header": "Pas d'en-tête de colonnes lisible dans {file}.",
    "import.kind_unknown": "--kind inconnu : {value} (codes : {codes}).",
    "import.channel_unknown": "--channel inconnu : {value} (codes : {codes}).",
    "import.theme_unknown": "--theme inconnu : {value} (thèmes : {codes}).",
    "import.crs_unknown": "Système de coordonnées inconnu : EPSG:{crs}.",
    "number.invalid": "{name} n'est pas un nombre : « {value} ».",
    "number.not_finite": "{name} n'est pas un nombre fini.",
    "created_at.invalid": (
        "Date invalide : « {value} » (attendu : ISO 8601, ex. 2024-05-31T14:00:00)."
    ),
    "first_time.invalid": "Valeur oui/non attendue : « {value} ».",
    "location.lon_lat_pair": "Il faut lon et lat ensemble.",
    "location.out_of_bounds": "Coordonnées hors limites : lon={lon}, lat={lat}.",
    "location.x_y_pair": "Il faut x et y ensemble.",
    "location.x_y_without_crs": "Colonnes x/y sans système de coordonnées : précisez --crs EPSG.",
    "location.wkt_unreadable": "WKT illisible : « {wkt} ».",
    "location.missing": "Pas de localisation (lon/lat, x/y, wkt ou géométrie).",
    # field work
    "channel.field_required": "Choisissez le canal de recueil (atelier, porte-à-porte…).",
    "session_date.required": "Indiquez la date de la rencontre.",
    "session_date.future": "La date de la rencontre est dans le futur.",
    "session_place.required": "Indiquez le lieu de la rencontre.",
    # residents
    "follow_code.unknown": "Code de suivi inconnu : vérifiez-le (12 lettres et chiffres).",
    "follow_code.other": "Ce code ne permet pas de suivre cette contribution.",
    # analysis
    "not_set": "non renseigné",
    # command line (cli.agents)
    "cli.password_prompt": "Mot de passe : ",
    "cli.password_confirm": "Confirmez le mot de passe : ",
    "cli.password_of": "Mot de passe de {name} : ",
    "cli.passwords_differ": "Les deux mots de passe diffèrent.",
    "cli.user_created": "Compte créé : {name} ({role}).",
    "cli.user_updated": "Compte mis à jour : {name} ({role}).",
    "cli.role_unchanged": "Rien à changer : {name} est déjà {role}.",
    "cli.role_changed": "Rôle de {name} : {former} → {role}.",
    "cli.user_removed": "Compte supprimé : {name}.",
    "cli.sign_in_failed": "Nom d'utilisateur ou mot de passe incorrect : {nothing_done}.",
    "cli.no_answer_recorded": "aucune réponse enregistrée",
    "cli.no_contribution_imported": "aucune contribution importée",
    "cli.compacted": "Base {db} réécrite : {before} Mo → {after} Mo.",
    # accounts
    "permission.admin": "Action réservée aux administrateurs.",
    "permission.agent": "Action réservée aux agents connectés.",
    "name.required": "Le nom d'utilisateur est obligatoire.",
    "name.invalid": "Nom d'utilisateur invalide (sans espace, {max} caractères au plus).",
    "role.unknown": "Rôle inconnu : « {value} » (agent ou admin).",
    "password.too_short": "Le mot de passe doit compter au moins {min} caractères.",
    "user.unknown": "Utilisateur inconnu : {name}",
    # -- pages/donnees.py: datasets while the app runs --
    "data.title": "Données : importer, exporter, sauvegarder",
    "data.tab_import": "Importer",
    "data.tab_export": "Exporter",
    "data.tab_backup": "Sauvegarde",
    "data.import_intro": (
        "Importez des contributions recueillies ailleurs (CSV, GeoJSON ou GeoPackage) sans arrêter "
        "le site : chaque ligne est importée entière ou rejetée avec sa raison, les lignes déjà "
        "importées sont ignorées, et un texte contenant un numéro de téléphone ou une adresse "
        "e-mail est retenu pour relecture."
    ),
    "data.upload": "Fichier à importer",
    "data.preview": "{count} ligne(s) lues. Aperçu des premières :",
    "data.has_geometry": "Le fichier porte sa propre géométrie : les colonnes de lieu sont facultatives.",
    "data.mapping": "Quelle colonne du fichier correspond à chaque champ ?",
    "data.mapping_help": "Les colonnes au nom reconnu sont déjà choisies ; « — » : aucune.",
    "data.no_column": "—",
    "data.crs": "Système de coordonnées des colonnes X/Y ou lon/lat (code EPSG)",
    "data.crs_help": "4326 : longitude/latitude (GPS) ; 2154 : Lambert-93 ; 3857 : Web Mercator.",
    "data.defaults": "Pour les lignes qui n'en ont pas",
    "data.default_kind": "Type par défaut",
    "data.default_channel": "Canal par défaut",
    "data.default_theme": "Thème par défaut",
    "data.none": "Aucun",
    "data.run_import": "Importer",
    "data.rejects_download": "Télécharger les lignes rejetées (CSV à corriger puis réimporter)",
    "data.export_intro": (
        "Les contributions publiées, avec leur zone et leur réponse, sans aucune donnée "
        "de profil : pour QGIS, un tableur ou le portail open data."
    ),
    "data.export_format": "Format",
    "data.export_prepare": "Préparer l'export",
    "data.export_download": "Télécharger {file}",
    "data.backup_intro": (
        "Une sauvegarde complète de la base (contributions, réponses, comptes, journal), "
        "à garder en lieu sûr : elle contient des données personnelles. "
        "`cartoparti restore` la recharge dans une base neuve, DuckDB ou PostgreSQL."
    ),
    "data.backup_prepare": "Préparer la sauvegarde",
    "data.backup_download": "Télécharger {file}",
    # -- pages/comptes.py: accounts (administrators) ------------------------------------------
    "accounts.title": "Comptes des agents",
    "accounts.intro": (
        "Les agents traitent les contributions ; les administrateurs gèrent en plus les comptes "
        "et les sauvegardes. Un changement prend effet au prochain chargement de page de la personne."
    ),
    "accounts.add": "Ajouter un compte",
    "accounts.name": "Nom d'utilisateur",
    "accounts.role": "Rôle",
    "accounts.password": "Mot de passe provisoire",
    "accounts.password_help": "Au moins {min} caractères ; à transmettre à la personne, qui le changera.",
    "accounts.create": "Créer le compte",
    "accounts.created": "Compte « {name} » créé.",
    "accounts.exists": "Le compte « {name} » existe déjà : changez son rôle ou son mot de passe ci-dessous.",
    "accounts.list": "Comptes",
    "accounts.pick": "Compte",
    "accounts.new_role": "Nouveau rôle",
    "accounts.change_role": "Changer le rôle",
    "accounts.role_changed": "Rôle de « {name} » : {role}.",
    "accounts.new_password": "Nouveau mot de passe",
    "accounts.reset_password": "Réinitialiser le mot de passe",
    "accounts.password_reset": "Mot de passe de « {name} » réinitialisé.",
    "accounts.remove": "Supprimer ce compte",
    "accounts.removed": "Compte « {name} » supprimé.",
    "accounts.not_yourself": "Vous ne pouvez pas retirer vos propres droits d'administrateur ni supprimer votre compte.",
    "accounts.columns_name": "Nom",
    "accounts.columns_role": "Rôle",
    "accounts.columns_created": "Créé le",
    # -- the map where a resident places a contribution ------------------------------------------
    "map.locate": "Utiliser ma position",
    "map.locating": "Recherche de votre position…",
    "map.locate_error": "Position introuvable : autorisez la localisation, ou cliquez sur la carte.",
    "place.search": "Rechercher une adresse, un lieu ou une commune",
    "place.search_placeholder": "Ex. : 12 rue Jean Jaurès, Lens — ou un terril, une cité…",
    "place.results": "Résultats",
    "place.none": "Aucun lieu trouvé sur le territoire pour « {query} ».",
    "place.kind_commune": "commune",
    "place.kind_landmark": "lieu repère",
    "place.kind_address": "adresse",
    "place.drag_hint": "Faites glisser le point orange pour l'ajuster, ou cliquez ailleurs sur la carte.",
    # home page (app.py)
    "page.home.title": "Accueil",
    "page.home.intro": (
        "Vous connaissez votre quartier mieux que personne. Signalez un besoin, un signal "
        "faible, un souvenir, une proposition ou un dysfonctionnement, là où il se trouve. "
        "Chaque contribution reçoit une réponse publique."
    ),
    "page.home.contribute": "Contribuer",
    "page.home.see_map": "Voir la carte des contributions",
    "page.home.published": "Contributions publiées",
    # map of contributions (pages/carte.py)
    "page.carte.page": "Carte",
    "page.carte.title": "Carte des contributions",
    "page.carte.kind": "Type",
    "page.carte.all": "Tous",
    "page.carte.theme": "Thème",
    "page.carte.count": "{total} contribution(s). Légende : {legend}",
    "page.carte.most_recent": (
        "Les {max} plus récentes sont affichées : affinez les filtres pour voir les autres."
    ),
    "page.carte.done_legend": (
        "Les cailloux blancs cerclés de vert : ce qui a été fait avec les habitants."
    ),
    "page.carte.see_answers": "Voir les réponses d'une contribution, dire « moi aussi »",
    "page.carte.list": "Liste des contributions (sans carte)",
    # the public map beyond 2,000 contributions: counts by zone (pages/carte.py)
    "map.zone_counts": "Nombre de contributions par zone",
    "map.zone_count": "{count} contributions",
    "map.zone_count_one": "{count} contribution",
    "map.zone_count_tooltip": "{zone} : {count}",
    "page.carte.by_zone": (
        "Plus de {max} contributions correspondent : la carte montre leur nombre par zone "
        "(le total ci-dessus est le vrai total). Affinez les filtres (type, thème, période) "
        "jusqu'à {max} au plus pour voir chaque contribution sur la carte."
    ),
    "page.carte.left_out": "Dont {count} hors des zones dessinées sur la carte (comptées dans le total).",
    # contributing (pages/contribuer.py)
    "page.contribuer.on_map": "Sur la carte",
    "page.contribuer.without_map": "Sans carte : choisir une commune et un lieu repère",
    "page.contribuer.yes": "oui",
    "page.contribuer.no": "non",
    "page.contribuer.title": "Contribuer",
    "page.contribuer.intro": (
        "Un besoin, un signal faible, un souvenir, une proposition, quelque chose qui ne "
        "marche pas : dites-le et placez-le sur votre territoire. Aucun compte n'est "
        "nécessaire."
    ),
    "page.contribuer.published": "publiée sur la carte",
    "page.contribuer.held": "enregistrée ; elle sera publiée après relecture",
    "page.contribuer.thanks": "Merci ! Votre contribution n° {id} ({zone}) est {state}.",
    "page.contribuer.personal_data": (
        "Votre message semble contenir un numéro de téléphone ou une adresse e-mail : pour "
        "vous protéger, un agent le relira et retirera ces données avant publication."
    ),
    "page.contribuer.follow_code": (
        "Votre code de suivi personnel : **{follow_code}**  \nNotez-le : il permet de voir la "
        "réponse de la collectivité et de demander la suppression de vos contributions. Il "
        "ne sera plus affiché, et il sert pour toutes vos contributions de cette visite."
    ),
    "page.contribuer.follow": "Suivre mes contributions",
    "page.contribuer.where": "1. Où ?",
    "page.contribuer.place_how": "Comment placer votre contribution ?",
    "page.contribuer.map_help": (
        "Cliquez sur la carte pour placer un point, ou utilisez les outils à gauche pour "
        "tracer une ligne ou une zone."
    ),
    "page.contribuer.commune": "Commune",
    "page.contribuer.commune_placeholder": "Choisissez une commune",
    "page.contribuer.landmark": "Lieu repère (facultatif)",
    "page.contribuer.landmark_none": "Aucun : toute la commune",
    "page.contribuer.what": "2. Quoi ?",
    "page.contribuer.not_sent": (
        "La contribution n'a pas été envoyée : corrigez les points signalés ci-dessous. Rien "
        "de ce que vous avez saisi n'est perdu."
    ),
    "page.contribuer.kind": "Type de contribution *",
    "page.contribuer.choose": "Choisissez",
    "page.contribuer.title_field": "Titre *",
    "page.contribuer.text": "Votre message",
    "page.contribuer.theme": "Thème *",
    "page.contribuer.photo": "Photo (facultatif)",
    "page.contribuer.about_you": "À propos de vous — facultatif, pour les statistiques seulement",
    "page.contribuer.about_you_why": (
        "Ces réponses servent uniquement à savoir quels publics et quels quartiers nous "
        "entendons peu, pour aller à leur rencontre. Elles ne sont jamais publiées ni "
        "exportées publiquement, et ne sont pas liées à votre nom."
    ),
    "page.contribuer.age_band": "Tranche d'âge",
    "page.contribuer.csp": "Situation professionnelle",
    "page.contribuer.home_commune": "Commune de résidence",
    "page.contribuer.no_answer": "Je préfère ne pas répondre",
    "page.contribuer.first_time": "Est-ce la première fois que vous participez ?",
    "page.contribuer.what_is_public": (
        "Ce qui est public : le type, le titre, le message, le thème, la photo, le lieu et "
        "la date. Ce qui ne l'est pas : vos réponses « À propos de vous »."
    ),
    "page.contribuer.send": "Envoyer ma contribution",
    # « Voir » and « Moi aussi » from the map, and finding a contribution by its words
    # (present/maps.py popups, pages/contribution.py)
    "map.popup.open": "Voir la contribution",
    "map.popup.support": "👍 Moi aussi",
    "page.contribution.search": "Rechercher une contribution par mots",
    "page.contribution.search_help": (
        "Des mots du titre ou du texte, avec ou sans accents ni majuscules : « ecole » trouve « École »."
    ),
    "page.contribution.latest": "Les {count} contributions les plus récentes : cherchez par mots pour les autres.",
    "page.contribution.found": "{count} contribution(s) trouvée(s).",
    "page.contribution.found_more": (
        "Plus de {count} contributions contiennent ces mots : voici les {count} plus récentes, "
        "ajoutez un mot pour préciser."
    ),
    "page.contribution.no_match": (
        "Aucune contribution publiée ne contient « {query} ». Essayez un autre mot ou moins de mots."
    ),
    "page.contribution.not_found": (
        "Ce lien ne mène à aucune contribution publiée (peut-être incomplet, ou la contribution a été "
        "retirée). Cherchez-la par mots ci-dessous."
    ),
    "page.contribution.link": "Lien de cette contribution, à copier et partager",
    "page.contribution.support_ready": (
        "Vous soutenez cette contribution ? Confirmez d'un clic sur « Moi aussi » : un soutien par appareil."
    ),
    # a contribution and what became of it (pages/contribution.py)
    "page.contribution.title": "Une contribution et ses suites",
    "page.contribution.none": "Aucune contribution publiée pour l'instant.",
    "page.contribution.option": "{title} — {zone_name} ({date})",
    "page.contribution.pick": "Contribution",
    "page.contribution.photo": "Photo jointe par l'habitant",
    "page.contribution.status": "**Statut : {status}**",
    "page.contribution.support": "👍 Moi aussi",
    "page.contribution.support_help": "Soutenir cette contribution (une fois depuis cet appareil)",
    "page.contribution.supported": "Merci, votre soutien est compté.",
    "page.contribution.already_supported": (
        "Vous soutenez déjà cette contribution depuis cet appareil."
    ),
    "page.contribution.supports": "Soutiens « moi aussi »",
    "page.contribution.history": "Historique et réponses",
    "page.contribution.back": "Retour à la carte",
    # agents' sign-in (pages/connexion.py)
    "page.connexion.page": "Connexion",
    "page.connexion.title": "Espace agents",
    "page.connexion.signed_in": "Connecté(e) : {name} ({role}).",
    "page.connexion.sign_out": "Se déconnecter",
    "page.connexion.email_unverified": (
        "Le fournisseur d'identité n'a pas vérifié l'adresse {email} : elle ne peut pas "
        "ouvrir l'espace agents."
    ),
    "page.connexion.email_unknown": (
        "Le compte {email} n'est pas enregistré comme agent : demandez à un administrateur "
        "de le créer."
    ),
    "page.connexion.oidc_sign_out": "Se déconnecter du fournisseur d'identité",
    "page.connexion.oidc_sign_in": "Se connecter avec le compte de la collectivité",
    "page.connexion.or_password": "Ou avec un nom d'utilisateur et un mot de passe :",
    "page.connexion.intro": (
        "Cet espace est réservé aux agents et aux administrateurs de la collectivité. Les "
        "habitants n'ont besoin d'aucun compte pour contribuer ou suivre leurs contributions."
    ),
    "page.connexion.failed": "Nom d'utilisateur ou mot de passe incorrect.",
    "page.connexion.name": "Nom d'utilisateur",
    "page.connexion.password": "Mot de passe",
    "page.connexion.sign_in": "Se connecter",
    "page.connexion.no_account": (
        "Pas de compte ? Un administrateur le crée : `python -m cartoparti user add NOM "
        "--role agent`."
    ),
    # contribution preview and change log, for agents (web/preview.py, present/audit.py)
    "preview.place": "{layer} : {name}",
    "preview.map_layer": "Emplacement de la contribution",
    "preview.no_place": "Emplacement inconnu.",
    "preview.no_photo": "Pas de photo jointe.",
    "preview.photo": "Photo jointe à « {title} »",
    "preview.photo_alt": "Photo envoyée avec la contribution « {title} »",
    "audit.title": "Journal des modifications (qui, quoi, quand)",
    "audit.none": "Aucune modification enregistrée.",
    "audit.column.when": "Quand (heure de Paris)",
    "audit.column.actor": "Qui",
    "audit.column.what": "Quoi",
    "audit.yes": "oui",
    "audit.no": "non",
    "audit.status": "Statut changé : {before} → {after}",
    "audit.message": "Réponse publiée",
    "audit.with_message": " — message : « {message} »",
    "audit.with_competent": " — interlocuteur compétent : {competent}",
    "audit.field.theme": "thème",
    "audit.field.service": "service",
    "audit.field.level": "niveau de participation",
    "audit.field.title": "titre",
    "audit.field.text": "texte",
    "audit.change": "{field} : {before} → {after}",
    "audit.qualify": "Qualification changée : {changes}",
    "audit.hide": "Masquée (motif : {reason})",
    "audit.unhide.published": "Démasquée et publiée",
    "audit.unhide.held": "Démasquée, en attente de relecture",
    "audit.publish": "Publiée après relecture",
    "audit.edit": "Modifiée par la modération ({fields})",
    "audit.merge": "Fusionnée comme doublon dans la contribution {target}",
    "audit.delete": "Supprimée",
    "audit.delete.requested": "Supprimée à la demande de son auteur",
    "audit.keep_reported": "Signalements lus, contribution gardée en ligne ({count} signalement(s))",
    "audit.field_entry": "Saisie sur le terrain au nom d'un habitant",
    "audit.field_entry.date": "séance du {date}",
    "audit.field_entry.place": "lieu : {place}",
    "audit.field_entry.file": "fichier : {file}",
    "audit.plan_link": "Liée à l'action {item} du plan d'action",
    "audit.plan_unlink": "Retirée de l'action {item} du plan d'action",
    "audit.pair": "{field} : {value}",
    "audit.other": "Action « {action} »",
    # moderation (pages/moderation.py)
    "page.moderation.title": "Modération",
    "page.moderation.a_priori": "après relecture (a priori)",
    "page.moderation.a_posteriori": "dès l'envoi (a posteriori)",
    "page.moderation.mode": (
        "Les contributions sont publiées {mode} ; celles qui contiennent des coordonnées "
        "attendent toujours un agent."
    ),
    "page.moderation.option": "{title} — {zone_name} ({date})",
    "page.moderation.tab.review": "À relire ({count})",
    "page.moderation.tab.hide": "Masquer",
    "page.moderation.tab.merge": "Fusionner des doublons",
    "page.moderation.tab.hidden": "Masquées ({count})",
    "page.moderation.tab.deletions": "Demandes de suppression ({count})",
    "page.moderation.nothing_to_review": "Rien à relire.",
    "page.moderation.contribution": "Contribution",
    "page.moderation.personal_data": (
        "Données personnelles détectées : {found}. Retirez-les avant de publier (proposition "
        "de texte masqué ci-dessous)."
    ),
    "page.moderation.edit.title": "Titre",
    "page.moderation.edit.text": "Texte",
    "page.moderation.edit.save": "Enregistrer le texte corrigé",
    "page.moderation.edit.saved": "Texte corrigé.",
    "page.moderation.publish_despite": "Fausse alerte : publier tel quel",
    "page.moderation.publish": "Publier",
    "page.moderation.published": "Contribution publiée.",
    "page.moderation.none_visible": "Aucune contribution visible.",
    "page.moderation.hide.reason": "Raison (conservée, montrée à l'auteur)",
    "page.moderation.hide.button": "Masquer",
    "page.moderation.hide.done": "Contribution masquée (rien n'est supprimé).",
    "page.moderation.merge.two_needed": "Il faut au moins deux contributions visibles.",
    "page.moderation.merge.duplicate": "Doublon (sera masqué)",
    "page.moderation.merge.target": "À garder (reçoit soutiens et suivis)",
    "page.moderation.merge.button": "Fusionner",
    "page.moderation.merge.done": "Doublon fusionné : soutiens et suivis reportés.",
    "page.moderation.none_hidden": "Aucune contribution masquée.",
    "page.moderation.unhide": "Rendre visible",
    "page.moderation.unhide.done": "Contribution de nouveau visible.",
    "page.moderation.no_deletion": "Aucune demande de suppression.",
    "page.moderation.delete.pick": "Contribution à supprimer",
    "page.moderation.delete.sure": (
        "Je confirme la suppression définitive (texte, lieu, profil, photo, réponses)"
    ),
    "page.moderation.delete.button": "Supprimer définitivement",
    "page.moderation.delete.done": "Contribution supprimée.",
    # agents' lists searched and paged (web.list_filters, web.paged_list)
    "agent_list.search": "Rechercher (mots du titre ou du texte, ou n°)",
    "agent_list.search_placeholder": "ex. : éclairage rue Pasteur",
    "agent_list.zone": "Commune ou quartier",
    "agent_list.kind": "Type",
    "agent_list.all": "Tous",
    "agent_list.age": "Reçue depuis (jours)",
    "agent_list.age_help": "Seulement les contributions reçues il y a au moins ce nombre de jours (0 : toutes).",
    "agent_list.count": "{count} contributions correspondent",
    "agent_list.count_one": "1 contribution correspond",
    "agent_list.page": "Page {page} sur {pages}",
    "agent_list.previous": "Page précédente",
    "agent_list.next": "Page suivante",
    "agent_list.none": "Aucune contribution ne correspond à ces critères.",
    "agent_list.target_search": "Rechercher la contribution à garder",
    # answering (pages/reponses.py)
    "page.reponses.title": "Traiter et répondre",
    "page.reponses.status": "Statut",
    "page.reponses.service": "Service",
    "page.reponses.all": "Tous",
    "page.reponses.unassigned": "à attribuer",
    "page.reponses.option": "{title} — {zone_name} ({status})",
    "page.reponses.pick": "Contribution à traiter",
    "page.reponses.number": "N° {id}",
    "page.reponses.published": "publiée",
    "page.reponses.not_published": "non publiée",
    "page.reponses.entered_by": "saisie par {name}",
    "page.reponses.qualification": "**Qualification**",
    "page.reponses.theme": "Thème",
    "page.reponses.service_responsible": "Service responsable",
    "page.reponses.to_assign": "À attribuer",
    "page.reponses.level": "Niveau de participation appelé",
    "page.reponses.to_define": "À définir",
    "page.reponses.qualify": "Enregistrer la qualification",
    "page.reponses.qualified": "Qualification enregistrée.",
    "page.reponses.unchanged": "Rien n'a changé.",
    "page.reponses.answer": "**Répondre** — statut actuel : {status}",
    "page.reponses.new_status": "Nouveau statut",
    "page.reponses.message_only": "(garder le statut : message seul)",
    "page.reponses.message": "Message public (langage clair)",
    "page.reponses.message_help": "Un refus doit être justifié (au moins {min} caractères).",
    "page.reponses.competent": "Organisme compétent (si réorientée)",
    "page.reponses.competent_placeholder": "ex. : le Département, le bailleur social",
    "page.reponses.publish": "Publier la réponse",
    "page.reponses.answered": "Réponse publiée (statut : {status}).",
    "page.reponses.history": "Historique public",
    "page.reponses.audit": "Journal des modifications (qui, quoi, quand, avant / après)",
    "page.reponses.batch": "Répondre en lot (CSV id,status,message)",
    "page.reponses.batch_help": (
        "Une ligne par réponse : id de la contribution, statut (code ou libellé : "
        "{statuses}), message public ; colonne facultative competent pour les réorientations."
    ),
    "page.reponses.csv_file": "Fichier CSV",
    "page.reponses.batch_save": "Enregistrer les réponses",
    # field work (pages/saisie_terrain.py)
    "page.saisie.yes": "oui",
    "page.saisie.no": "non",
    "page.saisie.title": "Saisie terrain",
    "page.saisie.intro": (
        "Pour les personnes qui n'ouvriront jamais un site : ateliers, porte-à-porte, "
        "questionnaires papier, téléphone, permanences. Le profil est saisi tel que la "
        "personne l'a déclaré."
    ),
    "page.saisie.tab.entry": "Saisir une contribution",
    "page.saisie.tab.paper": "Questionnaire papier",
    "page.saisie.tab.batch": "Saisie en lot (CSV)",
    "page.saisie.entered": "Contribution n° {id} enregistrée ({zone_name}).",
    "page.saisie.follow_code": (
        "Code de suivi à remettre à la personne : **{follow_code}** (il ne sera plus "
        "affiché)."
    ),
    "page.saisie.personal_data": (
        "Le texte contient des coordonnées : la contribution attend la modération."
    ),
    "page.saisie.commune_of_place": "Commune du lieu évoqué *",
    "page.saisie.choose": "Choisissez",
    "page.saisie.landmark": "Lieu repère (facultatif)",
    "page.saisie.landmark_none": "Toute la commune",
    "page.saisie.channel": "Canal *",
    "page.saisie.session_date": "Date de la rencontre *",
    "page.saisie.session_place": "Lieu de la rencontre *",
    "page.saisie.session_place_placeholder": "ex. : marché de la place Jean-Jaurès",
    "page.saisie.kind": "Type de contribution *",
    "page.saisie.title_field": "Titre *",
    "page.saisie.text": "Ce que la personne a dit",
    "page.saisie.theme": "Thème *",
    "page.saisie.profile": "**Profil déclaré par la personne** (facultatif, jamais publié)",
    "page.saisie.age_band": "Tranche d'âge",
    "page.saisie.csp": "Situation professionnelle",
    "page.saisie.home_commune": "Commune de résidence",
    "page.saisie.not_declared": "Non déclaré",
    "page.saisie.first_time": "Première participation ?",
    "page.saisie.save": "Enregistrer la contribution",
    "page.saisie.paper_intro": (
        "Le questionnaire reprend les champs du formulaire en ligne, avec la carte de la "
        "commune et ses lieux repères numérotés. Ouvrez le fichier dans un navigateur et "
        "imprimez-le."
    ),
    "page.saisie.commune": "Commune",
    "page.saisie.paper_download": "Télécharger le questionnaire (HTML à imprimer)",
    "page.saisie.paper_file": "questionnaire-{commune}.html",
    "page.saisie.preview": "Aperçu",
    "page.saisie.batch_intro": (
        "Saisissez les réponses papier dans le modèle CSV, qui s'ouvre dans Excel (une ligne "
        "par questionnaire ; remplacez la ligne d'exemple, la ligne d'aide « # » peut rester ; "
        "types, canaux et profils en toutes lettres, dates JJ/MM/AAAA, commune par son nom), "
        "puis importez-le ici ou en ligne de commande : "
        "`python -m cartoparti field import FICHIER.csv --user NOM --date AAAA-MM-JJ --place "
        "LIEU`."
    ),
    "page.saisie.template_download": "Télécharger le modèle CSV",
    "page.saisie.template_file": "modele-saisie-{commune}.csv",
    "page.saisie.landmarks": (
        "Lieux repères numérotés de la carte du questionnaire (colonne « N° de repère » du "
        "modèle, avec la commune) :"
    ),
    "page.saisie.session": (
        "**Rencontre où les questionnaires ont été remplis** (pour tout le lot)"
    ),
    "page.saisie.session_place_placeholder_batch": "ex. : permanence de la mairie annexe",
    "page.saisie.batch_file": "Fichier CSV rempli",
    "page.saisie.import": "Importer",
    # field entry with a spreadsheet: the batch-entry template and its import (present.questionnaire, io.importer, pages/saisie_terrain.py)
    "template.column.id": "Identifiant",
    "template.column.kind": "Type",
    "template.column.title": "Titre",
    "template.column.text": "Texte",
    "template.column.theme": "Thème",
    "template.column.commune": "Commune",
    "template.column.landmark": "N° de repère",
    "template.column.address": "Adresse ou lieu",
    "template.column.lon": "Longitude",
    "template.column.lat": "Latitude",
    "template.column.created_at": "Date",
    "template.column.channel": "Canal",
    "template.column.session_place": "Lieu de rencontre",
    "template.column.age_band": "Tranche d'âge",
    "template.column.csp": "Situation professionnelle",
    "template.column.home_commune": "Commune de résidence",
    "template.column.first_time": "Première participation",
    "template.help.id": "# Aide : valeurs possibles (ligne ignorée à l'import, vous pouvez la laisser)",
    "template.help.title": "obligatoire",
    "template.help.text": "ce que la personne a écrit",
    "template.help.commune": "nom ou code INSEE de la commune du lieu",
    "template.help.landmark": "numéro entouré sur la carte du questionnaire de cette commune (facultatif)",
    "template.help.address": "adresse ou lieu écrit par la personne (facultatif, ajouté au texte)",
    "template.help.lon": "facultatif, degrés décimaux (ex. 2,8306)",
    "template.help.lat": "facultatif, degrés décimaux (ex. 50,4325)",
    "template.help.created_at": "JJ/MM/AAAA ou JJ/MM/AAAA HH:MM (vide : aujourd'hui)",
    "template.help.session_place": "facultatif : sinon le lieu indiqué à l'import",
    "template.help.home_commune": "nom ou code INSEE (facultatif)",
    "import.commune_unknown": "Commune inconnue du territoire : « {value} ».",
    "import.landmark_invalid": "N° de repère illisible : « {value} » (un numéro de la carte est attendu).",
    "import.landmark_unknown": (
        "N° de repère inconnu : « {value} » ; la carte de {commune} en compte {count}."
    ),
    "import.landmark_without_commune": (
        "N° de repère « {value} » sans commune : indiquez la commune de la carte."
    ),
    "import.date_ambiguous": (
        "Date ambiguë : « {value} » (année sur quatre chiffres attendue, ex. 28/11/2026)."
    ),
    "import.date_impossible": (
        "Date impossible : « {value} » (attendu : JJ/MM/AAAA ou JJ/MM/AAAA HH:MM, le jour d'abord)."
    ),
    "import.address_line": "Adresse ou lieu : {address}",
    "page.saisie.meeting": "**Rencontre** (gardée pour toute la série de saisies)",
    "page.saisie.meeting_help": (
        "Le canal, la date et le lieu restent d'une contribution à l'autre ; changez-les "
        "quand vous changez de rencontre."
    ),
    "page.saisie.new_meeting": "Nouvelle rencontre",
    # workload and equity (pages/charge_equite.py)
    "page.charge.page": "Charge et équité",
    "page.charge.title": "Charge et équité des réponses",
    "page.charge.intro": (
        "Certains quartiers ou certains publics reçoivent-ils des réponses plus lentes, ou "
        "plus souvent négatives ? Les contributions masquées ne sont pas comptées ; les "
        "réorientations (hors compétence) ne comptent ni comme acceptées ni comme refusées."
    ),
    "page.charge.none": "Aucune contribution pour l'instant.",
    "page.charge.days": "{days} j",
    "page.charge.unanswered": "Contributions ouvertes sans réponse",
    "page.charge.oldest": "Plus ancienne sans réponse",
    "page.charge.median": "Délai médian de première réponse",
    "page.charge.by_service": "**Ouvertes par service**",
    "page.charge.open": "Ouvertes",
    "page.charge.service": "Service",
    "page.charge.by_status": "**Ouvertes par statut**",
    "page.charge.status": "Statut",
    "page.charge.by_zone": "Par commune",
    "page.charge.zone": "Commune",
    "page.charge.by_age_band": "Par tranche d'âge (déclarée)",
    "page.charge.age_band": "Tranche d'âge",
    "page.charge.by_csp": "Par catégorie socioprofessionnelle (déclarée)",
    "page.charge.csp": "Catégorie socioprofessionnelle",
    # following one's contributions (pages/suivi.py)
    "page.suivi.title": "Suivre mes contributions",
    "page.suivi.intro": (
        "Saisissez le code de suivi reçu en contribuant (ou remis par un agent) : vous "
        "verrez où en sont vos contributions et les réponses de la collectivité. Ce code est "
        "personnel : ne le partagez pas."
    ),
    "page.suivi.code": "Code de suivi",
    "page.suivi.show": "Voir mes contributions",
    "page.suivi.deletion_done": (
        "Votre demande de suppression est enregistrée : un agent la traitera."
    ),
    "page.suivi.deletion_gone": (
        "Cette contribution n'existe plus : elle a été supprimée entre-temps. La liste "
        "ci-dessous est à jour."
    ),
    "page.suivi.count": "{count} contribution(s) suivie(s) avec ce code.",
    "page.suivi.status": "**Statut : {status}** · {supports} soutien(s) « moi aussi »",
    "page.suivi.merged": (
        "Votre contribution a été regroupée avec une contribution semblable : vous suivez "
        "désormais aussi celle-ci (plus bas)."
    ),
    "page.suivi.hidden": "Contribution masquée par la modération. Raison : {reason}",
    "page.suivi.personal_data": (
        "En attente de relecture : un agent retire les coordonnées personnelles avant "
        "publication."
    ),
    "page.suivi.unpublished": "En attente de relecture avant publication.",
    "page.suivi.last_answer": "**Dernière réponse de la collectivité** ({date}) : {message}",
    "page.suivi.competent": "**Organisme compétent** : {competent}",
    "page.suivi.deletion_requested": "Suppression demandée : un agent va la traiter.",
    "page.suivi.ask_deletion": "Demander la suppression de cette contribution",
    "page.suivi.reason": "Raison (facultatif)",
    "page.suivi.delete": "Demander la suppression",
    # who is missing (pages/qui_manque.py)
    "page.qui_manque.title": "Qui manque ?",
    "page.qui_manque.intro": (
        "Quelles communes et quels publics sont sous-représentés parmi les contributeurs, "
        "comparés au recensement ? Et où aller pour les rencontrer ?"
    ),
    "page.qui_manque.how_to_read": "Comment lire ces chiffres ?",
    "page.qui_manque.how_to_read_text": """
- **Contributeur** : une personne (identifiant de contributeur) ; une contribution sans identifiant compte pour une personne.
- **Base de comptage** : *lieu des contributions* compte chaque personne dans les communes où elle a placé ses contributions ;
  *commune de résidence* la compte dans la commune qu'elle a déclarée (les personnes qui n'en ont pas déclaré sont laissées de côté, et leur nombre est indiqué).
- **Ratio** d'une commune : contributeurs observés ÷ contributeurs attendus si chaque habitant avait la même chance de participer
  (attendus = population × total des contributeurs ÷ population totale). 1 = en proportion ; 0,5 = deux fois moins que prévu.
- **Intervalle à 95 %** (loi de Poisson exacte) : une commune n'est dite *sous-représentée* que si tout l'intervalle est sous 1,
  *sur-représentée* que s'il est tout entier au-dessus ; sinon *conforme*. On ne conclut jamais sur le ratio brut seul.
- **Ratio lissé** (bayésien empirique) : les petites communes ont des ratios très variables ; le ratio lissé les ramène vers la moyenne
  à proportion de leur incertitude. La carte colore le ratio lissé.
- **Zone blanche** : aucune contribution. **Foyer d'absence** : groupe de communes voisines aux ratios lissés bas (statistique Gi*, au seuil de 5 %).
- **Publics** : part de chaque tranche d'âge ou catégorie socioprofessionnelle (15 ans ou plus) parmi les contributeurs qui l'ont déclarée,
  comparée à sa part dans la population ; indice = part chez les contributeurs ÷ part dans la population (intervalle de Wilson).
  Seules les communes dont la population est connue par âge et catégorie sont prises en compte.
- **Score de représentation** : taux de participation du groupe le moins présent ÷ celui du plus présent (1 = parfaitement équilibré).
- **Secret statistique** : une case commune × public construite sur moins de {min_cell} contributeurs ou habitants est affichée « < 5 »
  et sa valeur n'est jamais montrée ni exportée.
""",
    "page.qui_manque.kind": "Type",
    "page.qui_manque.all": "Tous",
    "page.qui_manque.theme": "Thème",
    "page.qui_manque.channel": "Canal",
    "page.qui_manque.basis": "Compter les contributeurs selon",
    "page.qui_manque.contributors": "Contributeurs",
    "page.qui_manque.with_home": "Avec une commune de résidence",
    "page.qui_manque.with_home_help": (
        "{no_home} sans commune déclarée, {home_outside} hors du territoire."
    ),
    "page.qui_manque.under": "Communes sous-représentées",
    "page.qui_manque.blank_zones": "Zones blanches",
    "page.qui_manque.score": "Score de représentation (âges)",
    "page.qui_manque.score_help": (
        "Taux de participation de la tranche d'âge la moins présente ÷ celui de la plus "
        "présente."
    ),
    "page.qui_manque.no_contribution_widen": (
        "Aucune contribution pour cette sélection : élargissez les filtres."
    ),
    "page.qui_manque.tab.zones": "Communes",
    "page.qui_manque.tab.publics": "Publics",
    "page.qui_manque.tab.cells": "Communes × publics",
    "page.qui_manque.tab.channels": "Canaux",
    "page.qui_manque.where_to_go": "Où aller ?",
    "page.qui_manque.tab.reweighted": "Vue redressée",
    "page.qui_manque.mesh": "Maillage",
    "page.qui_manque.mesh.communes": "Communes",
    "page.qui_manque.mesh.hexagons": "Hexagones",
    "page.qui_manque.mesh_help": (
        "Les hexagones repèrent les lieux dont personne ne parle à l'intérieur d'une commune."
    ),
    "page.qui_manque.ratio_layer": "Ratio de participation (lissé)",
    "page.qui_manque.ratio": "Ratio",
    "page.qui_manque.interval": "Intervalle à 95 %",
    "page.qui_manque.smoothed": "Ratio lissé",
    "page.qui_manque.status": "Statut",
    "page.qui_manque.cold_spots": "Foyers d'absence (Gi*)",
    "page.qui_manque.ratio_legend": (
        "Ratio lissé (1 = participation en proportion de la population)"
    ),
    "page.qui_manque.clusters_note": "Foyers d'absence non calculés : {clusters_note}",
    "page.qui_manque.blank_list": "**Zones blanches** ({count}) : {zones}",
    "page.qui_manque.no_population": "Population inconnue (pas de ratio) : {zones}",
    "page.qui_manque.download_table": "Télécharger le tableau (CSV)",
    "page.qui_manque.file.zones": "representation_communes_{basis}.csv",
    "page.qui_manque.hex_size": "Côté des hexagones",
    "page.qui_manque.hex_size_value": "{size} m",
    "page.qui_manque.hex_info": (
        "Hexagones : on compte les contributeurs selon le lieu de leurs contributions. La "
        "population de chaque hexagone est inconnue : ce sont des comptes, pas des ratios."
    ),
    "page.qui_manque.hex_layer": "Hexagones de {size} m",
    "page.qui_manque.hex_legend": "Contributeurs par hexagone",
    "page.qui_manque.none_left_out": "aucune",
    "page.qui_manque.publics_zones": (
        "Communes prises en compte (population connue par public) : {used}. Laissées de côté "
        ": {left_out}."
    ),
    "page.qui_manque.download": "Télécharger (CSV)",
    "page.qui_manque.file.publics": "representation_publics_{basis}.csv",
    "page.qui_manque.left_out_download": "Communes laissées de côté (CSV)",
    "page.qui_manque.file.left_out_publics": "zones_exclues_publics_{basis}.csv",
    "page.qui_manque.dimension": "Dimension",
    "page.qui_manque.no_cells": "Aucune commune dont la population est connue par public.",
    "page.qui_manque.cell_legend": "Ratio (1 = en proportion)",
    "page.qui_manque.download_cells": "Télécharger (CSV, cases masquées)",
    "page.qui_manque.file.cells": "representation_communes_publics_{basis}.csv",
    "page.qui_manque.file.left_out_cells": "zones_exclues_communes_publics_{basis}.csv",
    "page.qui_manque.channels_intro": (
        "Quels canaux ont touché quels publics et quelles communes ? Pour chaque public : "
        "indice (1 = en proportion de la population) et, entre parenthèses, le nombre de "
        "contributeurs. Comptes selon le lieu des contributions."
    ),
    "page.qui_manque.no_contribution": "Aucune contribution pour cette sélection.",
    "page.qui_manque.channel_zones": "Communes (contributeurs)",
    "page.qui_manque.file.channels": "representation_canaux.csv",
    "page.qui_manque.file.left_out_channels": "zones_exclues_canaux.csv",
    "page.qui_manque.outreach_intro": (
        "Les couples (commune, public) à rencontrer en priorité : d'abord les communes où "
        "personne n'a participé, puis les déficits significatifs, du plus en retard par "
        "rapport à sa part de la population au moins en retard. « Il en manque » : "
        "contributeurs de plus pour atteindre un ratio de 1."
    ),
    "page.qui_manque.no_deficit": (
        "Aucun déficit : chaque commune et chaque public participe au moins en proportion."
    ),
    "page.qui_manque.to_meet": "À rencontrer",
    "page.qui_manque.download_list": "Télécharger la liste (CSV)",
    "page.qui_manque.file.outreach": "ou_aller.csv",
    "page.qui_manque.left_out_outreach": "Communes sans croisement par public (CSV)",
    "page.qui_manque.file.left_out_outreach": "zones_exclues_ou_aller.csv",
    "page.qui_manque.reweighted_intro": (
        "Ce que diraient les contributions si chaque tranche d'âge de chaque commune avait "
        "participé en proportion de sa population (redressement par tranche d'âge × commune)."
    ),
    "page.qui_manque.by_theme": "**Par thème**",
    "page.qui_manque.by_zone": "**Par commune**",
    # where to go next: plain-words reasons and field-entry links (present.representation, pages qui_manque and saisie_terrain)
    "outreach.reason.blank": "Personne n'a participé à {zone} ({population} habitants)",
    "outreach.reason.zone_times": "Les habitants de {zone} participent {times} fois moins que la moyenne du territoire",
    "outreach.reason.zone_percent": "Les habitants de {zone} participent {percent} de moins que la moyenne du territoire",
    "outreach.reason.public_times": "{people} sont {times} fois moins nombreux parmi les contributeurs que dans la population à {zone}",
    "outreach.reason.public_percent": "{people} sont {percent} moins nombreux parmi les contributeurs que dans la population à {zone}",
    "outreach.reason.public_few": "À {zone}, moins de {min_cell} contributeurs parmi {people} : il en manque au moins {needed}",
    "outreach.reason.not_field": "{reason} (à rencontrer avec les écoles et les familles plutôt que sur le terrain)",
    "outreach.reason.uncertain": "{reason} (écart qui peut venir du hasard)",
    "outreach.people.0-14": "Les moins de 15 ans",
    "outreach.people.15-29": "Les 15-29 ans",
    "outreach.people.30-44": "Les 30-44 ans",
    "outreach.people.45-59": "Les 45-59 ans",
    "outreach.people.60-74": "Les 60-74 ans",
    "outreach.people.75+": "Les 75 ans ou plus",
    "outreach.people.CS1": "Les agriculteurs exploitants",
    "outreach.people.CS2": "Les artisans, commerçants et chefs d'entreprise",
    "outreach.people.CS3": "Les cadres",
    "outreach.people.CS4": "Les professions intermédiaires",
    "outreach.people.CS5": "Les employés",
    "outreach.people.CS6": "Les ouvriers",
    "outreach.people.CS7": "Les retraités",
    "outreach.people.CS8": "Les personnes sans activité professionnelle",
    "outreach.column.reason": "Pourquoi",
    "page.qui_manque.outreach.list": "**Dans l'ordre, où aller :**",
    "page.qui_manque.outreach.enter": "Saisie terrain à {zone}",
    "page.saisie.outreach_note": "Sortie « Où aller ? » : {zone}, pour rencontrer en priorité : {people}.",
    "page.saisie.outreach_note_zone": "Sortie « Où aller ? » : {zone}, tous les publics.",
    # shared widgets (web)
    "web.opening_database": "Ouverture de la base…",
    "web.sources": "Sources des données",
    "web.posted_on": "déposée le {date}",
    "web.rejected.line": "ligne",
    "web.rejected.reason": "raison",
    "web.your_place": "Votre lieu",
    "web.no_place": "Aucun lieu choisi pour l'instant.",
    "web.shape.other": "une forme",
    "web.place_chosen": "Lieu choisi : {what} (lat. {lat:.5f}, lon. {lon:.5f}).",
    "web.computing_representation": "Calcul de la représentation…",
    "web.period": "Période",
    # command line: entry point (cli)
    "cli.description": "cartoparti — SIG participatif (ligne de commande)",
    "cli.db.help": (
        "fichier DuckDB ou adresse postgresql://… (défaut : CARTOPARTI_DB ou "
        "data/cartoparti.duckdb)"
    ),
    "cli.settings_error": "Réglage incorrect : {error}",
    "cli.error": "Erreur : {error}",
    # command line: shared (cli._base)
    "cli.loading_territory": "Aucun territoire dans la base : chargement de {folder}.",
    "cli.rejected_row": "ligne {line} : {reason}",
    "cli.rejects_written": "Lignes rejetées écrites dans {target}",
    "cli.rejects_unwritable": "Impossible d'écrire {target} : {error}",
    # command line: contributions (cli.contributions)
    "cli.settings.help": "vérifier et afficher les réglages (variables CARTOPARTI_*)",
    "cli.settings.database": "Base : {backend} ({db})",
    "cli.settings.territory": "Territoire : {territory}",
    "cli.settings.moderation": "Modération : {moderation}",
    "cli.settings.no_tiles": "aucun (couches du territoire)",
    "cli.settings.tiles": "Fond de carte : {tiles}",
    "cli.settings.themes": "Thèmes : {themes}",
    "cli.settings.services": "Services : {services}",
    "cli.init.help": "créer ou mettre à jour la base et charger le territoire",
    "cli.init.territory": "dossier du territoire (défaut : CARTOPARTI_TERRITORY)",
    "cli.init.done": (
        "Base {db} prête : territoire « {territory} », {zones} zones, {landmarks} repères, "
        "{total} contribution(s)."
    ),
    "cli.import.map_invalid": "--map attend CHAMP=COLONNE, reçu « {item} ».",
    "cli.import.help": "importer des contributions (CSV, GeoJSON, GeoPackage)",
    "cli.import.crs": "code EPSG des colonnes x/y",
    "cli.import.kind": "type pour les lignes qui n'en ont pas",
    "cli.import.channel": "canal pour les lignes qui n'en ont pas",
    "cli.import.theme": "thème pour les lignes qui n'en ont pas (un des thèmes réglés)",
    "cli.rejects.help": "CSV des lignes rejetées (défaut : à côté du fichier)",
    "cli.export.help": "exporter les contributions publiées",
    "cli.output.help": "fichier de sortie (défaut : sortie standard)",
    "cli.export.gpkg_needs_file": "Le format gpkg demande un fichier : -o FICHIER.gpkg",
    "cli.export.done": "{count} contribution(s) exportée(s) dans {output}",
    "cli.compact.help": (
        "réécrire la base pour qu'aucune donnée supprimée n'y subsiste (application arrêtée)"
    ),
    "cli.compacted_postgres": (
        "Base PostgreSQL compactée (VACUUM FULL) : {before:.1f} Mo → {after:.1f} Mo."
    ),
    "cli.compact.no_database": "Base introuvable : {db}",
    # command line: agents (cli.agents)
    "cli.user.help": "comptes des agents et administrateurs",
    "cli.user.add.help": (
        "créer un compte (ou changer son rôle et son mot de passe) ; mot de passe lu sur "
        "l'entrée standard ou demandé"
    ),
    "cli.user.name": "nom d'utilisateur",
    "cli.user.list.help": "lister les comptes (sans mot de passe)",
    "cli.user.set_role.help": "changer le rôle d'un compte (effet immédiat)",
    "cli.user.remove.help": (
        "supprimer un compte (ses sessions ouvertes perdent l'accès aussitôt)"
    ),
    "cli.answers.help": "réponses aux contributions",
    "cli.answers.import.help": (
        "enregistrer des réponses en lot depuis un CSV id,status,message[,competent]"
    ),
    "cli.answers.user": "agent qui répond (mot de passe lu sur l'entrée standard ou demandé)",
    "cli.field.help": "saisie terrain (« aller vers »)",
    "cli.field.import.help": (
        "importer des questionnaires papier (modèle CSV de la saisie terrain), saisis par un "
        "agent lors d'une rencontre"
    ),
    "cli.field.user": "agent qui saisit (mot de passe lu sur l'entrée standard ou demandé)",
    "cli.field.date": "date de la rencontre (AAAA-MM-JJ)",
    "cli.field.place": "lieu de la rencontre",
    # command line: representation and outreach (cli.analysis)
    "cli.date_invalid": "date invalide : « {value} » (AAAA-MM-JJ)",
    "cli.kind": "type de contribution",
    "cli.channel": "canal",
    "cli.code_unknown": (
        "{what} inconnu : « {value} » (codes : {codes} ; ou libellés : {labels})."
    ),
    "cli.basis.help": "place : lieu des contributions ; home : commune de résidence déclarée",
    "cli.since.help": "à partir de cette date (incluse)",
    "cli.until.help": "jusqu'à cette date (incluse)",
    "cli.kinds.help": "type de contribution (répétable)",
    "cli.themes.help": "thème (répétable)",
    "cli.channels.help": "canal (répétable)",
    "cli.layer.help": "couche de zones (défaut : la couche principale)",
    "cli.representation.help": "représentation des zones et des publics parmi les contributeurs",
    "cli.representation.without_zone": (
        "{count} contributeur(s) sans zone sur cette base, laissé(s) de côté."
    ),
    "cli.representation.channel_place_only": (
        "--by channel compte sur la base « place » seulement."
    ),
    "cli.representation.left_out_channel": "laissée(s) de côté des lignes d'âge et de catégorie",
    "cli.rows_written": "{count} ligne(s) écrite(s) dans {output}",
    "cli.left_out": "laissée(s) de côté",
    "cli.zones_left_out": (
        "{count} zone(s) sans répartition de la population par public, {what} : {zones}"
    ),
    "cli.outreach.help": "où aller ? les zones et publics à rencontrer en priorité",
    "cli.outreach.top": "nombre de cibles (défaut : 20)",
    "cli.outreach.top_invalid": "--top attend un entier positif.",
    "cli.outreach.left_out": (
        "listée(s) en entier (dimension et groupe « all ») sans croisement par public"
    ),
    "cli.outreach.written": "{count} cible(s) écrite(s) dans {output}",
    "cli.outreach.none": "Aucune cible : aucune zone ni aucun public en déficit.",
    # maps (present.maps)
    "map.popup_label": "{label} : ",
    "map.basemap": "Fond de carte",
    "map.zones": "Communes",
    "map.landmarks": "Patrimoine minier (cités, terrils, puits, bâtis)",
    "map.popup.kind": "Type",
    "map.contributions": "Contributions",
    "map.popup.theme": "Thème",
    "map.popup.date": "Date",
    "map.popup.zone": "Commune",
    "map.popup.status": "Suite donnée",
    "map.popup.answer": "Réponse",
    "map.popup.supports": "Moi aussi",
    "map.supports": "{count} soutien(s)",
    "map.done": "Fait avec les habitants",
    # the paper questionnaire and its CSV template (present.questionnaire)
    "questionnaire.map": "Carte de la commune",
    "questionnaire.title": "Questionnaire — {commune}",
    "questionnaire.heading": "Votre avis compte — {commune}",
    "questionnaire.intro": (
        "{territory}. Un besoin, un signal faible, un souvenir, une proposition, quelque chose "
        "qui ne marche pas :\ndites-le ici. Votre contribution sera saisie par un agent, publiée "
        "sur la carte et recevra une réponse publique."
    ),
    "questionnaire.kind": "1. De quoi s'agit-il ?",
    "questionnaire.title_field": "2. En quelques mots (titre)",
    "questionnaire.text": "3. Votre message",
    "questionnaire.theme": "4. Thème",
    "questionnaire.where": (
        "5. Où ? Marquez le lieu d'une croix sur la carte, ou entourez un numéro"
    ),
    "questionnaire.address": "Adresse ou lieu (si vous le préférez) :",
    "questionnaire.about_you": "6. À propos de vous — facultatif, pour les statistiques seulement",
    "questionnaire.about_you_why": (
        "Ces réponses servent uniquement à savoir quels publics et quels quartiers nous "
        "entendons peu.\nElles ne sont jamais publiées ni exportées publiquement, et ne sont pas "
        "liées à votre nom."
    ),
    "questionnaire.age_band": "Tranche d'âge",
    "questionnaire.csp": "Situation professionnelle",
    "questionnaire.home_commune": "Commune de résidence",
    "questionnaire.first_time": "Est-ce la première fois que vous participez ?",
    "questionnaire.yes": "Oui",
    "questionnaire.no": "Non",
    "questionnaire.what_is_public": (
        "Ce qui sera public : le type, le titre, le message, le thème, le lieu et la date.\n"
        "N'écrivez ni votre nom, ni votre téléphone, ni votre adresse e-mail dans le message.\n"
        "Pour suivre la réponse, demandez à l'agent votre code de suivi personnel."
    ),
    "questionnaire.agent_only": "Réservé à l'agent",
    "questionnaire.agent_fields": (
        " — date de la rencontre : ………………\n lieu : ……………………………… agent : ………………"
    ),
    "questionnaire.follow_code_given": " code de suivi remis : ……………………",
    "questionnaire.example.title": "Exemple : un banc près de l'arrêt de bus",
    "questionnaire.example.text": (
        "Ligne d'exemple : remplacez-la par les réponses des questionnaires."
    ),
    # file imports, continued (io.importer)
    "import.field_unknown": "Champ inconnu dans --map : {fields} (champs : {known}).",
    "import.file_missing": "Fichier introuvable : {path}",
    "import.file_unreadable": "Fichier illisible : {file} ({error})",
    "import.format_unsupported": (
        "Format non pris en charge : {suffix} (CSV, GeoJSON ou GeoPackage)."
    ),
    "import.encoding_unreadable": "Encodage illisible : {file}",
    "import.file_empty": "Fichier vide : {file}",
    "import.outside": "Lieu en dehors du territoire.",
    # tables (io.tables)
    "tables.format_unknown": "Format inconnu : « {fmt} » (csv ou json).",
    # exports (io.export)
    "export.format_unknown": "Format inconnu : {fmt} ({formats}).",
    # territory attribution (io.territory)
    "territory.open_data": "Données ouvertes : Mission Bassin Minier UNESCO, INSEE",
    # charts (present.charts)
    "representation.not_computed": "non calculé",
    "chart.index_axis": "Indice (1 = en proportion de la population)",
    "chart.status": "Statut",
    "chart.group": "Groupe",
    "chart.index": "Indice",
    "chart.zone": "Commune",
    "chart.ratio": "Ratio",
    # representation: labels, captions and tables (present.representation)
    "representation.ratio_class.r0": "moins de 0,5",
    "representation.ratio_class.r1": "de 0,5 à 0,75",
    "representation.ratio_class.r2": "de 0,75 à 0,9",
    "representation.ratio_class.r3": "de 0,9 à 1,1 (proche de 1)",
    "representation.ratio_class.r4": "de 1,1 à 1,33",
    "representation.ratio_class.r5": "de 1,33 à 2",
    "representation.ratio_class.r6": "2 ou plus",
    "representation.unknown_population": "population inconnue",
    "representation.legend.blank": "zone blanche (contour en tirets)",
    "representation.legend.cold_spot": "foyer d'absence (contour violet épais)",
    "representation.legend.suppressed": "« {text} » : case masquée",
    "representation.left_out.publics": (
        "Communes laissées de côté (population par public inconnue)"
    ),
    "representation.left_out.publics_reason": (
        "laissée de côté : population par âge et catégorie inconnue"
    ),
    "representation.left_out.channels": (
        "Publics (âges, catégories) comptés sans les communes dont la population par public "
        "est inconnue ; laissées de côté"
    ),
    "representation.left_out.channels_reason": (
        "laissée de côté des lignes d'âge et de catégorie : population par public inconnue"
    ),
    "representation.left_out.outreach": (
        "Communes dont la population par public est inconnue, listées en entier (« tous "
        "publics ») sans croisement par public"
    ),
    "representation.left_out.outreach_reason": (
        "listée en entier (tous publics) : population par âge et catégorie inconnue"
    ),
    "representation.left_out.none": (
        "Aucune commune laissée de côté : la population par public est connue partout."
    ),
    "representation.left_out.note": "{what} : {zones}.",
    "representation.all_publics": "tous publics",
    "representation.target_at_least": "{group} : au moins {needed} de plus",
    "representation.target": "{group} : {needed} de plus",
    "representation.interval": "{low} à {high}",
    "representation.tooltip_blank": "{name} : zone blanche (aucun contributeur)",
    "representation.tooltip": "{name} : ratio {ratio}, {status}",
    "representation.column.zone": "Zone",
    "representation.column.population": "Population",
    "representation.column.contributors": "Contributeurs",
    "representation.column.expected": "Attendus",
    "representation.column.ratio": "Ratio",
    "representation.column.interval": "Intervalle à 95 %",
    "representation.column.smoothed": "Ratio lissé",
    "representation.column.status": "Statut",
    "representation.column.blank": "Zone blanche",
    "representation.yes": "oui",
    "representation.column.cluster": "Foyer (Gi*)",
    "representation.cold_spot": "foyer d'absence",
    "representation.hot_spot": "foyer de participation",
    "representation.column.group": "Groupe",
    "representation.column.population_share": "Part de la population",
    "representation.column.contributor_share": "Part des contributeurs",
    "representation.column.index": "Indice",
    "representation.chi2.impossible": "test impossible (pas assez de réponses)",
    "representation.chi2.different": (
        "la répartition des contributeurs s'écarte nettement de celle de la population"
    ),
    "representation.chi2.same": "pas d'écart net avec la population",
    "representation.test_caption": (
        "{declared} contributeur(s) sur {contributors} ont indiqué ce renseignement. Test du "
        "khi² : {statistic} ({dof} ddl), p = {p_value} — {verdict}. Score de représentation "
        ": {score}."
    ),
    "representation.channels.total": "Contributeurs (tous)",
    "representation.channels.channel": "Canal",
    "representation.column.rank": "Rang",
    "representation.column.public": "Public",
    "representation.column.needed": "Il en manque",
    "representation.at_least": "au moins {needed}",
    "representation.column.best_channel": "Canal qui a le mieux marché",
    "representation.home_basis": (
        "Base « commune de résidence » : {left_out} contributeur(s) laissé(s) de côté "
        "({no_home} sans commune déclarée, {home_outside} hors du territoire)."
    ),
    "representation.reweighted_caption": (
        "{used} contribution(s) redressée(s) ; laissées de côté : {no_age} sans tranche "
        "d'âge, {no_breakdown} hors des communes dont la population par âge est connue. "
        "Population couverte par au moins une contribution : {coverage:.0f} %."
    ),
    "representation.column.theme": "Thème",
    "representation.column.contributions": "Contributions",
    "representation.column.raw_share": "Part brute",
    "representation.column.reweighted": "Contributions redressées",
    "representation.column.reweighted_share": "Part redressée",
    "representation.hex.none": "aucune contribution",
    "representation.hex.h2": "2 à 4",
    "representation.hex.h3": "5 à 9",
    "representation.hex.h4": "10 à 24",
    "representation.hex.h5": "25 ou plus",
    "representation.hex.outside": "hors des communes",
    "representation.hex.tooltip": (
        "{zone} : {contributors} contributeur(s), {contributions} contribution(s)"
    ),
    "representation.hex.summary": "{count} hexagones, dont {empty} sans aucune contribution.",
    # -- backups (cartoparti backup / restore, the Données page) ----------------------------------
    "cli.backup.help": "sauvegarder toute la base dans un fichier (contributions, réponses, comptes, journal)",
    "cli.backup.file": "fichier de sauvegarde à écrire (.zip)",
    "cli.backup.done": "Sauvegarde écrite dans {file} : {tables} tables, {rows} lignes.",
    "cli.restore.help": "recharger une sauvegarde dans une base neuve (DuckDB ou PostgreSQL)",
    "cli.restore.file": "fichier de sauvegarde à lire",
    "cli.restore.missing": "Sauvegarde introuvable : {file}",
    "cli.restore.done": "Sauvegarde du {created} rechargée dans {db} : {rows} lignes.",
    "backup.unreadable": "Ce fichier n'est pas une sauvegarde de cartoparti lisible ({error}).",
    "backup.format": "Format de sauvegarde inconnu : « {value} ».",
    "backup.truncated": "Sauvegarde incomplète : la table {table} n'a pas toutes ses lignes.",
    "backup.newer": "Cette sauvegarde vient d'une version plus récente de cartoparti (schéma {version}) : mettez à jour d'abord.",
    "backup.not_empty": "La base contient déjà des contributions : rechargez la sauvegarde dans une base neuve.",
    # -- places that come back, weak-signal alerts and stories of places (MESSAGES) --
    # (messages of places that come back, weak-signal alerts and stories of places go here)
    # settings of the weak-signal alerts
    "settings.number_invalid": "{name} : « {value} » n'est pas un nombre entre {low} et {high}.",
    "settings.whole_number_invalid": "{name} : « {value} » n'est pas un nombre entier entre {low} et {high}.",
    # places that come back (commands.clusters, pages/lieux.py, cli places)
    "clusters.eps_invalid": "Le rayon doit être un nombre de mètres entre {low} et {high} (reçu : « {value} »).",
    "clusters.min_contributors_invalid": (
        "Le nombre de contributeurs doit être un nombre entier entre {low} et {high} (reçu : « {value} »)."
    ),
    "clusters.name": "Lieu {number}",
    "cli.places.help": "les lieux qui reviennent : contributions regroupées par densité (en mètres)",
    "cli.places.eps.help": "rayon de voisinage, en mètres (défaut : {default})",
    "cli.places.min_contributors.help": "nombre minimal de contributeurs distincts d'un lieu (défaut : {default})",
    "cli.places.format.help": "format : csv (une ligne par lieu) ou geojson (les emprises)",
    "cli.places.count": "{count} lieu(x) qui revien(nen)t.",
    "page.lieux.page": "Lieux qui reviennent",
    "page.lieux.title": "Lieux qui reviennent",
    "page.lieux.intro": (
        "Les endroits où plusieurs personnes différentes ont déposé des contributions proches les unes des "
        "autres. Un lieu compte des contributeurs distincts, pas des points : une personne qui dépose dix "
        "contributions dans sa rue ne fait pas un lieu à elle seule. Les publics sont masqués sous 5 personnes."
    ),
    "page.lieux.eps": "Rayon de voisinage (mètres)",
    "page.lieux.min_contributors": "Contributeurs distincts au minimum",
    "page.lieux.none": "Aucun lieu ne revient avec ces réglages : essayez un rayon plus grand ou moins de contributeurs.",
    "page.lieux.count": "{count} lieu(x) qui revien(nen)t",
    "page.lieux.layer": "Lieux qui reviennent",
    "page.lieux.story": "Histoire de ce lieu",
    "page.lieux.publics": "Publics des lieux (contributeurs ; masqués sous 5 personnes)",
    "page.lieux.suppressed": "moins de 5",
    "page.lieux.col.name": "Lieu",
    "page.lieux.col.contributions": "Contributions",
    "page.lieux.col.contributors": "Contributeurs distincts",
    "page.lieux.col.kinds": "Types",
    "page.lieux.col.themes": "Thèmes",
    "page.lieux.col.first": "Première",
    "page.lieux.col.last": "Dernière",
    "page.lieux.col.dimension": "Dimension",
    "page.lieux.col.group": "Public",
    "page.lieux.popup.contributors": "Contributeurs",
    "page.lieux.popup.kinds": "Types",
    "page.lieux.popup.themes": "Thèmes",
    "page.lieux.popup.dates": "Dates",
    # weak-signal alerts (app.py for agents, commands.clusters)
    "alerts.unknown": "Alerte inconnue : {key}.",
    "alerts.reason_required": "Dites pourquoi vous écartez cette alerte (la raison est obligatoire).",
    "alerts.reason_too_long": "La raison ne doit pas dépasser {max} caractères.",
    "alerts.plan_item_required": "Indiquez l'action du plan à laquelle rattacher cette alerte.",
    "alerts.title": "Alertes : des signaux faibles se rassemblent",
    "alerts.summary": (
        "{contributors} personnes différentes ont signalé des signaux faibles à moins de {radius} m "
        "les unes des autres, du {first} au {last}."
    ),
    "alerts.signals": "Signaux : {titles}",
    "alerts.acknowledge": "Je prends en charge",
    "alerts.dismiss": "Écarter",
    "alerts.reason": "Raison (obligatoire pour écarter)",
    "alerts.acknowledged": "Alerte prise en charge.",
    "alerts.dismissed": "Alerte écartée.",
    "alerts.see_places": "Voir les lieux qui reviennent",
    "alerts.to_plan": "Inscrire au plan d'action",
    "alerts.to_plan_submit": "Créer l'action à partir de ces signaux",
    "alerts.to_plan_overload": "Attention : le service {service} dépasse sa capacité en {month}.",
    "alerts.planned": "Action inscrite au plan d'action, nourrie par ces signaux.",
    # stories of places (pages/histoire.py, commands.stories)
    "story.unknown": "Ce lieu est introuvable : « {id} ».",
    "page.histoire.page": "Histoire d'un lieu",
    "page.histoire.choose": "Choisissez un lieu du patrimoine",
    "page.histoire.lead": (
        "Chaque lieu du bassin minier a son histoire : les souvenirs que les habitants y ont "
        "attachés, le patrimoine autour, ce qu'ils y souhaitent aujourd'hui et ce que la "
        "commune y a fait. Choisissez une cité, un terril, un puits ou un bâtiment."
    ),
    "page.histoire.placeholder": "Tapez ou choisissez un nom de lieu",
    "page.histoire.intro": (
        "Les souvenirs déposés autour de ce lieu, le patrimoine voisin, les besoins et propositions "
        "des environs, et ce qui a été fait."
    ),
    "page.histoire.around": "Dans un rayon de {radius} m autour de ce lieu.",
    "page.histoire.memories": "Souvenirs",
    "page.histoire.heritage": "Patrimoine autour",
    "page.histoire.nearby": "Besoins et propositions des environs",
    "page.histoire.done": "Ce qui a été fait",
    "page.histoire.none": "Rien pour l'instant.",
    "page.histoire.share": "Lien à partager : {link}",
    "page.histoire.place": "Lieu qui revient n° {number}",
    "alerts.not_convertible": (
        "Cette alerte a déjà été traitée ({state}) : elle ne peut plus être prise en charge, "
        "écartée ni devenir une action du plan."
    ),
    "alerts.state.planned": "inscrite au plan d'action",
    "alerts.state.dismissed": "écartée",
    "alerts.state.superseded": "remplacée par une alerte plus large",
    "alerts.taken_by": "Prise en charge par {who} le {when}.",
    # (keep them in this section; add new keys above this line)

    # -- the action plan and the services' capacity (MESSAGES) --
    "plan.number_invalid": "« {value} » n'est pas un nombre.",
    "plan.cost_negative": "Le coût estimé ne peut pas être négatif.",
    "plan.agent_days_negative": "Le nombre de jours-agents ne peut pas être négatif.",
    "plan.capacity_negative": "La capacité ne peut pas être négative.",
    "plan.date_invalid": "« {value} » n'est pas une date (AAAA-MM-JJ).",
    "plan.zone_unknown": "La zone « {code} » n'existe pas sur ce territoire.",
    "plan.outside": "Ce lieu est hors du territoire.",
    "plan.contribution_unknown": "Contribution inconnue : {ids}. Rien n'a été enregistré.",
    "plan.contribution_not_public": (
        "Seule une contribution publiée et visible peut nourrir une action : {ids} ne l'est pas "
        "(masquée, en attente de modération ou fusionnée). Rien n'a été enregistré."
    ),
    "plan.contribution_required": "Choisissez au moins une contribution à lier.",
    "plan.title_required": "Donnez un titre à l'action.",
    "plan.title_too_long": "Le titre dépasse {max} caractères.",
    "plan.description_too_long": "Le texte dépasse {max} caractères.",
    "plan.level_unknown": "Niveau de participation inconnu : « {value} » (attendu : {levels}).",
    "plan.service_unknown": "Service inconnu : « {value} » (services : {services}).",
    "plan.start_required": "Donnez la date de début de l'action.",
    "plan.milestone_label_required": "Donnez un intitulé à l'étape.",
    "plan.milestone_label_too_long": "L'intitulé de l'étape dépasse {max} caractères.",
    "plan.milestone_before_start": "L'étape du {date} tombe avant le début de l'action ({start}).",
    "plan.start_after_milestone": "Le début ({start}) tombe après une étape déjà prévue (le {date}).",
    "plan.item_unknown": "Action inconnue : « {id} ».",
    "plan.status_unknown": "Statut inconnu : « {value} » (attendu : {statuses}).",
    "plan.reason_required": (
        "Une action abandonnée doit dire publiquement pourquoi ({min} caractères au moins)."
    ),
    "plan.not_linked": "La contribution « {id} » n'est pas liée à cette action.",
    "plan.milestone_unknown": "Étape inconnue : n° {step}.",
    "plan.overload": (
        "Le service « {service} » dépasserait sa capacité en {month} : "
        "{load} jours-agents prévus pour {capacity} disponibles."
    ),
    "plan.made_with_residents": "Fait avec les habitants",
    "map.realised": "Réalisé : l'action du plan qu'elle a nourrie est faite",
    "page.plan.page": "Plan d'action",
    "page.plan.title": "Plan d'action",
    "page.plan.intro": (
        "Le plan d'action de la commune, public : chaque action dit son lieu, son service, son niveau "
        "de participation, son coût et ses jours-agents estimés, ses étapes et les contributions qui "
        "l'ont nourrie. Avant d'enregistrer, la page prévient si un service dépasse sa capacité."
    ),
    "page.plan.tab_list": "Les actions",
    "page.plan.tab_new": "Nouvelle action",
    "page.plan.tab_edit": "Suivre une action",
    "page.plan.tab_capacity": "Capacité des services",
    "page.plan.none": "Le plan d'action ne compte encore aucune action.",
    "page.plan.item_title": "Intitulé de l'action *",
    "page.plan.description": "Description (publique)",
    "page.plan.service": "Service responsable",
    "page.plan.level": "Niveau de participation",
    "page.plan.zone": "Lieu (commune)",
    "page.plan.no_zone": "Tout le territoire (pas de lieu précis)",
    "page.plan.cost": "Coût estimé (euros)",
    "page.plan.days": "Jours-agents estimés",
    "page.plan.start": "Début",
    "page.plan.milestones": "**Étapes** (facultatives ; pas avant le début)",
    "page.plan.milestone_label": "Étape {n}",
    "page.plan.milestone_date": "Date de l'étape {n}",
    "page.plan.links": "**Contributions qui ont nourri l'action**",
    "page.plan.search": "Chercher une contribution (mots du titre ou du message, ou identifiant)",
    "page.plan.search_hint": "trottoir gare",
    "page.plan.search_none": "Aucune contribution ne contient ces mots.",
    "page.plan.option": "{title} · {kind} · {id}",
    "page.plan.contributions": "Contributions choisies",
    "page.plan.contributions_hint": "Cherchez ci-dessus, puis choisissez",
    "page.plan.confirm_overload": "J'ai vu l'avertissement : enregistrer quand même",
    "page.plan.create": "Enregistrer l'action",
    "page.plan.created": "Action enregistrée : {title}.",
    "page.plan.pick": "Action",
    "page.plan.pick_option": "{title} · {status} · {id}",
    "page.plan.status_title": "Statut",
    "page.plan.status": "Nouveau statut",
    "page.plan.reason": "Raison publique (obligatoire pour un abandon)",
    "page.plan.reason_help": "Elle est montrée aux habitants avec l'action abandonnée.",
    "page.plan.set_status": "Changer le statut",
    "page.plan.status_done": "Statut enregistré : {status}.",
    "page.plan.milestones_title": "Étapes",
    "page.plan.tick": "Faite",
    "page.plan.undo": "Pas encore",
    "page.plan.new_milestone": "Nouvelle étape",
    "page.plan.new_milestone_date": "Date",
    "page.plan.add_milestone": "Ajouter l'étape",
    "page.plan.milestone_added": "Étape ajoutée.",
    "page.plan.milestone_ticked": "Étape mise à jour.",
    "page.plan.links_title": "Contributions liées",
    "page.plan.linked_row": "- {title} (`{id}`)",
    "page.plan.linked_row_hidden": "- {title} (`{id}`) — plus visible du public : ne compte pas publiquement",
    "page.plan.unlink": "Délier",
    "page.plan.link": "Lier les contributions choisies",
    "page.plan.linked": "{count} contribution(s) liée(s).",
    "page.plan.unlinked": "Contribution déliée.",
    "page.plan.edit_fields": "Modifier l'intitulé, la description, le service, le coût, les jours, le début",
    "page.plan.save": "Enregistrer les modifications",
    "page.plan.updated": "Modifications enregistrées.",
    "page.plan.capacity_intro": (
        "Charge prévue de chaque service, par mois, face à sa capacité en jours-agents. Les jours "
        "d'une action sont répartis également sur les mois de son début à sa dernière étape (tout "
        "sur le mois du début sans étape) ; les actions abandonnées ne comptent pas."
    ),
    "page.plan.no_load": "Aucune action ne prévoit encore de jours-agents.",
    "page.plan.capacity": "Capacité (jours-agents par mois)",
    "page.plan.capacity_title": "Changer la capacité d'un service",
    "page.plan.capacity_save": "Enregistrer",
    "page.plan.capacity_saved": "Capacité enregistrée pour « {service} ».",
    "page.plan.capacity_admin_only": "Seul un administrateur change la capacité des services.",
    "page.plan_public.title": "Ce que la commune fait",
    "page.plan_public.intro": (
        "Le plan d'action de la commune, tenu à jour : chaque action, son avancement et ses étapes. "
        "« Fait avec les habitants » : des contributions ont nourri l'action. Une action abandonnée "
        "dit publiquement pourquoi."
    ),
    "page.plan_public.none": "Le plan d'action ne compte encore aucune action.",
    "page.plan_public.with_residents": "Faites avec les habitants",
    "page.plan_public.filter": "Statut",
    "page.plan_public.all": "Tous",
    "page.plan_public.to_map": "Voir les contributions sur la carte",
    "page.contribution.plan": "Ce que cette contribution a nourri",
    "page.suivi.plan": "Votre contribution a nourri une action du plan de la commune :",
    "chart.capacity.over": "au-delà de la capacité",
    "chart.capacity.within": "dans la capacité",
    "chart.capacity.days": "jours-agents prévus",
    "chart.capacity.month": "Mois",
    "chart.capacity.load": "Prévu",
    "chart.capacity.capacity": "Capacité",
    "plan.card.status": "**{status}**",
    "plan.card.level": "participation : {level}",
    "plan.card.start": "début le {date}",
    "plan.card.cost": "coût estimé : {cost}",
    "plan.card.with_residents": "🤝 fait avec les habitants ({count} contribution(s))",
    "plan.card.reason": "Abandonnée : {reason}",
    "plan.card.milestone": "- ⬜ {date} — {label}",
    "plan.card.milestone_done": "- ✅ {date} — {label}",
    "plan.map_legend": (
        "Les ronds pointillés : les actions du plan de la commune (violet prévu, orange en cours, "
        "vert fait, gris abandonné). Les cailloux blancs cerclés de vert : les contributions réalisées."
    ),
    "map.plan": "Plan d'action de la commune",
    "map.popup.plan_start": "Début",
    "map.popup.plan_service": "Service",
    "map.popup.plan_reason": "Pourquoi abandonné",
    "cli.plan.help": "le plan d'action : ajouter une action, lier des contributions, étapes, statut, liste",
    "cli.plan.user": "l'agent qui agit (mot de passe : entrée standard ou invite)",
    "cli.plan.add.help": "ajouter une action au plan (statut « prévu »)",
    "cli.plan.start": "date de début (AAAA-MM-JJ)",
    "cli.plan.cost": "coût estimé en euros",
    "cli.plan.days": "jours-agents estimés",
    "cli.plan.zone": "code de la zone où porte l'action (sinon --lon/--lat ou --wkt)",
    "cli.plan.contribution": "identifiant d'une contribution qui a nourri l'action (répétable)",
    "cli.plan.milestone": "une étape AAAA-MM-JJ=intitulé (répétable)",
    "cli.plan.link.help": "lier des contributions à une action (--remove : délier)",
    "cli.plan.remove": "délier au lieu de lier",
    "cli.plan.milestone.help": "ajouter une étape (--date, --label) ou la cocher (--done N, --undone N)",
    "cli.plan.status.help": "changer le statut d'une action (abandonné : --reason obligatoire)",
    "cli.plan.reason": "raison publique d'un abandon",
    "cli.plan.list.help": "le plan d'action en CSV ou JSON",
    "cli.plan.milestone_invalid": "« {value} » : une étape s'écrit AAAA-MM-JJ=intitulé.",
    "cli.plan.wkt_invalid": "Géométrie WKT illisible : « {value} ».",
    "cli.plan.nothing_done": "Rien n'a été enregistré.",
    "cli.plan.linked": "{count} contribution(s) liée(s) à l'action {item}.",
    "cli.plan.unlinked": "{count} contribution(s) déliée(s) de l'action {item}.",
    "cli.plan.milestone_added": "Étape n° {step} ajoutée à l'action {item}.",
    "cli.plan.milestone_ticked": "Étape n° {step} de l'action {item} mise à jour.",
    "cli.plan.status_set": "Action {item} : {status}.",
    "settings.capacity_invalid": (
        "CARTOPARTI_CAPACITY : « {value} » n'est pas de la forme service=jours "
        "(un nombre positif ou nul, décimales avec un point)."
    ),
    "settings.capacity_service_unknown": (
        "CARTOPARTI_CAPACITY : le service « {service} » n'est pas dans CARTOPARTI_SERVICES ({services})."
    ),
    "settings.capacity_twice": "CARTOPARTI_CAPACITY : le service « {service} » est nommé deux fois.",
    # (messages of the action plan and the services' capacity go here)
    # (keep them in this section; add new keys above this line)

    # -- priorities and the council brief (MESSAGES) --
    # (messages of priorities and the council brief go here)
    "priorities.kind_unknown": "Type de contribution inconnu : « {value} » (types : {codes}).",
    "cli.priorities.help": "Classer les propositions et besoins (soutiens, contributeurs, diversité des publics ; bruts et repondérés)",
    "cli.priorities.kind": "type de contribution (code ou libellé) ; par défaut propositions et besoins",
    "cli.priorities.written": "{count} priorités écrites dans {output}.",
    "page.priorites.title": "Priorités",
    "page.priorites.intro": "Les propositions et besoins que les habitants portent le plus : soutiens « moi aussi », nombre de personnes (auteurs, y compris des doublons fusionnés, et soutiens) et variété des publics qui les ont écrits.",
    "page.priorites.how_to_read": "Comment lire « repondéré » ?",
    "page.priorites.how_to_read_text": "Certains publics participent plus que d'autres. Pour en tenir compte, chaque personne dont on connaît la tranche d'âge et la commune compte pour le **poids de son public** : sa part dans la population du recensement divisée par sa part parmi les contributeurs. Un public deux fois plus présent parmi les contributeurs que dans la population compte pour un demi ; un public deux fois moins présent compte pour deux. Les soutiens « moi aussi », anonymes, et les personnes sans profil comptent pour 1.\n\nUne priorité dont le nombre repondéré est nettement plus bas que le nombre brut est portée surtout par un public déjà très présent ; plus haut, par un public qu'on entend peu.\n\nLes publics d'une priorité ne sont montrés qu'à partir de {min_cell} personnes de profil connu, jamais personne par personne.",
    "page.priorites.kind": "Type de contribution",
    "page.priorites.all_kinds": "Propositions et besoins",
    "page.priorites.none": "Aucune contribution publiée de ce type pour l'instant.",
    "page.priorites.download": "Télécharger le tableau (CSV)",
    "page.bilan.title": "Bilan pour le conseil",
    "page.bilan.intro": "Un document à présenter en conseil : cartes du territoire et de la participation, qui a participé et qui manque, les priorités des habitants et les réponses données. Il est établi à partir des données du moment, sans rien demander à l'extérieur.",
    "page.bilan.pdf": "Télécharger le bilan (PDF)",
    "page.bilan.html": "Télécharger le bilan (page web)",
    "page.bilan.contents": "Ce que contient le bilan :",
    "brief.format_unknown": "Format de bilan inconnu : « {fmt} » (formats : {formats}).",
    "cli.report.help": "Écrire le bilan pour le conseil (PDF ou HTML)",
    "cli.report.output": "fichier du bilan (obligatoire)",
    "cli.report.written": "Bilan écrit dans {output}.",
    "brief.title": "Bilan de la participation pour le conseil",
    "brief.generated": "Document établi le {date} à partir des contributions publiées et des réponses données.",
    "brief.contents": "Sommaire",
    "brief.page": "Page",
    "brief.days": "{days} jours",
    "brief.attribution.title": "Sources des données",
    "brief.territory.title": "Le territoire et les contributions",
    "brief.territory.intro": "{name} : {zones} zones, {contributions} contributions publiées. Chaque point de la carte est une contribution.",
    "brief.territory.zones": "zones",
    "brief.territory.sample": "La carte montre {shown} contributions tirées au hasard parmi {total}.",
    "brief.answers.refusals_more": "Les {shown} refus les plus récents sont listés, sur {total}.",
    "brief.territory.contributions": "contributions publiées",
    "brief.territory.map": "Carte du territoire et des contributions publiées",
    "brief.territory.legend.zone": "zone du territoire",
    "brief.territory.legend.contribution": "contribution",
    "brief.representation.title": "Où la participation est la plus faible",
    "brief.representation.intro": "La carte compare, zone par zone, le nombre de contributeurs au nombre attendu si chaque habitant avait la même chance de participer (rapport lissé : 1 = autant qu'attendu ; en rouge, moins ; en bleu, plus).",
    "brief.representation.how": "Zones sous-représentées : {under}. Zones blanches (aucun contributeur) : {blank}.",
    "brief.representation.map": "Représentation des zones parmi les contributeurs",
    "brief.representation.under_table": "Zones sous-représentées",
    "brief.participation.title": "Qui a participé, qui manque",
    "brief.participation.intro": "{contributors} personnes ont contribué. Les tableaux comparent leur âge et leur catégorie socio-professionnelle, quand elles les ont indiqués, à la population du recensement.",
    "brief.participation.contributors": "contributeurs",
    "brief.participation.with_home": "ont indiqué leur commune",
    "brief.participation.under_zones": "zones sous-représentées",
    "brief.participation.blank_zones": "zones blanches",
    "brief.participation.table": "Contributeurs et population par {dimension}",
    "brief.caveat.small_numbers": "Petits nombres : avec peu de contributeurs, un écart peut venir du hasard ; les croisements de moins de {min_cell} personnes ne sont pas montrés.",
    "brief.caveat.self_declared": "Profils déclarés : l'âge, la catégorie et la commune sont ceux que les personnes ont bien voulu indiquer, sans vérification ; beaucoup ne les donnent pas.",
    "brief.caveat.census": "La population de référence est celle du recensement de l'INSEE de {year} : elle a pu changer depuis.",
    "brief.caveat.census_unknown": "La population de référence est celle du recensement cité dans les sources : elle a pu changer depuis.",
    "brief.priorities.title": "Les priorités des habitants",
    "brief.priorities.intro": "Les propositions et besoins les plus soutenus (« moi aussi »), puis ceux portés par le plus de personnes et par les publics les plus variés.",
    "brief.priorities.reweighted": "« Repondéré » : chaque personne dont on connaît l'âge et la commune compte pour le poids de son public, moins de 1 si ce public est sur-représenté parmi les contributeurs par rapport au recensement, plus de 1 s'il est sous-représenté ; les autres comptent pour 1. Un nombre repondéré nettement plus bas que le nombre brut signale une priorité portée surtout par un public déjà très présent.",
    "brief.priorities.secrecy": "Les publics d'une priorité ne sont montrés qu'à partir de {min_cell} personnes de profil connu, jamais personne par personne.",
    "brief.priorities.table": "Les {count} premières priorités",
    "brief.priorities.none": "Aucune proposition ni aucun besoin publié pour l'instant.",
    "brief.priorities.publics_hidden": "moins de {min_cell} profils connus",
    "brief.answers.title": "Les réponses données",
    "brief.answers.none": "Aucune contribution à laquelle répondre pour l'instant.",
    "brief.answers.contributions": "contributions à traiter",
    "brief.answers.answered": "ont reçu une réponse",
    "brief.answers.median": "délai médian de la première réponse",
    "brief.answers.declined": "refus",
    "brief.answers.by_zone": "Réponses par zone",
    "brief.answers.refusals": "Les refus et leurs raisons",
    "brief.answers.no_refusal": "Aucune contribution n'a été refusée.",
    "brief.answers.definitions": "Une contribution a reçu une réponse quand un message public lui a été adressé. Le taux d'acceptation compte les contributions acceptées, en cours ou réalisées parmi celles qui ont reçu une décision (acceptée ou refusée).",
    "brief.column.zone": "Zone",
    "brief.column.population": "Population",
    "brief.column.contributors": "Contributeurs",
    "brief.column.expected": "Attendus",
    "brief.column.ratio": "Rapport",
    "brief.column.group": "Public",
    "brief.column.population_share": "Part de la population",
    "brief.column.contributor_share": "Part des contributeurs",
    "brief.column.status": "Constat",
    "brief.column.rank": "Rang",
    "brief.column.title": "Titre",
    "brief.column.kind": "Type",
    "brief.column.supports": "Soutiens",
    "brief.column.people": "Personnes",
    "brief.column.reweighted": "Personnes (repondéré)",
    "brief.column.publics": "Publics (âge)",
    "brief.column.contributions": "Contributions",
    "brief.column.answer_rate": "Taux de réponse",
    "brief.column.median_days": "Délai médian (jours)",
    "brief.column.acceptance": "Taux d'acceptation",
    "brief.column.reason": "Raison donnée",
    "brief.column.number": "N°",
    "brief.column.kinds": "Types",
    "brief.column.period": "Période",
    "brief.places.title": "Les lieux qui reviennent",
    "brief.places.intro": "Des contributions de plusieurs personnes se rassemblent en certains lieux : au moins {min} personnes différentes à moins de {eps} mètres les unes des autres. Ces lieux méritent une attention particulière, quels que soient les sujets.",
    "brief.places.none": "Aucun lieu ne rassemble pour l'instant les contributions de plusieurs personnes.",
    "brief.places.count": "lieux qui reviennent",
    "brief.places.members": "contributions dans ces lieux",
    "brief.places.map": "Les lieux qui reviennent (numérotés comme dans le tableau)",
    "brief.places.legend": "lieu qui revient",
    "brief.places.table": "Les {count} lieux qui rassemblent le plus de contributions",
    "brief.places.period": "du {first} au {last}",
    "brief.plan.title": "Le plan d'action et son avancement",
    "brief.plan.none": "Aucune action n'est encore inscrite au plan d'action.",
    "brief.plan.intro": "{items} actions sont inscrites au plan d'action, dont {residents} nourries par des contributions d'habitants (« fait avec les habitants »). Le plan est public : chacun le consulte sur la page « Ce que la commune fait ».",
    "brief.plan.milestones": "étapes franchies",
    "brief.plan.milestones_value": "{done} sur {total}",
    "brief.plan.no_residents": "—",
    "brief.plan.next": "{date} : {label}",
    "brief.plan.table": "Les actions du plan",
    "brief.plan.abandoned": "Les actions abandonnées et la raison donnée au public",
    "brief.column.action": "Action",
    "brief.column.service": "Service",
    "brief.column.level": "Participation",
    "brief.column.plan_status": "Statut",
    "brief.column.with_residents": "Contributions liées",
    "brief.column.next_milestone": "Prochaine étape",
    # (keep them in this section; add new keys above this line)

    # -- notifications to residents and open exports (MESSAGES) --
    # (messages of notifications to residents and open exports go here)
    "settings.smtp_port": "CARTOPARTI_SMTP_PORT : « {value} » n'est pas un numéro de port (1 à 65535).",
    "settings.smtp_from_missing": (
        "CARTOPARTI_SMTP_FROM manque : donnez l'adresse d'expédition des courriels "
        "(par exemple participation@mairie.fr)."
    ),
    "settings.smtp_from_invalid": "CARTOPARTI_SMTP_FROM : « {value} » n'est pas une adresse électronique.",
    "settings.smtp_credentials": (
        "CARTOPARTI_SMTP_USER et CARTOPARTI_SMTP_PASSWORD vont ensemble : donnez les deux ou aucun."
    ),
    "settings.smtp_starttls": "CARTOPARTI_SMTP_STARTTLS : « {value} » n'est ni oui ni non.",
    "settings.public_url_invalid": (
        "CARTOPARTI_PUBLIC_URL : « {value} » doit commencer par https:// (ou http://)."
    ),
    "cli.settings.smtp": "Courriels aux habitants : {smtp}",
    "cli.settings.no_smtp": "aucun (la commune n'envoie pas de courriels)",
    "notify.email_invalid": "« {value} » n'est pas une adresse électronique (exemple : prenom.nom@exemple.fr).",
    "notify.consent_required": (
        "Cochez la case pour accepter que la commune garde votre adresse, ou laissez le champ vide."
    ),
    "notify.email_label": "Votre adresse électronique (facultatif)",
    "notify.email_help": (
        "Pour être prévenu(e) quand cette contribution change de statut ou nourrit le plan d'action."
    ),
    "notify.consent_label": (
        "J'accepte que la commune garde mon adresse pour me prévenir des suites de cette "
        "contribution. Elle n'est jamais publiée ni exportée, sert à cela seul et est effacée "
        "avec la contribution."
    ),
    "notify.no_mail": (
        "La commune n'envoie pas encore de courriels : suivez votre contribution avec votre code de suivi."
    ),
    "notify.support_email_label": "Être prévenu(e) par courriel (facultatif)",
    "notify.support_with_email": "Merci, votre soutien est compté ; vous serez prévenu(e) des suites.",
    "notify.role_author": "faite",
    "notify.role_supporter": "soutenue",
    "notify.no_message": "(pas de message)",
    "notify.status_subject": "Votre contribution « {title} » : {status}",
    "notify.status_body": (
        "Bonjour,\n\n"
        "La contribution « {title} » que vous avez {role} a changé de statut : {status}.\n\n"
        "Réponse de la commune :\n{message}\n\n"
        "Voir la contribution : {link}\n"
        "Suivre vos contributions avec votre code de suivi : {follow}"
    ),
    "notify.plan_subject": "Votre contribution nourrit le plan d'action : « {item} »",
    "notify.plan_body": (
        "Bonjour,\n\n"
        "Ce que vous avez dit ou soutenu nourrit une action du plan de la commune : « {item} ».\n\n"
        "Contribution(s) :\n{contributions}\n\n"
        "Suivre vos contributions avec votre code de suivi : {follow}"
    ),
    "notify.plan_line": "- « {title} » : {link}",
    "notify.you_are_notified": (
        "Vous avez laissé une adresse électronique pour être prévenu(e) des suites de vos contributions."
    ),
    "notify.stop": "Ne plus recevoir de courriels (effacer mon adresse)",
    "notify.stopped": "Votre adresse électronique est effacée : vous ne recevrez plus de courriels.",
    "export.open311.service_description": "Contributions des habitants sur le thème « {theme} »",
    "export.open311.group": "participation des habitants",
    "export.page_help": (
        "Seules les contributions publiées et visibles, sans aucune donnée de profil ni "
        "adresse électronique ; les codes sont suivis de leurs libellés en français. "
        "Le GeoPackage a une couche par table (contributions, une couche par type de "
        "géométrie : points, lignes, surfaces, dates en champs date-heure ; zones "
        "avec contributions, contributeurs, population, part et statut de représentation ; "
        "lieux qui reviennent avec leur emprise ; actions du plan d'action) ; "
        "le fichier Open311 réunit les documents « services » (un par thème) et « requests » "
        "(une demande par contribution) de GeoReport v2."
    ),
    "export.open311.request_description": "{kind} : {title}\n\n{text}",
    "notify.footer": (
        "Vous recevez ce courriel parce que vous avez laissé votre adresse avec cette contribution. "
        "Votre adresse n'est jamais publiée ; elle est effacée avec la contribution. Pour ne plus "
        "recevoir de courriels : « Ne plus recevoir de courriels » sur la page de suivi, avec votre "
        "code de suivi, ou écrivez à la mairie ({sender}) en donnant cette adresse : un agent "
        "l'efface de toutes les contributions.\n-- \ncartoparti"
    ),
    "notify.forget_title": "Effacer une adresse électronique",
    "notify.forget_help": (
        "À la demande d'un habitant (par courriel ou au guichet) : son adresse est effacée de "
        "toutes les contributions qu'il a faites ou soutenues ; il ne reçoit plus de courriels."
    ),
    "notify.forget_email": "Adresse électronique à effacer",
    "notify.forget_button": "Effacer cette adresse partout",
    "notify.forgotten": "Adresse effacée : elle suivait {count} contribution(s).",
    "notify.forgotten_none": "Cette adresse n'était gardée pour aucune contribution : rien à effacer.",
    "cli.forget_address.help": (
        "effacer partout une adresse électronique laissée par un habitant (il ne reçoit plus de courriels)"
    ),
    # Server shell and sign-in sessions
    "page.busy": (
        "La base de données est occupée (une opération est en cours) : réessayez dans un "
        "instant. La page réessaie d'elle-même dans quelques secondes."
    ),
    "serve.bad_option": (
        "Option inconnue ou sans valeur : {option} (serve.py prend les réglages de Streamlit "
        "par paires, par exemple --server.port 8600)."
    ),
    "settings.secret_key_short": (
        "CARTOPARTI_SECRET_KEY est trop courte : au moins {min} caractères (par exemple "
        "le résultat de « python -c 'import secrets; print(secrets.token_urlsafe(48))' »)."
    ),
    # Abuse: limits, honeypot, reports, moderation
    "limits.wait": "Trop de tentatives en peu de temps : réessayez dans {minutes} minute(s).",
    "settings.rate_limit_unknown": (
        "CARTOPARTI_RATE_LIMITS : action inconnue « {action} » (actions possibles : {actions})."
    ),
    "settings.rate_limit_invalid": (
        "CARTOPARTI_RATE_LIMITS : « {value} » n'est pas de la forme action=nombre/minutes "
        "(nombres entiers, au moins 1)."
    ),
    "settings.rate_limit_twice": "CARTOPARTI_RATE_LIMITS : l'action « {action} » est donnée deux fois.",
    "password.blank": "Le mot de passe ne peut pas être vide ni fait seulement d'espaces.",
    "password.one_character": "Le mot de passe ne peut pas répéter un seul caractère.",
    "password.contains_name": "Le mot de passe ne doit pas contenir le nom d'utilisateur.",
    "accounts.password_policy_help": (
        "Au moins {min} caractères, sans le nom d'utilisateur, pas un mot de passe courant "
        "(une phrase de plusieurs mots convient) ; à transmettre à la personne, qui le changera."
    ),
    "password.common": "Ce mot de passe est trop courant : choisissez-en un autre (une phrase de plusieurs mots, par exemple).",
    "report.action": "Signaler ce contenu",
    "report.intro": (
        "Ce contenu vous semble contraire à la charte (injure, publicité, donnée personnelle…) ? "
        "Dites-le aux modérateurs de la commune : ils le relisent et décident."
    ),
    "report.reason": "Raison",
    "report.detail": "Précisions (facultatif)",
    "report.send": "Envoyer le signalement",
    "report.sent": "Merci : votre signalement a été transmis aux modérateurs.",
    "report.reason_required": "Choisissez une raison.",
    "report.detail_too_long": "Les précisions doivent tenir en {max} caractères.",
    "page.contribuer.honeypot": "Site web (laisser vide)",
    "page.moderation.tab.reports": "Signalements ({count})",
    "page.moderation.no_report": "Aucune contribution signalée par les habitants.",
    "page.moderation.reports.pick": "Contribution signalée",
    "page.moderation.reports.option": "{title} — {count} signalement(s)",
    "page.moderation.reports.keep": "Garder (le contenu respecte la charte)",
    "page.moderation.reports.hide_reason": "Raison du masquage (publique)",
    "page.moderation.reports.hide": "Masquer",
    "page.moderation.reports.kept": "Contribution gardée : ses signalements sont effacés.",
    "page.moderation.reports.hidden": "Contribution masquée : ses signalements sont effacés.",
    # Imports: limits and robustness
    # shapes (model.check_geometry), for the form and imports alike
    "location.type_unsupported": "Forme non prise en charge : {type} (un point, une ligne ou une surface).",
    "location.too_many_vertices": (
        "La forme a trop de sommets : {count} ({max} au plus). Simplifiez-la."
    ),
    "location.not_finite": "Coordonnées non finies (NaN ou infini) : ce lieu n'existe pas.",
    "location.not_wgs84": (
        "Coordonnées hors limites : longitude entre -180 et 180, latitude entre -90 et 90 (WGS84)."
    ),
    "location.too_large": "La surface est trop grande : {area} km² ({max} km² au plus).",
    "created_at.out_of_range": "Date hors limites : une date entre {first} et {last} est attendue.",
    # import files (io.importer)
    "import.file_too_large": "Fichier trop gros : {file} ({size} Mo ; {max} Mo au plus).",
    "import.binary": (
        "{file} n'est pas un fichier texte (il contient des octets nuls : un fichier binaire, "
        "ou de l'UTF-16 sans indicateur d'ordre des octets). Enregistrez-le en CSV UTF-8."
    ),
    "import.not_geopackage": "{file} n'est pas un GeoPackage (fichier SQLite) : rien n'est importé.",
    "import.value_not_scalar": (
        "La colonne « {column} » contient une liste ou un objet : une valeur simple est attendue."
    ),
    # Text and photos
    "photo.not_an_image": (
        "Ce fichier n'est pas une image JPEG, PNG ou WebP : un SVG, un PDF ou un autre document "
        "ne peut pas être joint. Votre contribution n'a pas été envoyée : retirez ce fichier ou "
        "choisissez une photo."
    ),
    "photo.help": "Une image JPEG, PNG ou WebP de {max_mb} Mo au plus ; sa position GPS et ses autres métadonnées sont retirées.",
    "photo.too_many_pixels": (
        "Cette image est trop grande ({width} × {height} pixels ; au plus {max_mp} millions de "
        "pixels). Votre contribution n'a pas été envoyée : choisissez une photo plus petite."
    ),
    # Public positions (privacy)
    "settings.public_precision_kind": (
        "CARTOPARTI_PUBLIC_PRECISION : type de contribution inconnu « {value} » (types : {kinds})."
    ),
    "settings.public_precision_invalid": (
        "CARTOPARTI_PUBLIC_PRECISION : « {value} » n'est pas compris ; écrivez type=mètres, "
        "un nombre entier de 0 à {high} (par exemple souvenir=100,besoin=100)."
    ),
    "settings.public_precision_twice": (
        "CARTOPARTI_PUBLIC_PRECISION : le type « {kind} » est nommé deux fois."
    ),
    "page.suivi.merged_withheld": (
        "La contribution semblable avec laquelle la vôtre a été regroupée n'est pas encore "
        "publique : elle sera visible ici quand elle le sera."
    ),
    "page.suivi.merged_other": (
        "Contribution d'un autre habitant, regroupée avec la vôtre : vous en suivez les "
        "suites ; seul son auteur peut en demander la suppression."
    ),
    "cli.settings.public_precision": (
        "Précision publique des lieux : {precision} (les autres types : position exacte)"
    ),
    "cli.settings.public_exact": "aucune grille",
    "privacy.exact_position": (
        "Position exacte (agents seulement ; la carte publique et les exports ouverts "
        "montrent la position publique) : {lat}, {lon}"
    ),
    # Residents' rights and legal pages
    "settings.retention_invalid": (
        "CARTOPARTI_RETENTION_MONTHS doit être un nombre entier de mois, de 1 à 600 "
        "(ou 0, « jamais », pour tout garder) ; reçu « {value} »."
    ),
    "rights.contributor_blank": "Indiquez l'identifiant du contributeur.",
    "rights.contributor_unknown": "Aucune contribution n'a l'identifiant de contributeur « {id} ».",
    "rights.erased_summary": (
        "Effacé : {contributions} contribution(s), {profiles} profil(s), {photos} photo(s), "
        "{answers} réponse(s), {supports} soutien(s), {addresses} adresse(s) électronique(s), "
        "{follow_links} lien(s) de suivi."
    ),
    "rights.purged": (
        "Durée de conservation ({months} mois) : contributions d'avant le {cutoff} ; "
        "{profiles} profil(s) purgé(s), {addresses} adresse(s) électronique(s) effacée(s)."
    ),
    "rights.purge_would": (
        "Durée de conservation ({months} mois) : contributions d'avant le {cutoff} ; "
        "seraient purgés {profiles} profil(s) et {addresses} adresse(s) électronique(s) "
        "(rien n'a été modifié)."
    ),
    "rights.kept_forever": (
        "CARTOPARTI_RETENTION_MONTHS vaut « jamais » : aucune donnée n'est purgée."
    ),
    "rights.retention_forever": "sans limite de durée (réglage « jamais »)",
    "rights.retention_months": "{months} mois",
    "rights.compacted": "Base compactée : {before:.1f} Mo avant, {after:.1f} Mo après.",
    "cli.erase.help": (
        "efface tout ce qui concerne un contributeur (contributions, réponses, profils, "
        "soutiens, adresses), inscrit au journal sans l'identifiant"
    ),
    "cli.erase.contributor": "identifiant du contributeur (colonne contributor_id des imports)",
    "cli.erase.compact_hint": (
        "Les octets effacés restent dans le fichier DuckDB jusqu'au compactage : "
        "python -m cartoparti compact (application arrêtée), ou le bouton "
        "« Compacter la base » de la page Comptes des agents."
    ),
    "cli.purge.help": (
        "purge les réponses « À propos de vous » et les adresses électroniques des "
        "contributions plus anciennes que la durée de conservation"
    ),
    "cli.purge.dry_run": "dire seulement ce qui serait purgé",
    "page.suivi.rights_title": "Mes données",
    "page.suivi.rights_intro": (
        "Téléchargez tout ce que la commune garde de vos contributions (texte, lieu, "
        "dates, statut, réponses, vos réponses « À propos de vous », soutiens, adresse "
        "électronique gardée ou non), ou effacez-les toutes."
    ),
    "page.suivi.download_json": "Télécharger mes données (JSON)",
    "page.suivi.download_csv": "Télécharger mes données (CSV)",
    "page.suivi.erase_all": "Effacer toutes mes contributions",
    "page.suivi.erase_warning": (
        "L'effacement est immédiat et définitif : vos {count} contribution(s), leurs "
        "réponses, vos réponses « À propos de vous », les soutiens reçus et vos adresses "
        "électroniques seront supprimés. Votre code de suivi ne servira plus."
    ),
    "page.suivi.erase_confirm": "Je confirme vouloir tout effacer",
    "page.suivi.erase_button": "Effacer définitivement",
    "page.suivi.erase_unconfirmed": "Cochez la case de confirmation pour effacer.",
    "page.suivi.erased": (
        "Vos {count} contribution(s) et tout ce qui s'y rattachait ont été effacées."
    ),
    "page.comptes.compact_title": "Compacter la base",
    "page.comptes.compact_intro": (
        "Après des suppressions, réécrit la base pour qu'aucun octet effacé n'y subsiste, "
        "sans arrêter l'application (elle le fait déjà d'elle-même après l'effacement "
        "demandé par un habitant)."
    ),
    "page.comptes.compact_button": "Compacter maintenant",
    "page.comptes.erase_title": "Effacer un contributeur",
    "page.comptes.erase_id": "Identifiant du contributeur",
    "page.comptes.erase_confirm": "Je confirme l'effacement définitif",
    "page.comptes.erase_button": "Effacer",
    "legal.footer": "Informations légales :",
    "legal.placeholder": "[à compléter par la collectivité : {what}]",
    "legal.ask_town_hall": "la mairie (délégué à la protection des données)",
    "legal.missing.territory": "nom de la collectivité",
    "legal.missing.contact": "adresse de contact",
    "legal.missing.site": "adresse du site",
    "legal.missing.director": "nom et qualité du directeur de la publication",
    "legal.missing.host": "nom, adresse et téléphone de l'hébergeur",
    "legal.missing.audit": "date et résultat de l'audit, quand il aura eu lieu",
    "legal.moderation.a_posteriori": (
        "Les contributions sont publiées tout de suite et relues ensuite (modération a posteriori)."
    ),
    "legal.moderation.a_priori": (
        "Les contributions sont publiées après leur relecture (modération a priori)."
    ),
    # Accessibility
    # the map frame, its controls and its keyboard use (present.maps)
    "map.frame_title": "Carte du territoire",
    "map.label": (
        "Carte du territoire. Au clavier : les flèches la déplacent, + et - zooment, "
        "Tabulation atteint les points et Entrée ouvre leur fiche."
    ),
    "map.zoom_in": "Zoomer",
    "map.zoom_out": "Dézoomer",
    "map.layers": "Couches de la carte",
    "map.popup_close": "Fermer la fiche",
    "map.pick_label": "Carte pour placer votre contribution",
    "map.pick_help": (
        "Au clavier : les flèches déplacent la carte sous le viseur (Maj + flèche : plus vite), "
        "+ et - zooment, Entrée place le point au centre du viseur ou l'y déplace."
    ),
    "map.pick_placed": "Point placé au centre de la carte : latitude {lat}, longitude {lon}.",
    "map.marker_label": "{kind} : {title}",
    # Languages
    "language.switch": "Langue",
    "settings.languages_unknown": (
        "CARTOPARTI_LANGUAGES : « {value} » n'est pas une liste de langues possibles"
        " (séparées par des virgules) ; langues possibles : {languages}."
    ),
    "settings.languages_without_default": (
        "CARTOPARTI_LANGUAGES : « {value} » ne comprend pas la langue par défaut"
        " (CARTOPARTI_LANGUAGE) « {default} »."
    ),
    # (keep them in this section; add new keys above this line)
}
