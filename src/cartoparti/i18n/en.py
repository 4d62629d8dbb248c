"""English (British): every label and message shown to users, keyed by code.

The same keys and the same format fields as :mod:`cartoparti.i18n.fr`, in the same
order and sections (a test checks the keys and fields), so that a key added there is
easy to translate here.
"""

from __future__ import annotations

LANGUAGE = "en"
LOCALE = "en_GB"

LABELS: dict[str, dict[str, str]] = {
    # kinds of contribution (model.KINDS)
    "kinds": {
        "need": "need",
        "weak_signal": "weak signal",
        "memory": "memory",
        "proposal": "proposal",
        "report": "fault report",
    },
    # channels a contribution comes through (model.CHANNELS)
    "channels": {
        "online": "online",
        "workshop": "workshop",
        "door_to_door": "door to door",
        "paper": "paper questionnaire",
        "phone": "telephone",
        "office": "drop-in session",
    },
    # INSEE age bands (model.AGE_BANDS)
    "age_bands": {
        "0-14": "0 to 14",
        "15-29": "15 to 29",
        "30-44": "30 to 44",
        "45-59": "45 to 59",
        "60-74": "60 to 74",
        "75+": "75 or over",
    },
    # socio-professional categories (model.CSP)
    "csp": {
        "CS1": "Farmer",
        "CS2": "Craftsperson, shopkeeper, business owner",
        "CS3": "Manager, professional",
        "CS4": "Intermediate occupation (technician, teacher, nurse…)",
        "CS5": "Clerical or service worker",
        "CS6": "Manual worker",
        "CS7": "Retired",
        "CS8": "Not in work (student, at home, looking for work…)",
    },
    # lifecycle statuses (lifecycle.STATUSES)
    "statuses": {
        "received": "received",
        "under_study": "under review",
        "accepted": "accepted",
        "in_progress": "being carried out",
        "done": "done",
        "declined": "not taken forward",
        "redirected": "referred elsewhere",
    },
    # participation level an answer calls for (lifecycle.LEVELS)
    "levels": {
        "information": "information",
        "consultation": "consultation",
        "concertation": "dialogue",
        "coproduction": "co-production",
    },
    # user roles (commands.accounts.ROLES)
    "roles": {"agent": "officer", "admin": "administrator"},
    # personal data found in free text (privacy.KINDS)
    "personal_data": {"phone": "phone number", "email": "e-mail address"},
    # what replaces personal data in a redacted text (privacy.redact)
    "masks": {"phone": "[number hidden]", "email": "[e-mail hidden]"},
    # zone and landmark layers known by their file stem (io.territory.KNOWN_LABELS)
    "layers": {
        "communes": "Communes",
        "iris": "IRIS",
        "cites_minieres": "Mining estates",
        "terrils": "Spoil tips",
        "puits_de_mines": "Mine shafts",
        "batis_miniers": "Mining buildings",
    },
    # page titles and sidebar labels, by the page's file (web.PUBLIC_PAGES, web.AGENT_PAGES)
    "pages": {
        "app.py": "Home",
        "pages/contribuer.py": "Contribute",
        "pages/carte.py": "Map of contributions",
        "pages/contribution.py": "Answers and “me too”",
        "pages/suivi.py": "Follow my contributions",
        "pages/reponses.py": "Handle and answer",
        "pages/moderation.py": "Moderation",
        "pages/saisie_terrain.py": "Field entry",
        "pages/charge_equite.py": "Workload and fairness",
        "pages/qui_manque.py": "Who is missing?",
        "pages/donnees.py": "Data: import, export",
        "pages/comptes.py": "Officer accounts",
        "pages/priorites.py": "Priorities",
        "pages/bilan.py": "Brief for the council",
        "pages/lieux.py": "Places that come back",
        "pages/histoire.py": "Story of a place",
        "pages/plan.py": "Action plan",
        "pages/plan_public.py": "What the council is doing",
    },
    # our fields, as the import page names them (column mapping)
    "import_fields": {
        "title": "Title *",
        "text": "Message",
        "kind": "Kind of contribution",
        "theme": "Theme",
        "created_at": "Date",
        "channel": "Channel",
        "id": "Stable identifier (re-import without duplicates)",
        "lon": "Longitude",
        "lat": "Latitude",
        "x": "X (projected)",
        "y": "Y (projected)",
        "wkt": "WKT geometry",
        "contributor_id": "Contributor",
        "age_band": "Age band",
        "csp": "Socio-professional category",
        "home_commune": "Commune of residence (INSEE code)",
        "first_time": "First time taking part",
        "commune": "Commune (name or INSEE code)",
        "landmark": "Landmark number (paper map)",
        "address": "Address or place",
        "session_place": "Meeting place",
    },
    # headings of the list of contributions under the map (pages/carte.py)
    "map_list_columns": {
        "title": "Title",
        "type": "Kind",
        "theme": "Theme",
        "zone_name": "Commune",
        "date": "Date",
        "text": "Message",
        "suite": "Follow-up",
        "answer": "Answer",
        "supports": "Me too",
    },
    # headings of the table of hidden contributions (pages/moderation.py)
    "hidden_columns": {
        "id": "No.",
        "title": "Title",
        "hidden_reason": "Reason",
        "merged_into": "Merged into",
    },
    # headings of the table of deletion requests (pages/moderation.py)
    "deletion_columns": {
        "contribution_id": "No.",
        "title": "Title",
        "requested_at": "Requested on",
        "reason": "Reason",
    },
    # headings of the table of contributions to answer (pages/reponses.py)
    "answer_queue_columns": {
        "id": "No.",
        "title": "Title",
        "zone_name": "Commune",
        "date": "Sent on",
        "statut": "Status",
        "service": "Service",
        "supports": "Me too",
        "answers": "Answers",
    },
    # headings of the numbered landmarks of a questionnaire (pages/saisie_terrain.py)
    "landmark_columns": {
        "number": "No.",
        "name": "Place",
        "type": "Kind",
    },
    # headings of the equity tables (pages/charge_equite.py)
    "equity_columns": {
        "contributions": "Contributions",
        "answered": "Answered",
        "unanswered": "Unanswered",
        "median_days_to_first_answer": "Median delay (days)",
        "decided": "Decided",
        "accepted": "Accepted",
        "acceptance_rate": "Acceptance rate",
    },
    # a place chosen on the map, by geometry type (web.describe_location)
    "shapes": {"Point": "a point", "LineString": "a line", "Polygon": "an area"},
    # counting bases of the representation analyses (present.representation.BASES)
    "bases": {
        "place": "place of the contributions",
        "home": "declared commune of residence",
    },
    # dimensions of the publics (present.representation.DIMENSIONS)
    "dimensions": {
        "age_band": "Age band",
        "csp": "Socio-professional category (aged 15 or over)",
    },
    # representation statuses (present.representation.STATUS_LABELS)
    "representation_statuses": {
        "under": "under-represented",
        "expected": "as expected",
        "over": "over-represented",
    },
    # headings of the public history table (web.HISTORY_COLUMNS)
    "history_columns": {
        "date": "Date",
        "status_label": "Status",
        "message": "Answer",
        "competent": "Body responsible",
    },
    # the drawing tools on the map (Leaflet.draw's L.drawLocal, by dotted path)
    "draw": {
        "draw.toolbar.actions.title": "Cancel drawing",
        "draw.toolbar.actions.text": "Cancel",
        "draw.toolbar.finish.title": "Finish drawing",
        "draw.toolbar.finish.text": "Finish",
        "draw.toolbar.undo.title": "Delete the last point drawn",
        "draw.toolbar.undo.text": "Delete last point",
        "draw.toolbar.buttons.polyline": "Draw a line",
        "draw.toolbar.buttons.polygon": "Draw an area",
        "draw.toolbar.buttons.marker": "Place a point",
        "draw.handlers.marker.tooltip.start": "Click on the map to place the point.",
        "draw.handlers.polygon.tooltip.start": "Click to start the area.",
        "draw.handlers.polygon.tooltip.cont": "Click to continue the area.",
        "draw.handlers.polygon.tooltip.end": "Click the first point to close the area.",
        "draw.handlers.polyline.error": "The edges of the area must not cross.",
        "draw.handlers.polyline.tooltip.start": "Click to start the line.",
        "draw.handlers.polyline.tooltip.cont": "Click to continue the line.",
        "draw.handlers.polyline.tooltip.end": "Click the last point (or “Finish”) to end the line.",
    },
    # -- places that come back, weak-signal alerts and stories of places (LABELS) --
    # states of a weak-signal alert (commands.clusters.ALERT_STATES)
    "alert_states": {
        "open": "to handle",
        "acknowledged": "taken in hand",
        "dismissed": "dismissed",
        "planned": "added to the action plan",
        "superseded": "replaced by a wider alert",
    },
    # (keep them in this section; add new keys above this line)

    # -- the action plan and the services' capacity (LABELS) --
    # status of a plan item (commands.plan.PLAN_STATUSES)
    "plan_statuses": {
        "planned": "planned",
        "in_progress": "in progress",
        "done": "done",
        "abandoned": "abandoned",
    },
    # columns of the plan list (pages/plan.py)
    "plan_columns": {
        "id": "Identifier",
        "title": "Action",
        "status_label": "Status",
        "service": "Service",
        "level_label": "Participation",
        "start": "Start",
        "days": "Officer-days",
        "cost_label": "Estimated cost",
        "with_residents": "Done with residents",
    },
    # columns of the contributions found to link (pages/plan.py)
    "plan_search_columns": {
        "id": "Identifier",
        "title": "Title",
        "kind_label": "Kind",
        "date": "Date",
    },
    # (keep them in this section; add new keys above this line)

    # -- priorities and the council brief (LABELS) --
    "priority_columns": {
        "rank": "Rank",
        "title": "Title",
        "kind": "Kind",
        "zone_name": "Zone",
        "status": "Status",
        "supports": "“Me too” supports",
        "contributors": "People (authors and supporters)",
        "reweighted": "People, reweighted",
        "profiled": "of whom profile known",
        "age_bands": "Different age bands",
        "csps": "Different categories",
        "publics": "Publics (age)",
    },
    # (keep them in this section; add new keys above this line)

    # -- notifications to residents and open exports (LABELS) --
    # export formats of the Données page (pages/donnees.py)
    "export_formats": {
        "geojson": "GeoJSON: the contributions (map)",
        "csv": "CSV: the contributions (spreadsheet)",
        "gpkg": "GeoPackage: contributions, zones and their representation, places that come back, action plan (QGIS)",
        "open311": "Open311 GeoReport v2: services and requests (JSON)",
    },
    # Abuse: limits, honeypot, reports, moderation
    "report_reasons": {
        "insult": "Insult, hateful or discriminatory remarks",
        "personal_data": "Personal data (name, address, phone number…)",
        "spam": "Advertising or repeated message",
        "false": "False or misleading information",
        "off_topic": "Off topic",
        "other": "Another reason",
    },
    "report_columns": {
        "reason": "Reason",
        "detail": "Details",
        "reported_at": "Reported on",
    },
    # Residents' rights and legal pages
    "legal_pages": {
        "pages/donnees_personnelles.py": "Personal data",
        "pages/mentions_legales.py": "Legal notice",
        "pages/charte_moderation.py": "Moderation charter",
        "pages/accessibilite.py": "Accessibility statement",
    },
    # Languages
    # the languages of the site, each written in itself (the sidebar's switch)
    "languages": {"fr": "Français", "en": "English"},
    # (keep them in this section; add new keys above this line)
}

