"""The fixed vocabularies of oversight records. Labels are translatable: the public form and pages
show them in English and Spanish."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    OPR = "opr", _("ICE Office of Professional Responsibility")
    AGENCY = "agency", _("The agency's internal affairs")
    PUBLIC_FORM = "public_form", _("This site's public complaint form")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    USE_OF_FORCE = "use_of_force", _("Use of force")
    PROFILING = "profiling", _("Profiling or discrimination")
    CONDUCT = "conduct", _("Conduct")
    DETENTION = "detention", _("Detention conditions")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Under investigation")
    RESOLVED = "resolved", _("Resolved")


class Outcome(models.TextChoices):
    NONE = "", _("Not yet decided")
    SUSTAINED = "sustained", _("Sustained: the allegation was found true")
    NOT_SUSTAINED = "not_sustained", _("Not sustained: not enough evidence either way")
    EXONERATED = "exonerated", _("Exonerated: the conduct occurred and was lawful and proper")
    UNFOUNDED = "unfounded", _("Unfounded: the conduct did not occur")
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")
    REFERRED = "referred", _("Referred to another authority")


class ProgramModel(models.TextChoices):
    """The agreement models as the public names them; empty when the person does not know."""

    UNKNOWN = "", _("I don't know")
    JEM = "JEM", _("Jail Enforcement Model (in the jail)")
    TFM = "TFM", _("Task Force Model (in the field)")
    WSO = "WSO", _("Warrant Service Officer (in the jail, at release)")


class MeetingKind(models.TextChoices):
    INITIAL = "initial", _("Initial review (about 12 months after the start)")
    ANNUAL = "annual", _("Annual meeting")


class NoticeKind(models.TextChoices):
    TERMINATION = "termination", _("Termination")
    SUSPENSION = "suspension", _("Suspension")


class NoticeParty(models.TextChoices):
    ICE = "ice", _("ICE")
    AGENCY = "agency", _("The agency")
