"""The public map shows what became of each contribution: status, latest answer,
supports, and a layer of what was done with the residents."""


from cartoparti.commands import answers, contribute, residents
from cartoparti.present import maps
from cartoparti.settings import Settings
from tests.test_maps_templates import decoded_values

SETTINGS = Settings()  # the defaults: moderation a posteriori

AGENT = {"name": "alice", "role": "agent"}
EVIL = '</script><img src=x onerror="alert(1)">'




def test_popups_carry_status_answer_and_supports_and_done_layer(store):
    def add(title):
        return contribute.submit(store, settings=SETTINGS, kind="proposal", title=title, text="", theme="nature",
                                 location=store.zone_point("62498")).id

    done, open_ = add("Des bancs au parc"), add("Un composteur")
    for status, message in [("under_study", "Étude."), ("accepted", "Oui."), ("done", EVIL)]:
        answers.answer(store, AGENT, done, status=status, message=message)
    residents.support(store, done, "s1")
    frame = store.contributions()
    fmap = maps.territory_map(store.zones(), attribution="x")
    maps.add_contributions(fmap, frame)
    layer = maps.add_done(fmap, frame)
    html = fmap.get_root().render()
    assert layer is not None and "Fait avec les habitants" in html
    (data,) = decoded_values(layer.data_json)
    assert [f["properties"]["title"] for f in data["features"]] == ["Des bancs au parc"]
    assert "réalisée" in html and "1 soutien(s)" in html and "Suite donnée" in html
    # the agent's message is data, never markup
    assert EVIL not in html and "\\u003c/script\\u003e" in html
    assert open_ in html


def test_no_done_layer_when_nothing_is_done(store):
    contribute.submit(store, settings=SETTINGS, kind="need", title="x", text="", theme="nature", location=store.zone_point("62498"))
    fmap = maps.territory_map(store.zones(), attribution="x")
    assert maps.add_done(fmap, store.contributions()) is None
