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
    },
    # headings of the public history table (web.HISTORY_COLUMNS)
    "history_columns": {
        "date": "Date",
        "status_label": "Statut",
        "message": "Réponse",
        "competent": "Organisme compétent",
    },
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
    "settings.tiles_invalid": (
        "CARTOPARTI_TILES_URL : « {value} » n'est pas une adresse de tuiles "
        "(https://…/{{z}}/{{x}}/{{y}}.png)."
    ),
    # territory folders (io.territory)
    "territory.file_unreadable": "Fichier illisible : {file} ({error})",
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
}
