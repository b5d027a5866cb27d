"""The import pages' old addresses, /admin/meetings/import/ and /admin/meetings/importrecord/, from
before ImportRecord and Import moved from meetings/ to imports/: a permanent redirect to the new ones.

A GET gets a 301; any other method a 308, which makes the browser repeat the method and the body
(an upload form served from the old address still works).
"""

from urllib.parse import quote

from django.http import HttpResponsePermanentRedirect
from django.http.response import HttpResponseRedirectBase
from django.urls import re_path, reverse


class HttpResponsePermanentRedirectKeepMethod(HttpResponseRedirectBase):
    status_code = 308


def moved(request, model, rest):
    """/admin/meetings/<model>/<rest> -> /admin/imports/<model>/<rest>, with the query string."""
    target = f"{reverse('admin:index')}imports/{model}/{quote(rest)}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(target)
    return HttpResponsePermanentRedirectKeepMethod(target)


urlpatterns = [re_path(r"^(?P<model>import|importrecord)/(?P<rest>.*)$", moved)]
