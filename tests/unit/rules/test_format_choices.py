"""R10, R12, R15, R16, R18, R22: what the format step offers once the person has chosen a time."""

from scheduling.course import AkasseParticipation, Format, InterviewKind, Organisation
from scheduling.evaluation import BookingOption
from scheduling.reasons import Reason
from scheduling.rules.booking import format_choices

NONE, VIDEO, IN_PERSON = AkasseParticipation.NONE, AkasseParticipation.VIDEO, AkasseParticipation.IN_PERSON
ALL = (Format.PERSONLIGT, Format.TELEFONISK, Format.VIDEO)


def option(*participations: AkasseParticipation, formats: tuple[Format, ...] = ALL) -> BookingOption:
    joint = bool(participations)
    return BookingOption(
        kind=InterviewKind.FAELLESSAMTALE if joint else InterviewKind.JOBSAMTALE,
        organisation=Organisation.JOBCENTER,
        formats=formats,
        must_choose_akasse_participation=joint,
        akasse_participation_choices=participations,
        first_interview=False,
        reason=Reason("R20", "", "test"),
    )


def test_R16_an_interview_without_the_akasse_offers_its_formats_and_asks_no_participation():
    choices = format_choices(option(), None)
    assert choices.formats == ALL and choices.participations == () and not choices.asks_participation
    assert choices.fixed_participation is None and not choices.nothing_fits


def test_R18_outside_timeslots_every_participation_is_asked():
    choices = format_choices(option(VIDEO, IN_PERSON), None)
    assert choices.participations == (VIDEO, IN_PERSON) and choices.not_at_this_time == ()
    assert choices.formats == ALL  # video fits every format


def test_R22_a_video_timeslot_offers_video_only_and_says_in_person_needs_another_time():
    choices = format_choices(option(VIDEO, IN_PERSON), VIDEO)
    assert choices.participations == (VIDEO,) and choices.fixed_participation is VIDEO
    assert choices.not_at_this_time == (IN_PERSON,)
    assert choices.formats == ALL


def test_R18_R22_an_in_person_timeslot_leaves_only_attending_in_person():
    """The a-kasse attends in person only with the person (R18), so phone and video are not offered."""
    choices = format_choices(option(VIDEO, IN_PERSON), IN_PERSON)
    assert choices.participations == (IN_PERSON,) and choices.formats == (Format.PERSONLIGT,)
    assert choices.not_at_this_time == (VIDEO,)


def test_R12_opting_out_of_the_akasse_fits_every_timeslot():
    choices = format_choices(option(NONE, VIDEO, IN_PERSON), IN_PERSON)
    assert choices.participations == (NONE, IN_PERSON) and choices.fixed_participation is None
    assert choices.formats == ALL and choices.offers_participation(NONE.value)
    assert not choices.offers_participation(VIDEO.value) and not choices.offers_participation(None)


def test_R22_when_no_participation_fits_the_time_another_time_must_be_chosen():
    choices = format_choices(option(VIDEO), IN_PERSON)
    assert choices.nothing_fits and choices.participations == ()


def test_R15_a_first_interview_in_person_only_keeps_its_one_format():
    choices = format_choices(option(VIDEO, IN_PERSON, formats=(Format.PERSONLIGT,)), VIDEO)
    assert choices.formats == (Format.PERSONLIGT,) and choices.participations == (VIDEO,)
