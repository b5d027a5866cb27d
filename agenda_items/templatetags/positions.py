"""Who took a position, as the decisions and the people and party pages print it, written in Python:
a meeting page prints dozens, and a template include per name cost more than the rest of its row."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def position_who(position, municipality):
    """The person or party of `position`, linked to their page in `municipality`, a ballot letter shown
    with the party's name: "Mehmet Zeki Dogru (Ø – Enhedslisten)", "Venstre (V)"; a name the archive
    could not tie to a person or a national party stays plain text."""
    p = position
    if p.person_id:
        url = reverse("meetings:person", kwargs={"municipality": municipality.slug, "pk": p.person_id})
        if p.party_letter:
            return format_html('<a href="{}">{}</a> ({} – {})', url, p.person.name, p.party_letter, p.party)
        return format_html('<a href="{}">{}</a>', url, p.who)
    if p.is_party and p.party_slug:
        url = reverse("meetings:party", kwargs={"municipality": municipality.slug, "slug": p.party_slug})
        return format_html('<a href="{}">{}</a> ({})', url, p.who, p.party_letter)
    return p.who
