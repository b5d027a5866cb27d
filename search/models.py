"""The archive's own vocabulary: every distinct stem its open items were ever indexed with.

search/index.py adds to it whenever it indexes items; search/vocabulary.py reads it to expand a
query word to the compounds that end with it ("screening" -> "miljøscreening") and to suggest a
word for a query that finds nothing ("Mente du ..."). Words are only ever added (a word of an
item closed later may stay): whatever is read from here is checked against the index itself
before anyone sees it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Lexeme(models.Model):
    """One stem (PostgreSQL's danish lexeme, or the Snowball stem SQLite's index holds)."""

    word = models.CharField(_("ord"), max_length=60, unique=True)
    # The word backwards: on SQLite a suffix ("%screening") is a prefix range of this column.
    # PostgreSQL finds suffixes through a trigram index on `word` (migration 0002) instead.
    reversed = models.CharField(_("ordet bagfra"), max_length=60, db_index=True)

    class Meta:
        db_table = "search_lexeme"
        verbose_name = _("ord i arkivet")
        verbose_name_plural = _("ord i arkivet")

    def __str__(self):
        return self.word
