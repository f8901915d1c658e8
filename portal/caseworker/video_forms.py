"""Forms for video meeting links (issue 15): the organisation's room template (settings page) and a caseworker's
own fixed meeting link (availability page); the services check each value again."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from portal.forms import Form
from scheduling.calendar.video import LINK_MAX, TEMPLATE_MAX, link_problem, template_problem
from scheduling.services.availability import TOO_LONG


class VideoRoomForm(Form):
    """The organisation's address for video meetings, with ``{room}`` where each interview's room name goes."""

    video_room_template = StringField(
        _l("Adresse til videomøder (valgfri)"),
        description=_l(
            "En https-adresse med {room} der, hvor mødets navn skal stå, fx https://meet.eksempel.dk/{room}. "
            "Hver videosamtale får sit eget møde med et navn, der ikke kan gættes. Uden adresse får personen at vide, "
            "at linket kommer fra jer."
        ),
        validators=[Optional(), Length(max=TEMPLATE_MAX, message=_l(TOO_LONG, count=TEMPLATE_MAX))],
    )

    def validate_video_room_template(self, field: StringField) -> None:
        problem = template_problem((field.data or "").strip())
        if problem is not None and len(field.data or "") <= TEMPLATE_MAX:
            raise ValidationError(_l(problem))


class OwnVideoLinkForm(Form):
    """A caseworker's own fixed meeting link, used before the organisation's address."""

    video_link = StringField(
        _l("Dit eget mødelink (valgfri)"),
        description=_l(
            "Et fast link til dit eget videomøde, fx https://meet.eksempel.dk/mit-moede. Det bruges ved de videosamtaler, "
            "du får fra nu af, i stedet for et nyt møde på jeres fælles adresse. Lad feltet stå tomt for at bruge den."
        ),
        validators=[Optional(), Length(max=LINK_MAX, message=_l(TOO_LONG, count=LINK_MAX))],
    )

    def validate_video_link(self, field: StringField) -> None:
        problem = link_problem((field.data or "").strip())
        if problem is not None and len(field.data or "") <= LINK_MAX:
            raise ValidationError(_l(problem))


def room_form(template: str | None) -> VideoRoomForm:
    return VideoRoomForm(formdata=None, video_room_template=template or "")


def own_link_form(link: str | None) -> OwnVideoLinkForm:
    return OwnVideoLinkForm(formdata=None, video_link=link or "")