MESSAGES: dict[str, str] = {
    # web
    "page.failure": (
        "A technical problem prevents us from showing this page. Nothing you typed has been "
        "lost: please try again in a moment. If it happens again, let the town hall know."
    ),
    # settings (settings.Settings.from_env)
    "settings.language_unknown": (
        "CARTOPARTI_LANGUAGE: unknown language “{value}”; possible languages: {languages}."
    ),
    "settings.tiles_attribution": "Base map",
    "settings.empty_list": "{name}: the list is empty (separate the values with commas).",
    "settings.moderation_unknown": (
        "CARTOPARTI_MODERATION: unknown value “{value}”; possible values: "
        "a_priori (published after review) or a_posteriori (published at once)."
    ),
    "settings.db_unknown": (
        "CARTOPARTI_DB: “{value}” is neither a DuckDB file nor a "
        "PostgreSQL address (postgresql://user@host/database)."
    ),
    "settings.db_is_folder": "CARTOPARTI_DB: “{value}” is a folder, not a database file.",
    "settings.territory_missing": (
        "CARTOPARTI_TERRITORY: the territory folder “{value}” does not exist."
    ),
    "settings.basemap_unknown": (
        "CARTOPARTI_BASEMAP: “{value}” is not a known base map "
        "(none, plan-ign, xyz or pmtiles)."
    ),
    "settings.tiles_missing": (
        "CARTOPARTI_BASEMAP=xyz needs the address of the tiles in CARTOPARTI_TILES_URL."
    ),
    "settings.pmtiles_count": (
        "CARTOPARTI_BASEMAP=pmtiles: the territory folder {folder} holds {count} "
        ".pmtiles file(s); there must be exactly one, or name it in CARTOPARTI_PMTILES."
    ),
    "settings.pmtiles_missing": "CARTOPARTI_PMTILES: the file “{value}” cannot be found.",
    "settings.tiles_invalid": (
        "CARTOPARTI_TILES_URL: “{value}” is not a tile address "
        "(https://…/{{z}}/{{x}}/{{y}}.png)."
    ),
    # territory folders (io.territory)
    "territory.file_unreadable": "Unreadable file: {file} ({error})",
    "territory.not_ban": "{file} is not in the Base Adresse Nationale format (numero, nom_voie, code_insee, lon, lat).",
    "territory.folder_missing": "Territory folder not found: {folder}",
    "territory.no_code_field": "{file}: no zone code field found.",
    "territory.no_zone_layer": "No zone layer (polygons with a code) in {folder}.",
    # pages and navigation (web)
    "page.settings_error": "cartoparti cannot start: a setting is wrong. {error}",
    "page.agents_only": (
        "This page is for the council's officers only. Sign in to open it."
    ),
    "page.admins_only": "This page is for administrators only.",
    "nav.agents": "Officers' area",
    "nav.sign_in": "Sign in",
    "nav.account": "My officer account (sign out)",
    "nav.agents_sign_in": "Officers' area: sign in",
    "import.held": (
        "{count} contribution(s) contain contact details: they are waiting for moderation."
    ),
    # representation analyses (analysis.representation, analysis.stats, analysis.hexagons)
    "representation.basis_unknown": "Unknown basis: “{basis}” (place or home).",
    "representation.layer_unknown": "Unknown zone layer: “{layer}”.",
    "representation.home_off_primary": (
        "The “home” basis counts by commune of residence: "
        "it only applies to the “{primary}” layer."
    ),
    "representation.no_contributor_clusters": (
        "No contributors: no analysis of clusters."
    ),
    "gi_star.too_few_zones": (
        "The hot-spot analysis (Gi*) needs at least {min} zones "
        "with figures; there are {count}."
    ),
    "hexagons.too_small": (
        "Hexagons too small for this territory (about {estimate}; "
        "{max} at most): choose a larger size."
    ),
    # a contribution (model.validate_draft)
    "kind.required": "Choose the kind of contribution.",
    "kind.unknown": "Unknown kind: “{value}”.",
    "title.required": "The title is required.",
    "title.too_long": "The title is longer than {max} characters.",
    "text.too_long": "The text is longer than {max} characters.",
    "theme.required": "Choose a theme.",
    "theme.unknown": "Unknown theme: “{value}”.",
    "channel.unknown": "Unknown channel: “{value}”.",
    "location.required": "Place your contribution on the map or choose a place.",
    "location.invalid": "The shape drawn is not valid (it crosses itself).",
    "location.outside": "This place is outside the territory.",
    "location.outside_place_inside": (
        "This place is outside the territory: place your contribution inside it."
    ),
    "age_band.unknown": "Unknown age band: “{value}”.",
    "csp.unknown": "Unknown socio-professional category: “{value}”.",
    "home_commune.invalid": "Invalid INSEE commune code: “{value}”.",
    "photo.too_large": "The photo is larger than {max_mb} MB.",
    "photo.unreadable": "This file is not a readable image (JPEG, PNG or WebP).",
    # answers (lifecycle.check_answer, commands.answers)
    "status.unknown": "Unknown status: “{value}”.",
    "status.move_refused": "Cannot move from “{current}” to “{status}”.",
    "message.required": "Every answer carries a public message, in plain language.",
    "message.too_long": "The message is longer than {max} characters.",
    "message.decline_unjustified": (
        "A refusal must be explained publicly: say why "
        "(at least {min} characters)."
    ),
    "competent.required": "Say who is responsible (e.g. the Département, the social landlord).",
    "contribution.changed": (
        "The contribution has changed in the meantime: reload the page and start again."
    ),
    "contribution.unknown": "Unknown contribution: {id}",
    "storage.busy": (
        "The database {path} is open in another program (the app?). "
        "Stop it or use another database with --db."
    ),
    "storage.no_territory": "No territory is loaded: run `cartoparti init`.",
    "id.required": "Identifier missing.",
    "id.unknown": "Unknown contribution: {id}.",
    "answers.format_unsupported": "Format not supported: {suffix} (CSV id,status,message expected).",
    "history.received": "Contribution received.",
    "answers.summary": (
        "{read} line(s) read: {applied} answer(s) recorded, "
        "{duplicates} already recorded, {rejected} rejected."
    ),
    "answers.columns_missing": "Missing column(s): {columns} (expected: id,status,message).",
    # moderation
    "service.unknown": "Unknown service: “{value}”.",
    "level.unknown": "Unknown participation level: “{value}”.",
    "reason.required": "Give the reason for hiding it.",
    "hidden.merged": "This contribution has been merged: it stays hidden.",
    "published.hidden": "Hidden contribution: make it visible first.",
    "text.personal_data": (
        "The text still contains a phone number or an e-mail address: "
        "remove it before publishing."
    ),
    "merged_into.self": "A contribution cannot be merged with itself.",
    "merged_into.merged": "The target contribution is itself a merged duplicate.",
    "merged_into.already": "This contribution has already been merged.",
    # file imports (io.importer)
    "import.summary": (
        "{read} line(s) read: {imported} imported, "
        "{duplicates} already there, {rejected} rejected."
    ),
    "import.no_header": "No readable column header in {file}.",
    "import.kind_unknown": "Unknown --kind: {value} (codes: {codes}).",
    "import.channel_unknown": "Unknown --channel: {value} (codes: {codes}).",
    "import.theme_unknown": "Unknown --theme: {value} (themes: {codes}).",
    "import.crs_unknown": "Unknown coordinate system: EPSG:{crs}.",
    "number.invalid": "{name} is not a number: “{value}”.",
    "number.not_finite": "{name} is not a finite number.",
    "created_at.invalid": (
        "Invalid date: “{value}” (expected: ISO 8601, e.g. 2024-05-31T14:00:00)."
    ),
    "first_time.invalid": "Yes/no value expected: “{value}”.",
    "location.lon_lat_pair": "lon and lat must come together.",
    "location.out_of_bounds": "Coordinates out of bounds: lon={lon}, lat={lat}.",
    "location.x_y_pair": "x and y must come together.",
    "location.x_y_without_crs": "x/y columns without a coordinate system: give --crs EPSG.",
    "location.wkt_unreadable": "Unreadable WKT: “{wkt}”.",
    "location.missing": "No location (lon/lat, x/y, wkt or geometry).",
    # field work
    "channel.field_required": "Choose how it was collected (workshop, door to door…).",
    "session_date.required": "Give the date of the meeting.",
    "session_date.future": "The date of the meeting is in the future.",
    "session_place.required": "Give the place of the meeting.",
    # residents
    "follow_code.unknown": "Unknown follow-up code: check it (12 letters and digits).",
    "follow_code.other": "This code does not let you follow this contribution.",
    # analysis
    "not_set": "not given",
    # command line (cli.agents)
    "cli.password_prompt": "Password: ",
    "cli.password_confirm": "Confirm the password: ",
    "cli.password_of": "Password of {name}: ",
    "cli.passwords_differ": "The two passwords differ.",
    "cli.user_created": "Account created: {name} ({role}).",
    "cli.user_updated": "Account updated: {name} ({role}).",
    "cli.role_unchanged": "Nothing to change: {name} is already {role}.",
    "cli.role_changed": "Role of {name}: {former} → {role}.",
    "cli.user_removed": "Account removed: {name}.",
    "cli.sign_in_failed": "Wrong user name or password: {nothing_done}.",
    "cli.no_answer_recorded": "no answer recorded",
    "cli.no_contribution_imported": "no contribution imported",
    "cli.compacted": "Database {db} rewritten: {before} MB → {after} MB.",
    # accounts
    "permission.admin": "Only administrators can do this.",
    "permission.agent": "Only signed-in officers can do this.",
    "name.required": "The user name is required.",
    "name.invalid": "Invalid user name (no spaces, {max} characters at most).",
    "role.unknown": "Unknown role: “{value}” (agent or admin).",
    "password.too_short": "The password must be at least {min} characters long.",
    "user.unknown": "Unknown user: {name}",
    # -- pages/donnees.py: datasets while the app runs --
    "data.title": "Data: import, export, back up",
    "data.tab_import": "Import",
    "data.tab_export": "Export",
    "data.tab_backup": "Backup",
    "data.import_intro": (
        "Import contributions collected elsewhere (CSV, GeoJSON or GeoPackage) without stopping "
        "the site: each line is imported whole or rejected with its reason, lines already "
        "imported are skipped, and a text containing a phone number or an e-mail address "
        "is held for review."
    ),
    "data.upload": "File to import",
    "data.preview": "{count} line(s) read. A preview of the first ones:",
    "data.has_geometry": "The file carries its own geometry: the location columns are optional.",
    "data.mapping": "Which column of the file matches each field?",
    "data.mapping_help": "Columns with a recognised name are already chosen; “—”: none.",
    "data.no_column": "—",
    "data.crs": "Coordinate system of the X/Y or lon/lat columns (EPSG code)",
    "data.crs_help": "4326: longitude/latitude (GPS); 2154: Lambert-93; 3857: Web Mercator.",
    "data.defaults": "For the lines that have none",
    "data.default_kind": "Default kind",
    "data.default_channel": "Default channel",
    "data.default_theme": "Default theme",
    "data.none": "None",
    "data.run_import": "Import",
    "data.rejects_download": "Download the rejected lines (CSV to correct and import again)",
    "data.export_intro": (
        "The published contributions, with their zone and their answer, without any profile "
        "data: for QGIS, a spreadsheet or the open data portal."
    ),
    "data.export_format": "Format",
    "data.export_prepare": "Prepare the export",
    "data.export_download": "Download {file}",
    "data.backup_intro": (
        "A full backup of the database (contributions, answers, accounts, log), "
        "to keep somewhere safe: it contains personal data. "
        "`cartoparti restore` loads it into a new database, DuckDB or PostgreSQL."
    ),
    "data.backup_prepare": "Prepare the backup",
    "data.backup_download": "Download {file}",
    # -- pages/comptes.py: accounts (administrators) ------------------------------------------
    "accounts.title": "Officer accounts",
    "accounts.intro": (
        "Officers handle the contributions; administrators also manage the accounts "
        "and the backups. A change takes effect the next time the person loads a page."
    ),
    "accounts.add": "Add an account",
    "accounts.name": "User name",
    "accounts.role": "Role",
    "accounts.password": "Temporary password",
    "accounts.password_help": "At least {min} characters; give it to the person, who will change it.",
    "accounts.create": "Create the account",
    "accounts.created": "Account “{name}” created.",
    "accounts.exists": "The account “{name}” already exists: change its role or its password below.",
    "accounts.list": "Accounts",
    "accounts.pick": "Account",
    "accounts.new_role": "New role",
    "accounts.change_role": "Change the role",
    "accounts.role_changed": "Role of “{name}”: {role}.",
    "accounts.new_password": "New password",
    "accounts.reset_password": "Reset the password",
    "accounts.password_reset": "Password of “{name}” reset.",
    "accounts.remove": "Remove this account",
    "accounts.removed": "Account “{name}” removed.",
    "accounts.not_yourself": "You cannot take away your own administrator rights or remove your own account.",
    "accounts.columns_name": "Name",
    "accounts.columns_role": "Role",
    "accounts.columns_created": "Created on",
    # -- the map where a resident places a contribution ------------------------------------------
    "map.locate": "Use my location",
    "map.locating": "Finding your location…",
    "map.locate_error": "Location not found: allow location access, or click on the map.",
    "place.search": "Search for an address, a place or a commune",
    "place.search_placeholder": "E.g. 12 rue Jean Jaurès, Lens — or a spoil tip, an estate…",
    "place.results": "Results",
    "place.none": "No place found in the territory for “{query}”.",
    "place.kind_commune": "commune",
    "place.kind_landmark": "landmark",
    "place.kind_address": "address",
    "place.drag_hint": "Drag the orange point to adjust it, or click elsewhere on the map.",
    # home page (app.py)
    "page.home.title": "Home",
    "page.home.intro": (
        "You know your neighbourhood better than anyone. Point out a need, a weak signal, "
        "a memory, a proposal or something that does not work, right where it is. "
        "Every contribution gets a public answer."
    ),
    "page.home.contribute": "Contribute",
    "page.home.see_map": "See the map of contributions",
    "page.home.published": "Published contributions",
    # map of contributions (pages/carte.py)
    "page.carte.page": "Map",
    "page.carte.title": "Map of contributions",
    "page.carte.kind": "Kind",
    "page.carte.all": "All",
    "page.carte.theme": "Theme",
    "page.carte.count": "{total} contribution(s). Key: {legend}",
    "page.carte.most_recent": (
        "The {max} most recent are shown: narrow the filters to see the others."
    ),
    "page.carte.done_legend": (
        "The white pebbles ringed in green: what has been done with residents."
    ),
    "page.carte.see_answers": "See the answers to a contribution, say “me too”",
    "page.carte.list": "List of contributions (without a map)",
    # the public map beyond 2,000 contributions: counts by zone (pages/carte.py)
    "map.zone_counts": "Number of contributions by zone",
    "map.zone_count": "{count} contributions",
    "map.zone_count_one": "{count} contribution",
    "map.zone_count_tooltip": "{zone}: {count}",
    "page.carte.by_zone": (
        "More than {max} contributions match: the map shows how many there are in each zone "
        "(the total above is the true total). Narrow the filters (kind, theme, period) "
        "to {max} or fewer to see each contribution on the map."
    ),
    "page.carte.left_out": "Of which {count} outside the zones drawn on the map (counted in the total).",
    # contributing (pages/contribuer.py)
    "page.contribuer.on_map": "On the map",
    "page.contribuer.without_map": "Without a map: choose a commune and a landmark",
    "page.contribuer.yes": "yes",
    "page.contribuer.no": "no",
    "page.contribuer.title": "Contribute",
    "page.contribuer.intro": (
        "A need, a weak signal, a memory, a proposal, something that does not work: "
        "tell us and place it in your area. You do not need an account."
    ),
    "page.contribuer.published": "published on the map",
    "page.contribuer.held": "saved; it will be published after review",
    "page.contribuer.thanks": "Thank you! Your contribution no. {id} ({zone}) is {state}.",
    "page.contribuer.personal_data": (
        "Your message seems to contain a phone number or an e-mail address: to protect "
        "you, an officer will read it and remove these details before it is published."
    ),
    "page.contribuer.follow_code": (
        "Your personal follow-up code: **{follow_code}**  \nWrite it down: it lets you see the "
        "council's answer and ask for your contributions to be deleted. It will not be shown "
        "again, and it works for all your contributions during this visit."
    ),
    "page.contribuer.follow": "Follow my contributions",
    "page.contribuer.where": "1. Where?",
    "page.contribuer.place_how": "How do you want to place your contribution?",
    "page.contribuer.map_help": (
        "Click on the map to place a point, or use the tools on the left to "
        "draw a line or an area."
    ),
    "page.contribuer.commune": "Commune",
    "page.contribuer.commune_placeholder": "Choose a commune",
    "page.contribuer.landmark": "Landmark (optional)",
    "page.contribuer.landmark_none": "None: the whole commune",
    "page.contribuer.what": "2. What?",
    "page.contribuer.not_sent": (
        "The contribution has not been sent: correct the points shown below. Nothing "
        "you typed has been lost."
    ),
    "page.contribuer.kind": "Kind of contribution *",
    "page.contribuer.choose": "Choose",
    "page.contribuer.title_field": "Title *",
    "page.contribuer.text": "Your message",
    "page.contribuer.theme": "Theme *",
    "page.contribuer.photo": "Photo (optional)",
    "page.contribuer.about_you": "About you — optional, for statistics only",
    "page.contribuer.about_you_why": (
        "These answers are only used to find out which groups and which neighbourhoods we "
        "rarely hear from, so that we can go and meet them. They are never published or "
        "exported publicly, and they are not linked to your name."
    ),
    "page.contribuer.age_band": "Age band",
    "page.contribuer.csp": "Work situation",
    "page.contribuer.home_commune": "Commune where you live",
    "page.contribuer.no_answer": "I prefer not to say",
    "page.contribuer.first_time": "Is this the first time you have taken part?",
    "page.contribuer.what_is_public": (
        "What is public: the kind, the title, the message, the theme, the photo, the place and "
        "the date. What is not: your answers under “About you”."
    ),
    "page.contribuer.send": "Send my contribution",
    # « Voir » and « Moi aussi » from the map, and finding a contribution by its words
    # (present/maps.py popups, pages/contribution.py)
    "map.popup.open": "See the contribution",
    "map.popup.support": "👍 Me too",
    "page.contribution.search": "Search a contribution by words",
    "page.contribution.search_help": (
        "Words of the title or the text, with or without accents or capitals."
    ),
    "page.contribution.latest": "The {count} most recent contributions: search by words for the others.",
    "page.contribution.found": "{count} contribution(s) found.",
    "page.contribution.found_more": (
        "More than {count} contributions hold these words: here are the {count} most recent, "
        "add a word to narrow down."
    ),
    "page.contribution.no_match": (
        "No published contribution holds “{query}”. Try another word or fewer words."
    ),
    "page.contribution.not_found": (
        "This link leads to no published contribution (it may be incomplete, or the contribution was "
        "removed). Search for it by words below."
    ),
    "page.contribution.link": "Link to this contribution, to copy and share",
    "page.contribution.support_ready": (
        "You support this contribution? Confirm with one click on “Me too”: one support per device."
    ),
    # a contribution and what became of it (pages/contribution.py)
    "page.contribution.title": "A contribution and what came of it",
    "page.contribution.none": "No contribution published yet.",
    "page.contribution.option": "{title} — {zone_name} ({date})",
    "page.contribution.pick": "Contribution",
    "page.contribution.photo": "Photo sent by the resident",
    "page.contribution.status": "**Status: {status}**",
    "page.contribution.support": "👍 Me too",
    "page.contribution.support_help": "Support this contribution (once from this device)",
    "page.contribution.supported": "Thank you, your support has been counted.",
    "page.contribution.already_supported": (
        "You already support this contribution from this device."
    ),
    "page.contribution.supports": "“Me too” supports",
    "page.contribution.history": "History and answers",
    "page.contribution.back": "Back to the map",
    # agents' sign-in (pages/connexion.py)
    "page.connexion.page": "Sign in",
    "page.connexion.title": "Officers' area",
    "page.connexion.signed_in": "Signed in: {name} ({role}).",
    "page.connexion.sign_out": "Sign out",
    "page.connexion.email_unverified": (
        "The identity provider has not verified the address {email}: it cannot "
        "open the officers' area."
    ),
    "page.connexion.email_unknown": (
        "The account {email} is not registered as an officer: ask an administrator "
        "to create it."
    ),
    "page.connexion.oidc_sign_out": "Sign out of the identity provider",
    "page.connexion.oidc_sign_in": "Sign in with the council's account",
    "page.connexion.or_password": "Or with a user name and a password:",
    "page.connexion.intro": (
        "This area is for the council's officers and administrators only. Residents "
        "need no account to contribute or to follow their contributions."
    ),
    "page.connexion.failed": "Wrong user name or password.",
    "page.connexion.name": "User name",
    "page.connexion.password": "Password",
    "page.connexion.sign_in": "Sign in",
    "page.connexion.no_account": (
        "No account? An administrator creates it: `python -m cartoparti user add NAME "
        "--role agent`."
    ),
    # contribution preview and change log, for agents (web/preview.py, present/audit.py)
    "preview.place": "{layer}: {name}",
    "preview.map_layer": "Where the contribution is",
    "preview.no_place": "Unknown location.",
    "preview.no_photo": "No photo attached.",
    "preview.photo": "Photo attached to “{title}”",
    "preview.photo_alt": "Photo sent with the contribution “{title}”",
    "audit.title": "Change log (who, what, when)",
    "audit.none": "No change recorded.",
    "audit.column.when": "When (Paris time)",
    "audit.column.actor": "Who",
    "audit.column.what": "What",
    "audit.yes": "yes",
    "audit.no": "no",
    "audit.status": "Status changed: {before} → {after}",
    "audit.message": "Answer published",
    "audit.with_message": " — message: “{message}”",
    "audit.with_competent": " — competent body: {competent}",
    "audit.field.theme": "theme",
    "audit.field.service": "service",
    "audit.field.level": "participation level",
    "audit.field.title": "title",
    "audit.field.text": "text",
    "audit.change": "{field}: {before} → {after}",
    "audit.qualify": "Qualification changed: {changes}",
    "audit.hide": "Hidden (reason: {reason})",
    "audit.unhide.published": "Shown again and published",
    "audit.unhide.held": "Shown again, waiting for review",
    "audit.publish": "Published after review",
    "audit.edit": "Edited by moderation ({fields})",
    "audit.merge": "Merged as a duplicate into contribution {target}",
    "audit.delete": "Deleted",
    "audit.delete.requested": "Deleted at its author's request",
    "audit.keep_reported": "Reports read, contribution kept online ({count} report(s))",
    "audit.field_entry": "Entered in the field on a resident's behalf",
    "audit.field_entry.date": "session of {date}",
    "audit.field_entry.place": "place: {place}",
    "audit.field_entry.file": "file: {file}",
    "audit.plan_link": "Linked to action-plan item {item}",
    "audit.plan_unlink": "Removed from action-plan item {item}",
    "audit.pair": "{field}: {value}",
    "audit.other": "Action “{action}”",
    # moderation (pages/moderation.py)
    "page.moderation.title": "Moderation",
    "page.moderation.a_priori": "after review (a priori)",
    "page.moderation.a_posteriori": "as soon as they are sent (a posteriori)",
    "page.moderation.mode": (
        "Contributions are published {mode}; those that contain contact details "
        "always wait for an officer."
    ),
    "page.moderation.option": "{title} — {zone_name} ({date})",
    "page.moderation.tab.review": "To review ({count})",
    "page.moderation.tab.hide": "Hide",
    "page.moderation.tab.merge": "Merge duplicates",
    "page.moderation.tab.hidden": "Hidden ({count})",
    "page.moderation.tab.deletions": "Deletion requests ({count})",
    "page.moderation.nothing_to_review": "Nothing to review.",
    "page.moderation.contribution": "Contribution",
    "page.moderation.personal_data": (
        "Personal data found: {found}. Remove it before publishing (a suggested "
        "masked text is below)."
    ),
    "page.moderation.edit.title": "Title",
    "page.moderation.edit.text": "Text",
    "page.moderation.edit.save": "Save the corrected text",
    "page.moderation.edit.saved": "Text corrected.",
    "page.moderation.publish_despite": "False alarm: publish as it is",
    "page.moderation.publish": "Publish",
    "page.moderation.published": "Contribution published.",
    "page.moderation.none_visible": "No visible contribution.",
    "page.moderation.hide.reason": "Reason (kept, shown to the author)",
    "page.moderation.hide.button": "Hide",
    "page.moderation.hide.done": "Contribution hidden (nothing is deleted).",
    "page.moderation.merge.two_needed": "At least two visible contributions are needed.",
    "page.moderation.merge.duplicate": "Duplicate (will be hidden)",
    "page.moderation.merge.target": "To keep (receives supports and follow-ups)",
    "page.moderation.merge.button": "Merge",
    "page.moderation.merge.done": "Duplicate merged: supports and follow-ups carried over.",
    "page.moderation.none_hidden": "No hidden contribution.",
    "page.moderation.unhide": "Make visible",
    "page.moderation.unhide.done": "Contribution visible again.",
    "page.moderation.no_deletion": "No deletion request.",
    "page.moderation.delete.pick": "Contribution to delete",
    "page.moderation.delete.sure": (
        "I confirm the permanent deletion (text, place, profile, photo, answers)"
    ),
    "page.moderation.delete.button": "Delete permanently",
    "page.moderation.delete.done": "Contribution deleted.",
    # agents' lists searched and paged (web.list_filters, web.paged_list)
    "agent_list.search": "Search (words of the title or text, or number)",
    "agent_list.search_placeholder": "e.g. lighting rue Pasteur",
    "agent_list.zone": "Town or district",
    "agent_list.kind": "Type",
    "agent_list.all": "All",
    "agent_list.age": "Received for (days)",
    "agent_list.age_help": "Only contributions received at least this many days ago (0: all).",
    "agent_list.count": "{count} contributions match",
    "agent_list.count_one": "1 contribution matches",
    "agent_list.page": "Page {page} of {pages}",
    "agent_list.previous": "Previous page",
    "agent_list.next": "Next page",
    "agent_list.none": "No contribution matches these criteria.",
    "agent_list.target_search": "Search the contribution to keep",
    # answering (pages/reponses.py)
    "page.reponses.title": "Handle and answer",
    "page.reponses.status": "Status",
    "page.reponses.service": "Service",
    "page.reponses.all": "All",
    "page.reponses.unassigned": "to assign",
    "page.reponses.option": "{title} — {zone_name} ({status})",
    "page.reponses.pick": "Contribution to handle",
    "page.reponses.number": "No. {id}",
    "page.reponses.published": "published",
    "page.reponses.not_published": "not published",
    "page.reponses.entered_by": "entered by {name}",
    "page.reponses.qualification": "**Qualification**",
    "page.reponses.theme": "Theme",
    "page.reponses.service_responsible": "Service responsible",
    "page.reponses.to_assign": "To assign",
    "page.reponses.level": "Participation level called for",
    "page.reponses.to_define": "To be decided",
    "page.reponses.qualify": "Save the qualification",
    "page.reponses.qualified": "Qualification saved.",
    "page.reponses.unchanged": "Nothing has changed.",
    "page.reponses.answer": "**Answer** — current status: {status}",
    "page.reponses.new_status": "New status",
    "page.reponses.message_only": "(keep the status: message only)",
    "page.reponses.message": "Public message (plain language)",
    "page.reponses.message_help": "A refusal must be explained (at least {min} characters).",
    "page.reponses.competent": "Body responsible (if referred elsewhere)",
    "page.reponses.competent_placeholder": "e.g. the Département, the social landlord",
    "page.reponses.publish": "Publish the answer",
    "page.reponses.answered": "Answer published (status: {status}).",
    "page.reponses.history": "Public history",
    "page.reponses.audit": "Log of changes (who, what, when, before / after)",
    "page.reponses.batch": "Answer in bulk (CSV id,status,message)",
    "page.reponses.batch_help": (
        "One line per answer: the contribution's id, the status (code or label: "
        "{statuses}), the public message; an optional competent column for referrals."
    ),
    "page.reponses.csv_file": "CSV file",
    "page.reponses.batch_save": "Save the answers",
    # field work (pages/saisie_terrain.py)
    "page.saisie.yes": "yes",
    "page.saisie.no": "no",
    "page.saisie.title": "Field entry",
    "page.saisie.intro": (
        "For people who will never open a website: workshops, door to door, "
        "paper questionnaires, telephone, drop-in sessions. The profile is entered as the "
        "person stated it."
    ),
    "page.saisie.tab.entry": "Enter a contribution",
    "page.saisie.tab.paper": "Paper questionnaire",
    "page.saisie.tab.batch": "Bulk entry (CSV)",
    "page.saisie.entered": "Contribution no. {id} saved ({zone_name}).",
    "page.saisie.follow_code": (
        "Follow-up code to give to the person: **{follow_code}** (it will not be shown "
        "again)."
    ),
    "page.saisie.personal_data": (
        "The text contains contact details: the contribution waits for moderation."
    ),
    "page.saisie.commune_of_place": "Commune of the place mentioned *",
    "page.saisie.choose": "Choose",
    "page.saisie.landmark": "Landmark (optional)",
    "page.saisie.landmark_none": "The whole commune",
    "page.saisie.channel": "Channel *",
    "page.saisie.session_date": "Date of the meeting *",
    "page.saisie.session_place": "Place of the meeting *",
    "page.saisie.session_place_placeholder": "e.g. the market on place Jean-Jaurès",
    "page.saisie.kind": "Kind of contribution *",
    "page.saisie.title_field": "Title *",
    "page.saisie.text": "What the person said",
    "page.saisie.theme": "Theme *",
    "page.saisie.profile": "**Profile stated by the person** (optional, never published)",
    "page.saisie.age_band": "Age band",
    "page.saisie.csp": "Work situation",
    "page.saisie.home_commune": "Commune of residence",
    "page.saisie.not_declared": "Not stated",
    "page.saisie.first_time": "First time taking part?",
    "page.saisie.save": "Save the contribution",
    "page.saisie.paper_intro": (
        "The questionnaire has the fields of the online form, with the map of the "
        "commune and its numbered landmarks. Open the file in a browser and "
        "print it."
    ),
    "page.saisie.commune": "Commune",
    "page.saisie.paper_download": "Download the questionnaire (HTML to print)",
    "page.saisie.paper_file": "questionnaire-{commune}.html",
    "page.saisie.preview": "Preview",
    "page.saisie.batch_intro": (
        "Type the paper answers into the CSV template, which opens in Excel (one line per "
        "questionnaire; replace the example line, the “#” help line may stay; kinds, "
        "channels and profiles in words, dates DD/MM/YYYY, municipality by its name), then "
        "import it here or on the command line: "
        "`python -m cartoparti field import FILE.csv --user NAME --date YYYY-MM-DD --place "
        "PLACE`."
    ),
    "page.saisie.template_download": "Download the CSV template",
    "page.saisie.template_file": "entry-template-{commune}.csv",
    "page.saisie.landmarks": (
        "Numbered landmarks of the questionnaire's map (“Landmark no.” column of the "
        "template, with the municipality):"
    ),
    "page.saisie.session": (
        "**Meeting where the questionnaires were filled in** (for the whole batch)"
    ),
    "page.saisie.session_place_placeholder_batch": "e.g. drop-in session at the branch town hall",
    "page.saisie.batch_file": "Filled-in CSV file",
    "page.saisie.import": "Import",
    # field entry with a spreadsheet: the batch-entry template and its import (present.questionnaire, io.importer, pages/saisie_terrain.py)
    "template.column.id": "Identifier",
    "template.column.kind": "Type",
    "template.column.title": "Title",
    "template.column.text": "Text",
    "template.column.theme": "Theme",
    "template.column.commune": "Municipality",
    "template.column.landmark": "Landmark no.",
    "template.column.address": "Address or place",
    "template.column.lon": "Longitude",
    "template.column.lat": "Latitude",
    "template.column.created_at": "Date",
    "template.column.channel": "Channel",
    "template.column.session_place": "Meeting place",
    "template.column.age_band": "Age band",
    "template.column.csp": "Occupation",
    "template.column.home_commune": "Home municipality",
    "template.column.first_time": "First participation",
    "template.help.id": "# Help: possible values (line skipped by the import, you may keep it)",
    "template.help.title": "required",
    "template.help.text": "what the person wrote",
    "template.help.commune": "name or INSEE code of the place's municipality",
    "template.help.landmark": "number circled on this municipality's questionnaire map (optional)",
    "template.help.address": "address or place written by the person (optional, added to the text)",
    "template.help.lon": "optional, decimal degrees (e.g. 2.8306)",
    "template.help.lat": "optional, decimal degrees (e.g. 50.4325)",
    "template.help.created_at": "DD/MM/YYYY or DD/MM/YYYY HH:MM (empty: today)",
    "template.help.session_place": "optional: else the place given at import",
    "template.help.home_commune": "name or INSEE code (optional)",
    "import.commune_unknown": "Municipality unknown in the territory: “{value}”.",
    "import.landmark_invalid": "Unreadable landmark number: “{value}” (a number of the map is expected).",
    "import.landmark_unknown": (
        "Unknown landmark number: “{value}”; the map of {commune} has {count}."
    ),
    "import.landmark_without_commune": (
        "Landmark number “{value}” without a municipality: give the map's municipality."
    ),
    "import.date_ambiguous": (
        "Ambiguous date: “{value}” (a four-digit year is expected, e.g. 28/11/2026)."
    ),
    "import.date_impossible": (
        "Impossible date: “{value}” (expected: DD/MM/YYYY or DD/MM/YYYY HH:MM, day first)."
    ),
    "import.address_line": "Address or place: {address}",
    "page.saisie.meeting": "**Meeting** (kept for the whole series of entries)",
    "page.saisie.meeting_help": (
        "The channel, date and place stay from one contribution to the next; change them "
        "when you change meetings."
    ),
    "page.saisie.new_meeting": "New meeting",
    # workload and equity (pages/charge_equite.py)
    "page.charge.page": "Workload and fairness",
    "page.charge.title": "Workload and fairness of the answers",
    "page.charge.intro": (
        "Do some neighbourhoods or some groups get slower answers, or negative ones more "
        "often? Hidden contributions are not counted; referrals (outside our remit) count "
        "neither as accepted nor as refused."
    ),
    "page.charge.none": "No contribution yet.",
    "page.charge.days": "{days} d",
    "page.charge.unanswered": "Open contributions without an answer",
    "page.charge.oldest": "Oldest without an answer",
    "page.charge.median": "Median time to first answer",
    "page.charge.by_service": "**Open, by service**",
    "page.charge.open": "Open",
    "page.charge.service": "Service",
    "page.charge.by_status": "**Open, by status**",
    "page.charge.status": "Status",
    "page.charge.by_zone": "By commune",
    "page.charge.zone": "Commune",
    "page.charge.by_age_band": "By age band (stated)",
    "page.charge.age_band": "Age band",
    "page.charge.by_csp": "By socio-professional category (stated)",
    "page.charge.csp": "Socio-professional category",
    # following one's contributions (pages/suivi.py)
    "page.suivi.title": "Follow my contributions",
    "page.suivi.intro": (
        "Enter the follow-up code you received when contributing (or that an officer gave "
        "you): you will see where your contributions stand and the council's answers. This "
        "code is personal: do not share it."
    ),
    "page.suivi.code": "Follow-up code",
    "page.suivi.show": "See my contributions",
    "page.suivi.deletion_done": (
        "Your deletion request has been recorded: an officer will deal with it."
    ),
    "page.suivi.deletion_gone": (
        "This contribution no longer exists: it was deleted in the meantime. The list "
        "below is up to date."
    ),
    "page.suivi.count": "{count} contribution(s) followed with this code.",
    "page.suivi.status": "**Status: {status}** · {supports} “me too” support(s)",
    "page.suivi.merged": (
        "Your contribution has been grouped with a similar one: you now follow "
        "that one too (further down)."
    ),
    "page.suivi.hidden": "Contribution hidden by moderation. Reason: {reason}",
    "page.suivi.personal_data": (
        "Waiting for review: an officer removes personal contact details before "
        "publication."
    ),
    "page.suivi.unpublished": "Waiting for review before publication.",
    "page.suivi.last_answer": "**Latest answer from the council** ({date}): {message}",
    "page.suivi.competent": "**Body responsible**: {competent}",
    "page.suivi.deletion_requested": "Deletion requested: an officer will deal with it.",
    "page.suivi.ask_deletion": "Ask for this contribution to be deleted",
    "page.suivi.reason": "Reason (optional)",
    "page.suivi.delete": "Ask for deletion",
    # who is missing (pages/qui_manque.py)
    "page.qui_manque.title": "Who is missing?",
    "page.qui_manque.intro": (
        "Which communes and which groups are under-represented among the contributors, "
        "compared with the census? And where should we go to meet them?"
    ),
    "page.qui_manque.how_to_read": "How to read these figures?",
    "page.qui_manque.how_to_read_text": """
- **Contributor**: one person (contributor identifier); a contribution without an identifier counts as one person.
- **Counting basis**: *place of the contributions* counts each person in the communes where they placed their contributions;
  *commune of residence* counts them in the commune they stated (people who stated none are left out, and their number is given).
- **Ratio** of a commune: contributors observed ÷ contributors expected if every inhabitant had the same chance of taking part
  (expected = population × total contributors ÷ total population). 1 = in proportion; 0.5 = half as many as expected.
- **95% interval** (exact Poisson): a commune is only called *under-represented* if the whole interval is below 1,
  *over-represented* only if it is entirely above; otherwise *as expected*. We never conclude on the raw ratio alone.
- **Smoothed ratio** (empirical Bayes): small communes have very variable ratios; the smoothed ratio pulls them towards the mean
  in proportion to their uncertainty. The map colours the smoothed ratio.
- **Blank zone**: no contribution. **Cold spot**: a group of neighbouring communes with low smoothed ratios (Gi* statistic, at the 5% level).
- **Groups**: share of each age band or socio-professional category (aged 15 or over) among the contributors who stated it,
  compared with its share of the population; index = share among contributors ÷ share of the population (Wilson interval).
  Only communes whose population is known by age and category are taken into account.
- **Representation score**: participation rate of the least present group ÷ that of the most present (1 = perfectly balanced).
- **Statistical confidentiality**: a commune × group cell built on fewer than {min_cell} contributors or inhabitants is shown as “< 5”
  and its value is never shown or exported.
""",
    "page.qui_manque.kind": "Kind",
    "page.qui_manque.all": "All",
    "page.qui_manque.theme": "Theme",
    "page.qui_manque.channel": "Channel",
    "page.qui_manque.basis": "Count contributors by",
    "page.qui_manque.contributors": "Contributors",
    "page.qui_manque.with_home": "With a commune of residence",
    "page.qui_manque.with_home_help": (
        "{no_home} without a stated commune, {home_outside} outside the territory."
    ),
    "page.qui_manque.under": "Under-represented communes",
    "page.qui_manque.blank_zones": "Blank zones",
    "page.qui_manque.score": "Representation score (ages)",
    "page.qui_manque.score_help": (
        "Participation rate of the least present age band ÷ that of the most "
        "present."
    ),
    "page.qui_manque.no_contribution_widen": (
        "No contribution for this selection: widen the filters."
    ),
    "page.qui_manque.tab.zones": "Communes",
    "page.qui_manque.tab.publics": "Groups",
    "page.qui_manque.tab.cells": "Communes × groups",
    "page.qui_manque.tab.channels": "Channels",
    "page.qui_manque.where_to_go": "Where to go?",
    "page.qui_manque.tab.reweighted": "Reweighted view",
    "page.qui_manque.mesh": "Grid",
    "page.qui_manque.mesh.communes": "Communes",
    "page.qui_manque.mesh.hexagons": "Hexagons",
    "page.qui_manque.mesh_help": (
        "Hexagons show the places nobody talks about inside a commune."
    ),
    "page.qui_manque.ratio_layer": "Participation ratio (smoothed)",
    "page.qui_manque.ratio": "Ratio",
    "page.qui_manque.interval": "95% interval",
    "page.qui_manque.smoothed": "Smoothed ratio",
    "page.qui_manque.status": "Status",
    "page.qui_manque.cold_spots": "Cold spots (Gi*)",
    "page.qui_manque.ratio_legend": (
        "Smoothed ratio (1 = participation in proportion to the population)"
    ),
    "page.qui_manque.clusters_note": "Cold spots not computed: {clusters_note}",
    "page.qui_manque.blank_list": "**Blank zones** ({count}): {zones}",
    "page.qui_manque.no_population": "Population unknown (no ratio): {zones}",
    "page.qui_manque.download_table": "Download the table (CSV)",
    "page.qui_manque.file.zones": "representation_communes_{basis}.csv",
    "page.qui_manque.hex_size": "Side of the hexagons",
    "page.qui_manque.hex_size_value": "{size} m",
    "page.qui_manque.hex_info": (
        "Hexagons: contributors are counted by the place of their contributions. The "
        "population of each hexagon is unknown: these are counts, not ratios."
    ),
    "page.qui_manque.hex_layer": "Hexagons of {size} m",
    "page.qui_manque.hex_legend": "Contributors per hexagon",
    "page.qui_manque.none_left_out": "none",
    "page.qui_manque.publics_zones": (
        "Communes taken into account (population known by group): {used}. Left out"
        ": {left_out}."
    ),
    "page.qui_manque.download": "Download (CSV)",
    "page.qui_manque.file.publics": "representation_publics_{basis}.csv",
    "page.qui_manque.left_out_download": "Communes left out (CSV)",
    "page.qui_manque.file.left_out_publics": "zones_exclues_publics_{basis}.csv",
    "page.qui_manque.dimension": "Dimension",
    "page.qui_manque.no_cells": "No commune whose population is known by group.",
    "page.qui_manque.cell_legend": "Ratio (1 = in proportion)",
    "page.qui_manque.download_cells": "Download (CSV, cells suppressed)",
    "page.qui_manque.file.cells": "representation_communes_publics_{basis}.csv",
    "page.qui_manque.file.left_out_cells": "zones_exclues_communes_publics_{basis}.csv",
    "page.qui_manque.channels_intro": (
        "Which channels reached which groups and which communes? For each group: "
        "index (1 = in proportion to the population) and, in brackets, the number of "
        "contributors. Counted by the place of the contributions."
    ),
    "page.qui_manque.no_contribution": "No contribution for this selection.",
    "page.qui_manque.channel_zones": "Communes (contributors)",
    "page.qui_manque.file.channels": "representation_canaux.csv",
    "page.qui_manque.file.left_out_channels": "zones_exclues_canaux.csv",
    "page.qui_manque.outreach_intro": (
        "The (commune, group) pairs to meet first: the communes where nobody took part, "
        "then significant shortfalls, from the furthest behind its share of the "
        "population. “Missing”: how many more contributors are needed to reach a ratio of 1."
    ),
    "page.qui_manque.no_deficit": (
        "No shortfall: every commune and every group takes part at least in proportion."
    ),
    "page.qui_manque.to_meet": "To meet",
    "page.qui_manque.download_list": "Download the list (CSV)",
    "page.qui_manque.file.outreach": "ou_aller.csv",
    "page.qui_manque.left_out_outreach": "Communes without a breakdown by group (CSV)",
    "page.qui_manque.file.left_out_outreach": "zones_exclues_ou_aller.csv",
    "page.qui_manque.reweighted_intro": (
        "What the contributions would say if every age band of every commune had "
        "taken part in proportion to its population (reweighting by age band × commune)."
    ),
    "page.qui_manque.by_theme": "**By theme**",
    "page.qui_manque.by_zone": "**By commune**",
    # where to go next: plain-words reasons and field-entry links (present.representation, pages qui_manque and saisie_terrain)
    "outreach.reason.blank": "Nobody took part in {zone} ({population} inhabitants)",
    "outreach.reason.zone_times": "The inhabitants of {zone} take part {times} times less than the territory's average",
    "outreach.reason.zone_percent": "The inhabitants of {zone} take part {percent} less than the territory's average",
    "outreach.reason.public_times": "{people} are {times} times fewer among contributors than in the population of {zone}",
    "outreach.reason.public_percent": "{people} are {percent} fewer among contributors than in the population of {zone}",
    "outreach.reason.public_few": "In {zone}, fewer than {min_cell} contributors among {people}: at least {needed} missing",
    "outreach.reason.not_field": "{reason} (to be met through schools and families rather than in the field)",
    "outreach.reason.uncertain": "{reason} (a gap that may be chance)",
    "outreach.people.0-14": "Under-15s",
    "outreach.people.15-29": "15-29 year-olds",
    "outreach.people.30-44": "30-44 year-olds",
    "outreach.people.45-59": "45-59 year-olds",
    "outreach.people.60-74": "60-74 year-olds",
    "outreach.people.75+": "People aged 75 or over",
    "outreach.people.CS1": "Farmers",
    "outreach.people.CS2": "Craftspeople, shopkeepers and business owners",
    "outreach.people.CS3": "Managers and professionals",
    "outreach.people.CS4": "Intermediate professions",
    "outreach.people.CS5": "Clerical and service workers",
    "outreach.people.CS6": "Manual workers",
    "outreach.people.CS7": "Retired people",
    "outreach.people.CS8": "People without a job",
    "outreach.column.reason": "Why",
    "page.qui_manque.outreach.list": "**In order, where to go:**",
    "page.qui_manque.outreach.enter": "Field entry in {zone}",
    "page.saisie.outreach_note": "“Where to go?” outing: {zone}, to meet first: {people}.",
    "page.saisie.outreach_note_zone": "“Where to go?” outing: {zone}, every public.",
    # shared widgets (web)
    "web.opening_database": "Opening the database…",
    "web.sources": "Data sources",
    "web.posted_on": "sent on {date}",
    "web.rejected.line": "line",
    "web.rejected.reason": "reason",
    "web.your_place": "Your place",
    "web.no_place": "No place chosen yet.",
    "web.shape.other": "a shape",
    "web.place_chosen": "Place chosen: {what} (lat. {lat:.5f}, lon. {lon:.5f}).",
    "web.computing_representation": "Computing the representation…",
    "web.period": "Period",
    # command line: entry point (cli)
    "cli.description": "cartoparti — participatory GIS (command line)",
    "cli.db.help": (
        "DuckDB file or postgresql://… address (default: CARTOPARTI_DB or "
        "data/cartoparti.duckdb)"
    ),
    "cli.settings_error": "Wrong setting: {error}",
    "cli.error": "Error: {error}",
    # command line: shared (cli._base)
    "cli.loading_territory": "No territory in the database: loading {folder}.",
    "cli.rejected_row": "line {line}: {reason}",
    "cli.rejects_written": "Rejected lines written to {target}",
    "cli.rejects_unwritable": "Cannot write {target}: {error}",
    # command line: contributions (cli.contributions)
    "cli.settings.help": "check and show the settings (CARTOPARTI_* variables)",
    "cli.settings.database": "Database: {backend} ({db})",
    "cli.settings.territory": "Territory: {territory}",
    "cli.settings.moderation": "Moderation: {moderation}",
    "cli.settings.no_tiles": "none (the territory's layers)",
    "cli.settings.tiles": "Base map: {tiles}",
    "cli.settings.themes": "Themes: {themes}",
    "cli.settings.services": "Services: {services}",
    "cli.init.help": "create or update the database and load the territory",
    "cli.init.territory": "territory folder (default: CARTOPARTI_TERRITORY)",
    "cli.init.done": (
        "Database {db} ready: territory “{territory}”, {zones} zones, {landmarks} landmarks, "
        "{total} contribution(s)."
    ),
    "cli.import.map_invalid": "--map expects FIELD=COLUMN, got “{item}”.",
    "cli.import.help": "import contributions (CSV, GeoJSON, GeoPackage)",
    "cli.import.crs": "EPSG code of the x/y columns",
    "cli.import.kind": "kind for the lines that have none",
    "cli.import.channel": "channel for the lines that have none",
    "cli.import.theme": "theme for the lines that have none (one of the themes set)",
    "cli.rejects.help": "CSV of the rejected lines (default: beside the file)",
    "cli.export.help": "export the published contributions",
    "cli.output.help": "output file (default: standard output)",
    "cli.export.gpkg_needs_file": "The gpkg format needs a file: -o FILE.gpkg",
    "cli.export.done": "{count} contribution(s) exported to {output}",
    "cli.compact.help": (
        "rewrite the database so that no deleted data remains in it (app stopped)"
    ),
    "cli.compacted_postgres": (
        "PostgreSQL database compacted (VACUUM FULL): {before:.1f} MB → {after:.1f} MB."
    ),
    "cli.compact.no_database": "Database not found: {db}",
    # command line: agents (cli.agents)
    "cli.user.help": "accounts of officers and administrators",
    "cli.user.add.help": (
        "create an account (or change its role and password); password read from "
        "standard input or asked for"
    ),
    "cli.user.name": "user name",
    "cli.user.list.help": "list the accounts (without passwords)",
    "cli.user.set_role.help": "change the role of an account (takes effect at once)",
    "cli.user.remove.help": (
        "remove an account (its open sessions lose access at once)"
    ),
    "cli.answers.help": "answers to contributions",
    "cli.answers.import.help": (
        "record answers in bulk from a CSV id,status,message[,competent]"
    ),
    "cli.answers.user": "officer answering (password read from standard input or asked for)",
    "cli.field.help": "field entry (reaching out)",
    "cli.field.import.help": (
        "import paper questionnaires (the field entry CSV template), entered by an "
        "officer at a meeting"
    ),
    "cli.field.user": "officer entering them (password read from standard input or asked for)",
    "cli.field.date": "date of the meeting (YYYY-MM-DD)",
    "cli.field.place": "place of the meeting",
    # command line: representation and outreach (cli.analysis)
    "cli.date_invalid": "invalid date: “{value}” (YYYY-MM-DD)",
    "cli.kind": "kind of contribution",
    "cli.channel": "channel",
    "cli.code_unknown": (
        "unknown {what}: “{value}” (codes: {codes}; or labels: {labels})."
    ),
    "cli.basis.help": "place: place of the contributions; home: declared commune of residence",
    "cli.since.help": "from this date (included)",
    "cli.until.help": "up to this date (included)",
    "cli.kinds.help": "kind of contribution (repeatable)",
    "cli.themes.help": "theme (repeatable)",
    "cli.channels.help": "channel (repeatable)",
    "cli.layer.help": "zone layer (default: the main layer)",
    "cli.representation.help": "representation of the zones and groups among the contributors",
    "cli.representation.without_zone": (
        "{count} contributor(s) without a zone on this basis, left out."
    ),
    "cli.representation.channel_place_only": (
        "--by channel counts on the “place” basis only."
    ),
    "cli.representation.left_out_channel": "left out of the age and category lines",
    "cli.rows_written": "{count} line(s) written to {output}",
    "cli.left_out": "left out",
    "cli.zones_left_out": (
        "{count} zone(s) without a breakdown of the population by group, {what}: {zones}"
    ),
    "cli.outreach.help": "where to go? the zones and groups to meet first",
    "cli.outreach.top": "number of targets (default: 20)",
    "cli.outreach.top_invalid": "--top expects a positive whole number.",
    "cli.outreach.left_out": (
        "listed whole (dimension and group “all”) without a breakdown by group"
    ),
    "cli.outreach.written": "{count} target(s) written to {output}",
    "cli.outreach.none": "No target: no zone and no group falls short.",
    # maps (present.maps)
    "map.popup_label": "{label}: ",
    "map.basemap": "Base map",
    "map.zones": "Communes",
    "map.landmarks": "Mining heritage (estates, spoil tips, shafts, buildings)",
    "map.popup.kind": "Kind",
    "map.contributions": "Contributions",
    "map.popup.theme": "Theme",
    "map.popup.date": "Date",
    "map.popup.zone": "Commune",
    "map.popup.status": "Follow-up",
    "map.popup.answer": "Answer",
    "map.popup.supports": "Me too",
    "map.supports": "{count} support(s)",
    "map.done": "Done with residents",
    # the paper questionnaire and its CSV template (present.questionnaire)
    "questionnaire.map": "Map of the commune",
    "questionnaire.title": "Questionnaire — {commune}",
    "questionnaire.heading": "Your opinion matters — {commune}",
    "questionnaire.intro": (
        "{territory}. A need, a weak signal, a memory, a proposal, something "
        "that does not work:\ntell us here. An officer will enter your contribution, it will be "
        "published on the map and will get a public answer."
    ),
    "questionnaire.kind": "1. What is it about?",
    "questionnaire.title_field": "2. In a few words (title)",
    "questionnaire.text": "3. Your message",
    "questionnaire.theme": "4. Theme",
    "questionnaire.where": (
        "5. Where? Mark the place with a cross on the map, or circle a number"
    ),
    "questionnaire.address": "Address or place (if you prefer):",
    "questionnaire.about_you": "6. About you — optional, for statistics only",
    "questionnaire.about_you_why": (
        "These answers are only used to find out which groups and which neighbourhoods we "
        "rarely hear from.\nThey are never published or exported publicly, and they are not "
        "linked to your name."
    ),
    "questionnaire.age_band": "Age band",
    "questionnaire.csp": "Work situation",
    "questionnaire.home_commune": "Commune where you live",
    "questionnaire.first_time": "Is this the first time you have taken part?",
    "questionnaire.yes": "Yes",
    "questionnaire.no": "No",
    "questionnaire.what_is_public": (
        "What will be public: the kind, the title, the message, the theme, the place and the date.\n"
        "Do not write your name, your phone number or your e-mail address in the message.\n"
        "To follow the answer, ask the officer for your personal follow-up code."
    ),
    "questionnaire.agent_only": "For the officer",
    "questionnaire.agent_fields": (
        " — date of the meeting: ………………\n place: ……………………………… officer: ………………"
    ),
    "questionnaire.follow_code_given": " follow-up code given: ……………………",
    "questionnaire.example.title": "Example: a bench near the bus stop",
    "questionnaire.example.text": (
        "Example line: replace it with the answers of the questionnaires."
    ),
    # file imports, continued (io.importer)
    "import.field_unknown": "Unknown field in --map: {fields} (fields: {known}).",
    "import.file_missing": "File not found: {path}",
    "import.file_unreadable": "Unreadable file: {file} ({error})",
    "import.format_unsupported": (
        "Format not supported: {suffix} (CSV, GeoJSON or GeoPackage)."
    ),
    "import.encoding_unreadable": "Unreadable encoding: {file}",
    "import.file_empty": "Empty file: {file}",
    "import.outside": "Place outside the territory.",
    # tables (io.tables)
    "tables.format_unknown": "Unknown format: “{fmt}” (csv or json).",
    # exports (io.export)
    "export.format_unknown": "Unknown format: {fmt} ({formats}).",
    # territory attribution (io.territory)
    "territory.open_data": "Open data: Mission Bassin Minier UNESCO, INSEE",
    # charts (present.charts)
    "representation.not_computed": "not computed",
    "chart.index_axis": "Index (1 = in proportion to the population)",
    "chart.status": "Status",
    "chart.group": "Group",
    "chart.index": "Index",
    "chart.zone": "Commune",
    "chart.ratio": "Ratio",
    # representation: labels, captions and tables (present.representation)
    "representation.ratio_class.r0": "under 0.5",
    "representation.ratio_class.r1": "0.5 to 0.75",
    "representation.ratio_class.r2": "0.75 to 0.9",
    "representation.ratio_class.r3": "0.9 to 1.1 (close to 1)",
    "representation.ratio_class.r4": "1.1 to 1.33",
    "representation.ratio_class.r5": "1.33 to 2",
    "representation.ratio_class.r6": "2 or more",
    "representation.unknown_population": "population unknown",
    "representation.legend.blank": "blank zone (dashed outline)",
    "representation.legend.cold_spot": "cold spot (thick purple outline)",
    "representation.legend.suppressed": "“{text}”: cell suppressed",
    "representation.left_out.publics": (
        "Communes left out (population by group unknown)"
    ),
    "representation.left_out.publics_reason": (
        "left out: population by age and category unknown"
    ),
    "representation.left_out.channels": (
        "Groups (ages, categories) counted without the communes whose population by group "
        "is unknown; left out"
    ),
    "representation.left_out.channels_reason": (
        "left out of the age and category lines: population by group unknown"
    ),
    "representation.left_out.outreach": (
        "Communes whose population by group is unknown, listed whole (“all "
        "groups”) without a breakdown by group"
    ),
    "representation.left_out.outreach_reason": (
        "listed whole (all groups): population by age and category unknown"
    ),
    "representation.left_out.none": (
        "No commune left out: the population by group is known everywhere."
    ),
    "representation.left_out.note": "{what}: {zones}.",
    "representation.all_publics": "all groups",
    "representation.target_at_least": "{group}: at least {needed} more",
    "representation.target": "{group}: {needed} more",
    "representation.interval": "{low} to {high}",
    "representation.tooltip_blank": "{name}: blank zone (no contributor)",
    "representation.tooltip": "{name}: ratio {ratio}, {status}",
    "representation.column.zone": "Zone",
    "representation.column.population": "Population",
    "representation.column.contributors": "Contributors",
    "representation.column.expected": "Expected",
    "representation.column.ratio": "Ratio",
    "representation.column.interval": "95% interval",
    "representation.column.smoothed": "Smoothed ratio",
    "representation.column.status": "Status",
    "representation.column.blank": "Blank zone",
    "representation.yes": "yes",
    "representation.column.cluster": "Spot (Gi*)",
    "representation.cold_spot": "cold spot",
    "representation.hot_spot": "hot spot",
    "representation.column.group": "Group",
    "representation.column.population_share": "Share of the population",
    "representation.column.contributor_share": "Share of the contributors",
    "representation.column.index": "Index",
    "representation.chi2.impossible": "test not possible (not enough answers)",
    "representation.chi2.different": (
        "the contributors are spread clearly differently from the population"
    ),
    "representation.chi2.same": "no clear difference with the population",
    "representation.test_caption": (
        "{declared} contributor(s) out of {contributors} gave this information. Chi-squared "
        "test: {statistic} ({dof} d.f.), p = {p_value} — {verdict}. Representation score"
        ": {score}."
    ),
    "representation.channels.total": "Contributors (all)",
    "representation.channels.channel": "Channel",
    "representation.column.rank": "Rank",
    "representation.column.public": "Group",
    "representation.column.needed": "Missing",
    "representation.at_least": "at least {needed}",
    "representation.column.best_channel": "Channel that worked best",
    "representation.home_basis": (
        "“Commune of residence” basis: {left_out} contributor(s) left out "
        "({no_home} without a stated commune, {home_outside} outside the territory)."
    ),
    "representation.reweighted_caption": (
        "{used} contribution(s) reweighted; left out: {no_age} without an age "
        "band, {no_breakdown} outside the communes whose population by age is known. "
        "Population covered by at least one contribution: {coverage:.0f}%."
    ),
    "representation.column.theme": "Theme",
    "representation.column.contributions": "Contributions",
    "representation.column.raw_share": "Raw share",
    "representation.column.reweighted": "Reweighted contributions",
    "representation.column.reweighted_share": "Reweighted share",
    "representation.hex.none": "no contribution",
    "representation.hex.h2": "2 to 4",
    "representation.hex.h3": "5 to 9",
    "representation.hex.h4": "10 to 24",
    "representation.hex.h5": "25 or more",
    "representation.hex.outside": "outside the communes",
    "representation.hex.tooltip": (
        "{zone}: {contributors} contributor(s), {contributions} contribution(s)"
    ),
    "representation.hex.summary": "{count} hexagons, of which {empty} without any contribution.",
    # -- backups (cartoparti backup / restore, the Données page) ----------------------------------
    "cli.backup.help": "back up the whole database to a file (contributions, answers, accounts, log)",
    "cli.backup.file": "backup file to write (.zip)",
    "cli.backup.done": "Backup written to {file}: {tables} tables, {rows} rows.",
    "cli.restore.help": "load a backup into a new database (DuckDB or PostgreSQL)",
    "cli.restore.file": "backup file to read",
    "cli.restore.missing": "Backup not found: {file}",
    "cli.restore.done": "Backup of {created} loaded into {db}: {rows} rows.",
    "backup.unreadable": "This file is not a readable cartoparti backup ({error}).",
    "backup.format": "Unknown backup format: “{value}”.",
    "backup.truncated": "Incomplete backup: the table {table} does not have all its rows.",
    "backup.newer": "This backup comes from a newer version of cartoparti (schema {version}): update first.",
    "backup.not_empty": "The database already holds contributions: load the backup into a new database.",
    # -- places that come back, weak-signal alerts and stories of places (MESSAGES) --
    # settings of the weak-signal alerts
    "settings.number_invalid": "{name}: “{value}” is not a number between {low} and {high}.",
    "settings.whole_number_invalid": "{name}: “{value}” is not a whole number between {low} and {high}.",
    # places that come back (commands.clusters, pages/lieux.py, cli places)
    "clusters.eps_invalid": "The radius must be a number of metres between {low} and {high} (got: “{value}”).",
    "clusters.min_contributors_invalid": (
        "The number of contributors must be a whole number between {low} and {high} (got: “{value}”)."
    ),
    "clusters.name": "Place {number}",
    "cli.places.help": "places that come back: contributions grouped by density (in metres)",
    "cli.places.eps.help": "neighbourhood radius, in metres (default: {default})",
    "cli.places.min_contributors.help": "least number of distinct contributors of a place (default: {default})",
    "cli.places.format.help": "format: csv (one line per place) or geojson (the footprints)",
    "cli.places.count": "{count} place(s) that come back.",
    "page.lieux.page": "Places that come back",
    "page.lieux.title": "Places that come back",
    "page.lieux.intro": (
        "The spots where several different people have sent contributions close to one "
        "another. A place counts distinct contributors, not points: one person who sends ten "
        "contributions about their street does not make a place on their own. Groups are hidden below 5 people."
    ),
    "page.lieux.eps": "Neighbourhood radius (metres)",
    "page.lieux.min_contributors": "Least number of distinct contributors",
    "page.lieux.none": "No place comes back with these settings: try a larger radius or fewer contributors.",
    "page.lieux.count": "{count} place(s) that come back",
    "page.lieux.layer": "Places that come back",
    "page.lieux.story": "Story of this place",
    "page.lieux.publics": "Groups of the places (contributors; hidden below 5 people)",
    "page.lieux.suppressed": "fewer than 5",
    "page.lieux.col.name": "Place",
    "page.lieux.col.contributions": "Contributions",
    "page.lieux.col.contributors": "Distinct contributors",
    "page.lieux.col.kinds": "Kinds",
    "page.lieux.col.themes": "Themes",
    "page.lieux.col.first": "First",
    "page.lieux.col.last": "Last",
    "page.lieux.col.dimension": "Dimension",
    "page.lieux.col.group": "Group",
    "page.lieux.popup.contributors": "Contributors",
    "page.lieux.popup.kinds": "Kinds",
    "page.lieux.popup.themes": "Themes",
    "page.lieux.popup.dates": "Dates",
    # weak-signal alerts (app.py for agents, commands.clusters)
    "alerts.unknown": "Unknown alert: {key}.",
    "alerts.reason_required": "Say why you are dismissing this alert (the reason is required).",
    "alerts.reason_too_long": "The reason must not be longer than {max} characters.",
    "alerts.plan_item_required": "Give the action of the plan to attach this alert to.",
    "alerts.title": "Alerts: weak signals are gathering",
    "alerts.summary": (
        "{contributors} different people have reported weak signals less than {radius} m "
        "from one another, from {first} to {last}."
    ),
    "alerts.signals": "Signals: {titles}",
    "alerts.acknowledge": "I will take this in hand",
    "alerts.dismiss": "Dismiss",
    "alerts.reason": "Reason (required to dismiss)",
    "alerts.acknowledged": "Alert taken in hand.",
    "alerts.dismissed": "Alert dismissed.",
    "alerts.see_places": "See the places that come back",
    "alerts.to_plan": "Add to the action plan",
    "alerts.to_plan_submit": "Create the action from these signals",
    "alerts.to_plan_overload": "Warning: the service {service} goes over its capacity in {month}.",
    "alerts.planned": "Action added to the action plan, fed by these signals.",
    # stories of places (pages/histoire.py, commands.stories)
    "story.unknown": "This place cannot be found: “{id}”.",
    "page.histoire.page": "Story of a place",
    "page.histoire.choose": "Choose a heritage site",
    "page.histoire.lead": (
        "Every place in the mining area has its story: the memories residents have "
        "attached to it, the heritage around it, what they want there today and what the "
        "council has done there. Choose an estate, a spoil tip, a shaft or a building."
    ),
    "page.histoire.placeholder": "Type or choose the name of a place",
    "page.histoire.intro": (
        "The memories left around this place, the heritage nearby, the needs and proposals "
        "of the area, and what has been done."
    ),
    "page.histoire.around": "Within {radius} m of this place.",
    "page.histoire.memories": "Memories",
    "page.histoire.heritage": "Heritage around it",
    "page.histoire.nearby": "Needs and proposals nearby",
    "page.histoire.done": "What has been done",
    "page.histoire.none": "Nothing yet.",
    "page.histoire.share": "Link to share: {link}",
    "page.histoire.place": "Place that comes back no. {number}",
    "alerts.not_convertible": (
        "This alert has already been dealt with ({state}): it can no longer be taken in hand, "
        "dismissed or become an action of the plan."
    ),
    "alerts.state.planned": "added to the action plan",
    "alerts.state.dismissed": "dismissed",
    "alerts.state.superseded": "replaced by a wider alert",
    "alerts.taken_by": "Taken in hand by {who} on {when}.",
    # (keep them in this section; add new keys above this line)

    # -- the action plan and the services' capacity (MESSAGES) --
    "plan.number_invalid": "“{value}” is not a number.",
    "plan.cost_negative": "The estimated cost cannot be negative.",
    "plan.agent_days_negative": "The number of officer-days cannot be negative.",
    "plan.capacity_negative": "The capacity cannot be negative.",
    "plan.date_invalid": "“{value}” is not a date (YYYY-MM-DD).",
    "plan.zone_unknown": "The zone “{code}” does not exist in this territory.",
    "plan.outside": "This place is outside the territory.",
    "plan.contribution_unknown": "Unknown contribution: {ids}. Nothing has been saved.",
    "plan.contribution_not_public": (
        "Only a published, visible contribution can feed an action: {ids} is not "
        "(hidden, waiting for moderation or merged). Nothing has been saved."
    ),
    "plan.contribution_required": "Choose at least one contribution to link.",
    "plan.title_required": "Give the action a title.",
    "plan.title_too_long": "The title is longer than {max} characters.",
    "plan.description_too_long": "The text is longer than {max} characters.",
    "plan.level_unknown": "Unknown participation level: “{value}” (expected: {levels}).",
    "plan.service_unknown": "Unknown service: “{value}” (services: {services}).",
    "plan.start_required": "Give the start date of the action.",
    "plan.milestone_label_required": "Give the step a name.",
    "plan.milestone_label_too_long": "The name of the step is longer than {max} characters.",
    "plan.milestone_before_start": "The step of {date} falls before the start of the action ({start}).",
    "plan.start_after_milestone": "The start ({start}) falls after a step already planned (on {date}).",
    "plan.item_unknown": "Unknown action: “{id}”.",
    "plan.status_unknown": "Unknown status: “{value}” (expected: {statuses}).",
    "plan.reason_required": (
        "An abandoned action must say publicly why (at least {min} characters)."
    ),
    "plan.not_linked": "The contribution “{id}” is not linked to this action.",
    "plan.milestone_unknown": "Unknown step: no. {step}.",
    "plan.overload": (
        "The service “{service}” would go over its capacity in {month}: "
        "{load} officer-days planned for {capacity} available."
    ),
    "plan.made_with_residents": "Done with residents",
    "map.realised": "Done: the action of the plan it fed has been carried out",
    "page.plan.page": "Action plan",
    "page.plan.title": "Action plan",
    "page.plan.intro": (
        "The council's public action plan: each action gives its place, its service, its level "
        "of participation, its estimated cost and officer-days, its steps and the contributions that "
        "fed it. Before saving, the page warns if a service goes over its capacity."
    ),
    "page.plan.tab_list": "The actions",
    "page.plan.tab_new": "New action",
    "page.plan.tab_edit": "Follow an action",
    "page.plan.tab_capacity": "Capacity of the services",
    "page.plan.none": "The action plan has no action yet.",
    "page.plan.item_title": "Name of the action *",
    "page.plan.description": "Description (public)",
    "page.plan.service": "Service responsible",
    "page.plan.level": "Participation level",
    "page.plan.zone": "Place (commune)",
    "page.plan.no_zone": "The whole territory (no precise place)",
    "page.plan.cost": "Estimated cost (euros)",
    "page.plan.days": "Estimated officer-days",
    "page.plan.start": "Start",
    "page.plan.milestones": "**Steps** (optional; not before the start)",
    "page.plan.milestone_label": "Step {n}",
    "page.plan.milestone_date": "Date of step {n}",
    "page.plan.links": "**Contributions that fed the action**",
    "page.plan.search": "Search for a contribution (words of the title or message, or identifier)",
    "page.plan.search_hint": "pavement station",
    "page.plan.search_none": "No contribution contains these words.",
    "page.plan.option": "{title} · {kind} · {id}",
    "page.plan.contributions": "Contributions chosen",
    "page.plan.contributions_hint": "Search above, then choose",
    "page.plan.confirm_overload": "I have seen the warning: save anyway",
    "page.plan.create": "Save the action",
    "page.plan.created": "Action saved: {title}.",
    "page.plan.pick": "Action",
    "page.plan.pick_option": "{title} · {status} · {id}",
    "page.plan.status_title": "Status",
    "page.plan.status": "New status",
    "page.plan.reason": "Public reason (required to abandon)",
    "page.plan.reason_help": "It is shown to residents with the abandoned action.",
    "page.plan.set_status": "Change the status",
    "page.plan.status_done": "Status saved: {status}.",
    "page.plan.milestones_title": "Steps",
    "page.plan.tick": "Done",
    "page.plan.undo": "Not yet",
    "page.plan.new_milestone": "New step",
    "page.plan.new_milestone_date": "Date",
    "page.plan.add_milestone": "Add the step",
    "page.plan.milestone_added": "Step added.",
    "page.plan.milestone_ticked": "Step updated.",
    "page.plan.links_title": "Linked contributions",
    "page.plan.linked_row": "- {title} (`{id}`)",
    "page.plan.linked_row_hidden": "- {title} (`{id}`) — no longer visible to the public: does not count publicly",
    "page.plan.unlink": "Unlink",
    "page.plan.link": "Link the contributions chosen",
    "page.plan.linked": "{count} contribution(s) linked.",
    "page.plan.unlinked": "Contribution unlinked.",
    "page.plan.edit_fields": "Change the name, the description, the service, the cost, the days, the start",
    "page.plan.save": "Save the changes",
    "page.plan.updated": "Changes saved.",
    "page.plan.capacity_intro": (
        "Planned load of each service, by month, against its capacity in officer-days. The days "
        "of an action are spread evenly over the months from its start to its last step (all "
        "in the month of the start without steps); abandoned actions do not count."
    ),
    "page.plan.no_load": "No action plans any officer-days yet.",
    "page.plan.capacity": "Capacity (officer-days per month)",
    "page.plan.capacity_title": "Change the capacity of a service",
    "page.plan.capacity_save": "Save",
    "page.plan.capacity_saved": "Capacity saved for “{service}”.",
    "page.plan.capacity_admin_only": "Only an administrator changes the capacity of the services.",
    "page.plan_public.title": "What the council is doing",
    "page.plan_public.intro": (
        "The council's action plan, kept up to date: each action, its progress and its steps. "
        "“Done with residents”: contributions fed the action. An abandoned action "
        "says publicly why."
    ),
    "page.plan_public.none": "The action plan has no action yet.",
    "page.plan_public.with_residents": "Done with residents",
    "page.plan_public.filter": "Status",
    "page.plan_public.all": "All",
    "page.plan_public.to_map": "See the contributions on the map",
    "page.contribution.plan": "What this contribution fed",
    "page.suivi.plan": "Your contribution fed an action of the council's plan:",
    "chart.capacity.over": "over capacity",
    "chart.capacity.within": "within capacity",
    "chart.capacity.days": "officer-days planned",
    "chart.capacity.month": "Month",
    "chart.capacity.load": "Planned",
    "chart.capacity.capacity": "Capacity",
    "plan.card.status": "**{status}**",
    "plan.card.level": "participation: {level}",
    "plan.card.start": "starts on {date}",
    "plan.card.cost": "estimated cost: {cost}",
    "plan.card.with_residents": "🤝 done with residents ({count} contribution(s))",
    "plan.card.reason": "Abandoned: {reason}",
    "plan.card.milestone": "- ⬜ {date} — {label}",
    "plan.card.milestone_done": "- ✅ {date} — {label}",
    "plan.map_legend": (
        "The dotted circles: the actions of the council's plan (purple planned, orange in progress, "
        "green done, grey abandoned). The white pebbles ringed in green: the contributions carried out."
    ),
    "map.plan": "The council's action plan",
    "map.popup.plan_start": "Start",
    "map.popup.plan_service": "Service",
    "map.popup.plan_reason": "Why abandoned",
    "cli.plan.help": "the action plan: add an action, link contributions, steps, status, list",
    "cli.plan.user": "the officer acting (password: standard input or prompt)",
    "cli.plan.add.help": "add an action to the plan (status “planned”)",
    "cli.plan.start": "start date (YYYY-MM-DD)",
    "cli.plan.cost": "estimated cost in euros",
    "cli.plan.days": "estimated officer-days",
    "cli.plan.zone": "code of the zone the action is about (otherwise --lon/--lat or --wkt)",
    "cli.plan.contribution": "identifier of a contribution that fed the action (repeatable)",
    "cli.plan.milestone": "a step YYYY-MM-DD=name (repeatable)",
    "cli.plan.link.help": "link contributions to an action (--remove: unlink)",
    "cli.plan.remove": "unlink instead of link",
    "cli.plan.milestone.help": "add a step (--date, --label) or tick it (--done N, --undone N)",
    "cli.plan.status.help": "change the status of an action (abandoned: --reason required)",
    "cli.plan.reason": "public reason for abandoning",
    "cli.plan.list.help": "the action plan as CSV or JSON",
    "cli.plan.milestone_invalid": "“{value}”: a step is written YYYY-MM-DD=name.",
    "cli.plan.wkt_invalid": "Unreadable WKT geometry: “{value}”.",
    "cli.plan.nothing_done": "Nothing has been saved.",
    "cli.plan.linked": "{count} contribution(s) linked to the action {item}.",
    "cli.plan.unlinked": "{count} contribution(s) unlinked from the action {item}.",
    "cli.plan.milestone_added": "Step no. {step} added to the action {item}.",
    "cli.plan.milestone_ticked": "Step no. {step} of the action {item} updated.",
    "cli.plan.status_set": "Action {item}: {status}.",
    "settings.capacity_invalid": (
        "CARTOPARTI_CAPACITY: “{value}” is not of the form service=days "
        "(a number, zero or more, with a dot for decimals)."
    ),
    "settings.capacity_service_unknown": (
        "CARTOPARTI_CAPACITY: the service “{service}” is not in CARTOPARTI_SERVICES ({services})."
    ),
    "settings.capacity_twice": "CARTOPARTI_CAPACITY: the service “{service}” is named twice.",
    # (keep them in this section; add new keys above this line)

    # -- priorities and the council brief (MESSAGES) --
    "priorities.kind_unknown": "Unknown kind of contribution: “{value}” (kinds: {codes}).",
    "cli.priorities.help": "Rank the proposals and needs (supports, contributors, variety of groups; raw and reweighted)",
    "cli.priorities.kind": "kind of contribution (code or label); by default proposals and needs",
    "cli.priorities.written": "{count} priorities written to {output}.",
    "page.priorites.title": "Priorities",
    "page.priorites.intro": "The proposals and needs residents back most: “me too” supports, number of people (authors, including merged duplicates, and supporters) and the variety of groups who wrote them.",
    "page.priorites.how_to_read": "How to read “reweighted”?",
    "page.priorites.how_to_read_text": "Some groups take part more than others. To allow for it, each person whose age band and commune are known counts for the **weight of their group**: its share of the census population divided by its share among the contributors. A group twice as present among the contributors as in the population counts for a half; a group half as present counts for two. Anonymous “me too” supports and people without a profile count for 1.\n\nA priority whose reweighted number is clearly lower than its raw number is carried mostly by a group that is already very present; higher, by a group we rarely hear from.\n\nThe groups of a priority are only shown from {min_cell} people with a known profile, never person by person.",
    "page.priorites.kind": "Kind of contribution",
    "page.priorites.all_kinds": "Proposals and needs",
    "page.priorites.none": "No published contribution of this kind yet.",
    "page.priorites.download": "Download the table (CSV)",
    "page.bilan.title": "Brief for the council",
    "page.bilan.intro": "A document to present to the council: maps of the territory and of participation, who took part and who is missing, residents' priorities and the answers given. It is drawn up from the current data, without asking anything from outside.",
    "page.bilan.pdf": "Download the brief (PDF)",
    "page.bilan.html": "Download the brief (web page)",
    "page.bilan.contents": "What the brief contains:",
    "brief.format_unknown": "Unknown brief format: “{fmt}” (formats: {formats}).",
    "cli.report.help": "Write the brief for the council (PDF or HTML)",
    "cli.report.output": "file of the brief (required)",
    "cli.report.written": "Brief written to {output}.",
    "brief.title": "Participation brief for the council",
    "brief.generated": "Document drawn up on {date} from the published contributions and the answers given.",
    "brief.contents": "Contents",
    "brief.page": "Page",
    "brief.days": "{days} days",
    "brief.attribution.title": "Data sources",
    "brief.territory.title": "The territory and the contributions",
    "brief.territory.intro": "{name}: {zones} zones, {contributions} published contributions. Each point on the map is a contribution.",
    "brief.territory.zones": "zones",
    "brief.territory.sample": "The map shows {shown} contributions drawn at random out of {total}.",
    "brief.answers.refusals_more": "The {shown} most recent refusals are listed, out of {total}.",
    "brief.territory.contributions": "published contributions",
    "brief.territory.map": "Map of the territory and of the published contributions",
    "brief.territory.legend.zone": "zone of the territory",
    "brief.territory.legend.contribution": "contribution",
    "brief.representation.title": "Where participation is weakest",
    "brief.representation.intro": "The map compares, zone by zone, the number of contributors with the number expected if every inhabitant had the same chance of taking part (smoothed ratio: 1 = as many as expected; in red, fewer; in blue, more).",
    "brief.representation.how": "Under-represented zones: {under}. Blank zones (no contributor): {blank}.",
    "brief.representation.map": "Representation of the zones among the contributors",
    "brief.representation.under_table": "Under-represented zones",
    "brief.participation.title": "Who took part, who is missing",
    "brief.participation.intro": "{contributors} people contributed. The tables compare their age and their socio-professional category, when they gave them, with the census population.",
    "brief.participation.contributors": "contributors",
    "brief.participation.with_home": "gave their commune",
    "brief.participation.under_zones": "under-represented zones",
    "brief.participation.blank_zones": "blank zones",
    "brief.participation.table": "Contributors and population by {dimension}",
    "brief.caveat.small_numbers": "Small numbers: with few contributors, a gap may be down to chance; breakdowns of fewer than {min_cell} people are not shown.",
    "brief.caveat.self_declared": "Stated profiles: age, category and commune are those people chose to give, without checking; many do not give them.",
    "brief.caveat.census": "The reference population is that of the INSEE census of {year}: it may have changed since.",
    "brief.caveat.census_unknown": "The reference population is that of the census cited in the sources: it may have changed since.",
    "brief.priorities.title": "Residents' priorities",
    "brief.priorities.intro": "The proposals and needs with the most support (“me too”), then those carried by the most people and by the widest range of groups.",
    "brief.priorities.reweighted": "“Reweighted”: each person whose age and commune are known counts for the weight of their group, less than 1 if that group is over-represented among the contributors compared with the census, more than 1 if it is under-represented; the others count for 1. A reweighted number clearly lower than the raw number points to a priority carried mostly by a group that is already very present.",
    "brief.priorities.secrecy": "The groups of a priority are only shown from {min_cell} people with a known profile, never person by person.",
    "brief.priorities.table": "The first {count} priorities",
    "brief.priorities.none": "No proposal or need published yet.",
    "brief.priorities.publics_hidden": "fewer than {min_cell} known profiles",
    "brief.answers.title": "The answers given",
    "brief.answers.none": "No contribution to answer yet.",
    "brief.answers.contributions": "contributions to handle",
    "brief.answers.answered": "have received an answer",
    "brief.answers.median": "median time to the first answer",
    "brief.answers.declined": "refusals",
    "brief.answers.by_zone": "Answers by zone",
    "brief.answers.refusals": "Refusals and their reasons",
    "brief.answers.no_refusal": "No contribution has been refused.",
    "brief.answers.definitions": "A contribution has received an answer when a public message has been addressed to it. The acceptance rate counts the contributions accepted, in progress or done among those that received a decision (accepted or refused).",
    "brief.column.zone": "Zone",
    "brief.column.population": "Population",
    "brief.column.contributors": "Contributors",
    "brief.column.expected": "Expected",
    "brief.column.ratio": "Ratio",
    "brief.column.group": "Group",
    "brief.column.population_share": "Share of the population",
    "brief.column.contributor_share": "Share of the contributors",
    "brief.column.status": "Finding",
    "brief.column.rank": "Rank",
    "brief.column.title": "Title",
    "brief.column.kind": "Kind",
    "brief.column.supports": "Supports",
    "brief.column.people": "People",
    "brief.column.reweighted": "People (reweighted)",
    "brief.column.publics": "Groups (age)",
    "brief.column.contributions": "Contributions",
    "brief.column.answer_rate": "Answer rate",
    "brief.column.median_days": "Median delay (days)",
    "brief.column.acceptance": "Acceptance rate",
    "brief.column.reason": "Reason given",
    "brief.column.number": "No.",
    "brief.column.kinds": "Kinds",
    "brief.column.period": "Period",
    "brief.places.title": "The places that come back",
    "brief.places.intro": "Contributions from several people gather in certain places: at least {min} different people less than {eps} metres from one another. These places deserve particular attention, whatever the subjects.",
    "brief.places.none": "No place brings together the contributions of several people yet.",
    "brief.places.count": "places that come back",
    "brief.places.members": "contributions in these places",
    "brief.places.map": "The places that come back (numbered as in the table)",
    "brief.places.legend": "place that comes back",
    "brief.places.table": "The {count} places with the most contributions",
    "brief.places.period": "from {first} to {last}",
    "brief.plan.title": "The action plan and its progress",
    "brief.plan.none": "No action has been added to the action plan yet.",
    "brief.plan.intro": "{items} actions are in the action plan, of which {residents} fed by residents' contributions (“done with residents”). The plan is public: anyone can read it on the page “What the council is doing”.",
    "brief.plan.milestones": "steps completed",
    "brief.plan.milestones_value": "{done} of {total}",
    "brief.plan.no_residents": "—",
    "brief.plan.next": "{date}: {label}",
    "brief.plan.table": "The actions of the plan",
    "brief.plan.abandoned": "The abandoned actions and the reason given to the public",
    "brief.column.action": "Action",
    "brief.column.service": "Service",
    "brief.column.level": "Participation",
    "brief.column.plan_status": "Status",
    "brief.column.with_residents": "Linked contributions",
    "brief.column.next_milestone": "Next step",
    # (keep them in this section; add new keys above this line)

    # -- notifications to residents and open exports (MESSAGES) --
    "settings.smtp_port": "CARTOPARTI_SMTP_PORT: “{value}” is not a port number (1 to 65535).",
    "settings.smtp_from_missing": (
        "CARTOPARTI_SMTP_FROM is missing: give the address the e-mails are sent from "
        "(for example participation@mairie.fr)."
    ),
    "settings.smtp_from_invalid": "CARTOPARTI_SMTP_FROM: “{value}” is not an e-mail address.",
    "settings.smtp_credentials": (
        "CARTOPARTI_SMTP_USER and CARTOPARTI_SMTP_PASSWORD go together: give both or neither."
    ),
    "settings.smtp_starttls": "CARTOPARTI_SMTP_STARTTLS: “{value}” is neither oui nor non.",
    "settings.public_url_invalid": (
        "CARTOPARTI_PUBLIC_URL: “{value}” must start with https:// (or http://)."
    ),
    "cli.settings.smtp": "E-mails to residents: {smtp}",
    "cli.settings.no_smtp": "none (the council does not send e-mails)",
    "notify.email_invalid": "“{value}” is not an e-mail address (example: firstname.surname@example.org).",
    "notify.consent_required": (
        "Tick the box to agree that the council keeps your address, or leave the field empty."
    ),
    "notify.email_label": "Your e-mail address (optional)",
    "notify.email_help": (
        "To be told when this contribution changes status or feeds the action plan."
    ),
    "notify.consent_label": (
        "I agree that the council keeps my address to tell me what comes of this "
        "contribution. It is never published or exported, is used for this alone and is deleted "
        "with the contribution."
    ),
    "notify.no_mail": (
        "The council does not send e-mails yet: follow your contribution with your follow-up code."
    ),
    "notify.support_email_label": "Be told by e-mail (optional)",
    "notify.support_with_email": "Thank you, your support has been counted; you will be told what comes of it.",
    "notify.role_author": "made",
    "notify.role_supporter": "supported",
    "notify.no_message": "(no message)",
    "notify.status_subject": "Your contribution “{title}”: {status}",
    "notify.status_body": (
        "Hello,\n\n"
        "The contribution “{title}” that you {role} has changed status: {status}.\n\n"
        "The council's answer:\n{message}\n\n"
        "See the contribution: {link}\n"
        "Follow your contributions with your follow-up code: {follow}"
    ),
    "notify.plan_subject": "Your contribution feeds the action plan: “{item}”",
    "notify.plan_body": (
        "Hello,\n\n"
        "What you said or supported feeds an action of the council's plan: “{item}”.\n\n"
        "Contribution(s):\n{contributions}\n\n"
        "Follow your contributions with your follow-up code: {follow}"
    ),
    "notify.plan_line": "- “{title}”: {link}",
    "notify.you_are_notified": (
        "You left an e-mail address to be told what comes of your contributions."
    ),
    "notify.stop": "Stop receiving e-mails (delete my address)",
    "notify.stopped": "Your e-mail address has been deleted: you will receive no more e-mails.",
    "export.open311.service_description": "Residents' contributions on the theme “{theme}”",
    "export.open311.group": "residents' participation",
    "export.page_help": (
        "Only the published, visible contributions, without any profile data or "
        "e-mail address; the codes are followed by their labels. "
        "The GeoPackage has one layer per table (contributions, one layer per geometry "
        "type: points, lines, areas, dates as date-time fields; zones "
        "with contributions, contributors, population, share and representation status; "
        "places that come back with their footprint; actions of the action plan); "
        "the Open311 file brings together the “services” documents (one per theme) and “requests” "
        "(one request per contribution) of GeoReport v2."
    ),
    "export.open311.request_description": "{kind}: {title}\n\n{text}",
    "notify.footer": (
        "You are receiving this e-mail because you left your address with this contribution. "
        "Your address is never published; it is deleted with the contribution. To stop "
        "receiving e-mails: “Stop receiving e-mails” on the follow-up page, with your "
        "follow-up code, or write to the town hall ({sender}) giving this address: an officer "
        "will delete it from every contribution.\n-- \ncartoparti"
    ),
    "notify.forget_title": "Delete an e-mail address",
    "notify.forget_help": (
        "When a resident asks (by e-mail or at the counter): their address is deleted from "
        "every contribution they made or supported; they receive no more e-mails."
    ),
    "notify.forget_email": "E-mail address to delete",
    "notify.forget_button": "Delete this address everywhere",
    "notify.forgotten": "Address deleted: it was following {count} contribution(s).",
    "notify.forgotten_none": "This address was not kept for any contribution: nothing to delete.",
    "cli.forget_address.help": (
        "delete everywhere an e-mail address left by a resident (they receive no more e-mails)"
    ),
    # Server shell and sign-in sessions
    "page.busy": (
        "The database is busy (an operation is under way): please try again in a "
        "moment. The page will try again by itself in a few seconds."
    ),
    "serve.bad_option": (
        "Unknown option, or option without a value: {option} (serve.py takes Streamlit's "
        "settings in pairs, for example --server.port 8600)."
    ),
    "settings.secret_key_short": (
        "CARTOPARTI_SECRET_KEY is too short: at least {min} characters (for example "
        "the output of “python -c 'import secrets; print(secrets.token_urlsafe(48))'”)."
    ),
    # Abuse: limits, honeypot, reports, moderation
    "limits.wait": "Too many attempts in a short time: please try again in {minutes} minute(s).",
    "settings.rate_limit_unknown": (
        "CARTOPARTI_RATE_LIMITS: unknown action “{action}” (possible actions: {actions})."
    ),
    "settings.rate_limit_invalid": (
        "CARTOPARTI_RATE_LIMITS: “{value}” is not of the form action=number/minutes "
        "(whole numbers, at least 1)."
    ),
    "settings.rate_limit_twice": "CARTOPARTI_RATE_LIMITS: the action “{action}” is given twice.",
    "password.blank": "The password cannot be empty or made only of spaces.",
    "password.one_character": "The password cannot repeat a single character.",
    "password.contains_name": "The password must not contain the user name.",
    "accounts.password_policy_help": (
        "At least {min} characters, without the user name, not a common password "
        "(a sentence of several words will do); give it to the person, who will change it."
    ),
    "password.common": "This password is too common: choose another one (a sentence of several words, for example).",
    "report.action": "Report this content",
    "report.intro": (
        "Does this content seem to break the charter (insult, advertising, personal data…)? "
        "Tell the council's moderators: they will read it again and decide."
    ),
    "report.reason": "Reason",
    "report.detail": "Details (optional)",
    "report.send": "Send the report",
    "report.sent": "Thank you: your report has been passed on to the moderators.",
    "report.reason_required": "Choose a reason.",
    "report.detail_too_long": "The details must fit in {max} characters.",
    "page.contribuer.honeypot": "Website (leave empty)",
    "page.moderation.tab.reports": "Reports ({count})",
    "page.moderation.no_report": "No contribution reported by residents.",
    "page.moderation.reports.pick": "Reported contribution",
    "page.moderation.reports.option": "{title} — {count} report(s)",
    "page.moderation.reports.keep": "Keep (the content respects the charter)",
    "page.moderation.reports.hide_reason": "Reason for hiding (public)",
    "page.moderation.reports.hide": "Hide",
    "page.moderation.reports.kept": "Contribution kept: its reports are cleared.",
    "page.moderation.reports.hidden": "Contribution hidden: its reports are cleared.",
    # Imports: limits and robustness
    # shapes (model.check_geometry), for the form and imports alike
    "location.type_unsupported": "Shape not supported: {type} (a point, a line or an area).",
    "location.too_many_vertices": (
        "The shape has too many vertices: {count} ({max} at most). Simplify it."
    ),
    "location.not_finite": "Coordinates that are not finite (NaN or infinity): this place does not exist.",
    "location.not_wgs84": (
        "Coordinates out of range: longitude between -180 and 180, latitude between -90 and 90 (WGS84)."
    ),
    "location.too_large": "The area is too large: {area} km² ({max} km² at most).",
    "created_at.out_of_range": "Date out of range: a date between {first} and {last} is expected.",
    # import files (io.importer)
    "import.file_too_large": "File too large: {file} ({size} MB; {max} MB at most).",
    "import.binary": (
        "{file} is not a text file (it contains null bytes: a binary file, "
        "or UTF-16 without a byte order mark). Save it as UTF-8 CSV."
    ),
    "import.not_geopackage": "{file} is not a GeoPackage (SQLite file): nothing is imported.",
    "import.value_not_scalar": (
        "The column “{column}” contains a list or an object: a single value is expected."
    ),
    # Text and photos
    "photo.not_an_image": (
        "This file is not a JPEG, PNG or WebP image: an SVG, a PDF or another document "
        "cannot be attached. Your contribution has not been sent: remove this file or "
        "choose a photo."
    ),
    "photo.help": "A JPEG, PNG or WebP image of {max_mb} MB at most; its GPS position and other metadata are removed.",
    "photo.too_many_pixels": (
        "This image is too large ({width} × {height} pixels; at most {max_mp} million "
        "pixels). Your contribution has not been sent: choose a smaller photo."
    ),
    # Public positions (privacy)
    "settings.public_precision_kind": (
        "CARTOPARTI_PUBLIC_PRECISION: unknown kind of contribution “{value}” (kinds: {kinds})."
    ),
    "settings.public_precision_invalid": (
        "CARTOPARTI_PUBLIC_PRECISION: “{value}” is not understood; write kind=metres, "
        "a whole number from 0 to {high} (for example memory=100,need=100)."
    ),
    "settings.public_precision_twice": (
        "CARTOPARTI_PUBLIC_PRECISION: the kind “{kind}” is named twice."
    ),
    "page.suivi.merged_withheld": (
        "The similar contribution with which yours was grouped is not yet "
        "public: it will be shown here once it is."
    ),
    "page.suivi.merged_other": (
        "Another resident's contribution, grouped with yours: you follow what comes "
        "of it; only its author can ask for it to be deleted."
    ),
    "cli.settings.public_precision": (
        "Public precision of places: {precision} (the other kinds: exact position)"
    ),
    "cli.settings.public_exact": "no grid",
    "privacy.exact_position": (
        "Exact position (officers only; the public map and the open exports "
        "show the public position): {lat}, {lon}"
    ),
    # Residents' rights and legal pages
    "settings.retention_invalid": (
        "CARTOPARTI_RETENTION_MONTHS must be a whole number of months, from 1 to 600 "
        "(or 0, “never”, to keep everything); got “{value}”."
    ),
    "rights.contributor_blank": "Give the contributor identifier.",
    "rights.contributor_unknown": "No contribution has the contributor identifier “{id}”.",
    "rights.erased_summary": (
        "Erased: {contributions} contribution(s), {profiles} profile(s), {photos} photo(s), "
        "{answers} answer(s), {supports} support(s), {addresses} e-mail address(es), "
        "{follow_links} follow-up link(s)."
    ),
    "rights.purged": (
        "Retention period ({months} months): contributions from before {cutoff}; "
        "{profiles} profile(s) purged, {addresses} e-mail address(es) deleted."
    ),
    "rights.purge_would": (
        "Retention period ({months} months): contributions from before {cutoff}; "
        "{profiles} profile(s) and {addresses} e-mail address(es) would be purged "
        "(nothing has been changed)."
    ),
    "rights.kept_forever": (
        "CARTOPARTI_RETENTION_MONTHS is “never”: no data is purged."
    ),
    "rights.retention_forever": "with no time limit (setting “never”)",
    "rights.retention_months": "{months} months",
    "rights.compacted": "Database compacted: {before:.1f} MB before, {after:.1f} MB after.",
    "cli.erase.help": (
        "erase everything about a contributor (contributions, answers, profiles, "
        "supports, addresses), recorded in the log without the identifier"
    ),
    "cli.erase.contributor": "contributor identifier (contributor_id column of the imports)",
    "cli.erase.compact_hint": (
        "The erased bytes stay in the DuckDB file until it is compacted: "
        "python -m cartoparti compact (with the application stopped), or the "
        "“Compact the database” button on the Officer accounts page."
    ),
    "cli.purge.help": (
        "purge the “About you” answers and the e-mail addresses of "
        "contributions older than the retention period"
    ),
    "cli.purge.dry_run": "only say what would be purged",
    "page.suivi.rights_title": "My data",
    "page.suivi.rights_intro": (
        "Download everything the council keeps about your contributions (text, place, "
        "dates, status, answers, your “About you” answers, supports, whether an e-mail "
        "address is kept), or erase them all."
    ),
    "page.suivi.download_json": "Download my data (JSON)",
    "page.suivi.download_csv": "Download my data (CSV)",
    "page.suivi.erase_all": "Erase all my contributions",
    "page.suivi.erase_warning": (
        "Erasure is immediate and permanent: your {count} contribution(s), their "
        "answers, your “About you” answers, the supports received and your e-mail "
        "addresses will be deleted. Your follow-up code will no longer work."
    ),
    "page.suivi.erase_confirm": "I confirm that I want to erase everything",
    "page.suivi.erase_button": "Erase permanently",
    "page.suivi.erase_unconfirmed": "Tick the confirmation box to erase.",
    "page.suivi.erased": (
        "Your {count} contribution(s) and everything attached to them have been erased."
    ),
    "page.comptes.compact_title": "Compact the database",
    "page.comptes.compact_intro": (
        "After deletions, rewrites the database so that no erased byte remains in it, "
        "without stopping the application (it already does so by itself after an erasure "
        "requested by a resident)."
    ),
    "page.comptes.compact_button": "Compact now",
    "page.comptes.erase_title": "Erase a contributor",
    "page.comptes.erase_id": "Contributor identifier",
    "page.comptes.erase_confirm": "I confirm the permanent erasure",
    "page.comptes.erase_button": "Erase",
    "legal.footer": "Legal information:",
    "legal.placeholder": "[to be completed by the local authority: {what}]",
    "legal.ask_town_hall": "the town hall (data protection officer)",
    "legal.missing.territory": "name of the local authority",
    "legal.missing.contact": "contact address",
    "legal.missing.site": "address of the website",
    "legal.missing.director": "name and title of the director of publication",
    "legal.missing.host": "name, address and telephone number of the host",
    "legal.missing.audit": "date and result of the audit, once it has taken place",
    "legal.moderation.a_posteriori": (
        "Contributions are published straight away and reviewed afterwards (a posteriori moderation)."
    ),
    "legal.moderation.a_priori": (
        "Contributions are published after they have been reviewed (a priori moderation)."
    ),
    # Accessibility
    # the map frame, its controls and its keyboard use (present.maps)
    "map.frame_title": "Map of the territory",
    "map.label": (
        "Map of the territory. With the keyboard: the arrow keys move it, + and - zoom, "
        "Tab reaches the points and Enter opens their details."
    ),
    "map.zoom_in": "Zoom in",
    "map.zoom_out": "Zoom out",
    "map.layers": "Map layers",
    "map.popup_close": "Close the details",
    "map.pick_label": "Map to place your contribution",
    "map.pick_help": (
        "With the keyboard: the arrow keys move the map under the crosshair (Shift + arrow: faster), "
        "+ and - zoom, Enter places the point at the centre of the crosshair or moves it there."
    ),
    "map.pick_placed": "Point placed at the centre of the map: latitude {lat}, longitude {lon}.",
    "map.marker_label": "{kind}: {title}",
    # Languages
    "language.switch": "Language",
    "settings.languages_unknown": (
        "CARTOPARTI_LANGUAGES: “{value}” is not a list of possible languages"
        " (separated by commas); possible languages: {languages}."
    ),
    "settings.languages_without_default": (
        "CARTOPARTI_LANGUAGES: “{value}” does not include the default language"
        " (CARTOPARTI_LANGUAGE) “{default}”."
    ),
    # (keep them in this section; add new keys above this line)
}
