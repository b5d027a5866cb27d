"""A date as every page prints it, written in Python: pages print dozens of them (a meeting's
history entries, a list's rows), and a template include per date cost more than the rest of the row."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.filter
def long_date(date):
    """<time datetime="2026-02-03">3. februar 2026</time> in the active language's long format, or
    a plain note that the date is not given."""
    if not date:
        return gettext("dato ikke angivet")
    return format_html(
        '<time datetime="{}">{}</time>', date.isoformat(), format_date(date, get_format("DATE_FORMAT"))
    )
