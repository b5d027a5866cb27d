"""Forms of the admin's import pages: upload minutes, fill in what they lack, upload a Bilag."""

import datetime

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Municipality

from .municipalities import NAMES
from .pdf import is_pdf

# A clerk-entered date outside this range is a typing error, not a meeting.
EARLIEST_MEETING = datetime.date(1900, 1, 1)
LATEST_MEETING_YEARS_AHEAD = 2


def check_size(upload):
    if upload.size > settings.MINUTES_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("Filen fylder %(size)s; der kan højst uploades %(limit)s ad gangen."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MINUTES_MAX_UPLOAD_BYTES),
            },
        )
    if upload.size == 0:
        raise forms.ValidationError(_("Filen er tom."), code="empty")


class UploadForm(forms.Form):
    """Step 1: the document the council's system produced, PDF or text."""

    file = forms.FileField(
        label=_("Referat eller dagsorden"),
        help_text=_("En PDF eller en tekstfil (UTF-8 eller Windows-1252), som mødesystemet har lavet."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
    )
    municipality = forms.CharField(
        label=_("Kommune"),
        required=False,
        max_length=100,
        help_text=_(
            "Udfyld kun, hvis kommunen ikke genkendes af sig selv, fx en kommune, "
            "der bruger samme mødesystem som Aabenraa eller Aarhus."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload)
        return upload


def municipality_choices(user):
    """The municipalities `user` may import into, by name: a clerk's own (MunicipalityClerk); for a
    superuser every Danish municipality and any other the archive has."""
    own = list(Municipality.objects.editable_by(user).values_list("name", flat=True))
    if not user.is_superuser:
        return own
    return [*NAMES, *(name for name in own if name not in NAMES)]


class MunicipalityForm(forms.Form):
    """Step 2 for a document that does not say which municipality it is from: the clerk chooses it."""

    municipality = forms.ChoiceField(
        label=_("Kommune"),
        help_text=_("Kommunen, hvis møde dokumentet er fra. Filen læses igen med den."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        names = municipality_choices(user)
        self.fields["municipality"].choices = [("", "---------"), *((name, name) for name in names)]


class ConfirmForm(forms.Form):
    """Step 2: a date for each meeting whose document does not state one, and the plan shown.

    `plan` is what the preview showed (which meetings are new, which are updated); confirming
    with a different outcome (a date that turns out to be an existing meeting, another clerk's
    import in between) shows the preview again instead of saving.
    """

    plan = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, parsed_meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_meetings = parsed_meetings
        for index, parsed in enumerate(parsed_meetings):
            if parsed.date is None:
                self.fields[f"date_{index}"] = forms.DateField(
                    label=_("Mødedato"),
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    help_text=_("Dokumentet angiver ikke datoen. Skriv den, fx 2026-02-03 eller 03.02.2026."),
                )

    def date_field(self, index):
        return self[f"date_{index}"] if f"date_{index}" in self.fields else None

    def clean(self):
        cleaned = super().clean()
        latest = timezone.localdate() + datetime.timedelta(days=365 * LATEST_MEETING_YEARS_AHEAD)
        keys = []
        for index, parsed in enumerate(self.parsed_meetings):
            name = f"date_{index}"
            date = cleaned.get(name) if name in self.fields else parsed.date
            if date and name in self.fields and not EARLIEST_MEETING <= date <= latest:
                self.add_error(
                    name,
                    _("%(date)s kan ikke være mødets dato; tjek årstallet.") % {"date": date.isoformat()},
                )
                date = None
            keys.append(
                (parsed.municipality.casefold(), parsed.committee, parsed.kind, date) if date else None
            )
        for index, key in enumerate(keys):
            name = f"date_{index}"
            if key and name in self.fields and keys.count(key) > 1:
                self.add_error(
                    name,
                    _("Filen har et andet møde i %(committee)s den %(date)s.")
                    % {"committee": key[1], "date": key[3].isoformat()},
                )
        return cleaned

    def dates(self):
        """{meeting index: date} for the dates the clerk entered."""
        return {
            int(name.removeprefix("date_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("date_") and value
        }


class BilagForm(forms.Form):
    """The PDF of one listed Bilag."""

    file = forms.FileField(
        label=_("PDF"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload)
        upload.seek(0)
        if not is_pdf(upload.read(1024)):
            raise forms.ValidationError(_("Bilag skal uploades som PDF."), code="not_pdf")
        upload.seek(0)
        return upload
