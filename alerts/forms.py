"""The subscribe form's address field (what it follows is read by alerts/following.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    """An e-mail address; NUL bytes and malformed addresses get Django's own clear messages."""

    email = forms.EmailField(label=_("Din e-mailadresse"), max_length=254)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
