"""Histoire d'un lieu (public, shareable: ``/histoire?lieu=<landmark id>``, or
``lieu-<key>`` for a place that comes back, found among the places of the default
parameters, cached): the memories pinned around it, the heritage
around, the needs and proposals nearby and what was done, with a small map."""

from urllib.parse import urlencode

import streamlit as st

from cartoparti import lifecycle, settings, web
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.analysis.stories import CLUSTER_PREFIX
from cartoparti.commands import stories
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.model import KINDS


def _items(frame, *, with_kind: bool = False) -> None:
    if frame.empty:
        st.caption(t("page.histoire.none"))
        return
    for item in frame.itertuples():
        details = [formats.date(item.created_at), web.md(item.theme), f"{int(item.distance_m)} m"]
        if with_kind:
            details.insert(0, web.md(KINDS.get(item.kind, item.kind)))
        if item.status in lifecycle.STATUSES and item.status != "received":
            details.append(web.md(lifecycle.STATUSES[item.status]))
        st.markdown(f"**{web.md(item.title)}** · " + " · ".join(details))
        if item.text:
            st.markdown(web.md(item.text))
        if getattr(item, "answer", None):
            st.caption(web.md(item.answer))


with web.page(t("page.histoire.page")):
    landmarks = web.territory()["landmarks"]
    wanted = st.query_params.get("lieu")
    if not wanted:
        st.title(t("page.histoire.page"))
        st.write(t("page.histoire.lead"))
        options = list(landmarks["id"])
        names = dict(zip(landmarks["id"], landmarks["name"] + " — " + landmarks["layer_label"], strict=True))
        wanted = st.selectbox(t("page.histoire.choose"), options, index=None, format_func=names.get, key="story_pick",
                              placeholder=t("page.histoire.placeholder"))
        if wanted:  # the story alone, under its shareable link
            st.query_params["lieu"] = wanted
            st.rerun()
    if wanted:
        try:
            # places that come back: the defaults only, cached (a link's ?eps=/?min= are ignored)
            found = web.default_places() if wanted.startswith(CLUSTER_PREFIX) else None
            story = stories.story(web.store(), settings.current(), wanted, found=found)
        except NotFoundError as exc:
            st.error(web.md(exc), icon="🔎")
            st.stop()
        except ValidationError as exc:  # a shared link with a wrong radius or count
            for text in exc.errors.values():
                st.error(web.md(text), icon="⚠️")
            st.stop()
        st.title(web.md(story.name))
        st.caption(web.md(story.kind_label))
        st.write(t("page.histoire.intro"))
        st.caption(t("page.histoire.around", radius=formats.number(story.radius_m)))
        st.caption(t("page.histoire.share", link=web.md("/histoire?" + urlencode({"lieu": story.id}))))
        web.story_map(story, key="story_map")
        st.header(t("page.histoire.memories"))
        _items(story.memories)
        st.header(t("page.histoire.heritage"))
        if story.heritage.empty:
            st.caption(t("page.histoire.none"))
        for landmark in story.heritage.itertuples():
            st.markdown(
                f"**{web.md(landmark.name)}** · {web.md(landmark.layer_label)} · {int(landmark.distance_m)} m"
            )
        st.header(t("page.histoire.nearby"))
        _items(story.nearby, with_kind=True)
        st.header(t("page.histoire.done"))
        for item in story.plan:
            with st.container(border=True):
                web.plan_item_card(item)
        if not (story.plan and story.done.empty):
            _items(story.done, with_kind=True)
    web.attribution_footer()
