"""Video meeting links (issue 15): the organisation's room template on the settings page (administrators) and
a caseworker's own fixed meeting link on their availability page (forms: :mod:`portal.caseworker.video_forms`).
The services check each value again (:mod:`scheduling.services.video`)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from portal import now
from portal.caseworker import views
from portal.caseworker.video_forms import OwnVideoLinkForm, VideoRoomForm
from portal.caseworker.views import bp
from portal.database import unit_of_work
from portal.forms import Form
from scheduling.services import video


@bp.post("/indstillinger/video", endpoint="video_settings")
def video_settings() -> views.Page:
    """The organisation's address for video meetings; administrators only."""
    admin = views._admin()
    form = VideoRoomForm()

    def render(form: Form, refusal: Any = None) -> str:
        return views._settings_page(video_form=form, video_refusal=refusal)

    return views.attempt(
        form,
        lambda: video.set_video_room_template(unit_of_work(), admin.id, form.video_room_template.data, now()),
        _("Adressen til videomøder er gemt. Den bruges ved de videosamtaler, der bookes fra nu af."),
        url_for(".settings") + "#video",
        render,
    )


@bp.post("/tilgaengelighed/videolink", endpoint="own_video_link")
def own_video_link() -> views.Page:
    """My own fixed meeting link."""
    form = OwnVideoLinkForm()
    return views._availability_attempt(
        "video_form", form,
        lambda: video.set_own_video_link(unit_of_work(), views.me().id, form.video_link.data, now()),
        _("Dit mødelink er gemt."),
    )
