"""Aarhus bundles, step 4: each Indstilling and Bilag merged into its Referat item; the meetings built.

An Indstilling belongs to the Referat item with the same title (a prefix, or a close match when
the durations agree) and dates that Referat; "Punkt 3, Bilag 2:" pages fill Bilag 2 of item 3's
Indstilling, unlabelled pages after an Indstilling its first unfilled Bilag. An Indstilling that
matches no item becomes an agenda of its own. Lookups go through sorted indexes, so a long bundle
is never compared all against all.
"""

import bisect

from ...types import NotMinutesError, ParsedAttachment, ParsedItem, ParsedMeeting
from .common import MUNICIPALITY, _first_words, _join_texts, _preview, _title_key, _title_score
from .dagsorden import _parse_agenda
from .indstilling import _Indstilling, _parse_indstilling
from .letterhead import _strip_letterhead
from .pages import _bilag_text, _document_lines
from .referat import _parse_referat

ALDERMAN_MEETING = "Rådmandsmøde"


def _build_meetings(docs):
    bundle_warnings = []
    referats, indstillinger, agendas = {}, {}, {}
    department = None
    for index, doc in enumerate(docs):
        if doc.kind == "referat":
            referats[index] = _parse_referat(doc, index)
        elif doc.kind == "indstilling":
            indstillinger[index] = _parse_indstilling(doc, index)
        elif doc.kind == "agenda":
            agendas[index] = _parse_agenda(doc)
            department = department or agendas[index].letterhead.department
    if department is None:
        for doc in docs:
            if doc.kind in ("referat", "indstilling"):
                department = _strip_letterhead(_document_lines(doc))[1].department
                if department:
                    break
    alderman = f"{ALDERMAN_MEETING} – {department}" if department else ALDERMAN_MEETING

    matches = _match_indstillinger(indstillinger, referats)
    _attach_bilag(docs, indstillinger, referats, matches, bundle_warnings)
    unmatched = []
    for index, ind in indstillinger.items():
        if index in matches:
            _merge_indstilling(ind, *matches[index])
        else:
            unmatched.append(ind)

    meetings = []  # (document index, meeting)
    for index, ref in referats.items():
        if not ref.items:
            bundle_warnings.append(f"Linje {docs[index].first_line}: et referat uden 'Punkt N:' er udeladt")
            continue
        meeting = ParsedMeeting(
            municipality=MUNICIPALITY,
            committee=alderman,
            kind="minutes",
            date=ref.date,
            items=ref.items,
            warnings=ref.warnings,
        )
        if ref.date is None:
            meeting.warnings.insert(
                0,
                "Mødets dato er ikke angivet: referatet nævner ingen dato, og ingen indstilling i bundtet "
                "daterer dets punkter, så datoen er ikke udfyldt (den gættes ikke)",
            )
        meetings.append((index, meeting))
    for index, agenda in agendas.items():
        if agenda.meeting.items:
            meetings.append((index, agenda.meeting))
        else:
            bundle_warnings.append(f"Linje {docs[index].first_line}: en dagsorden uden punkter er udeladt")
    for ind in unmatched:
        meetings.append((ind.doc_index, _indstilling_meeting(ind, alderman)))
    if not meetings:
        raise NotMinutesError("Et bundt fra Aarhus, men uden møder med punkter", line=docs[0].first_line)
    meetings.sort(key=lambda pair: pair[0])
    result = [meeting for _, meeting in meetings]
    result[0].warnings.extend(bundle_warnings)  # the bundle's own warnings go with its first meeting
    return result


def _attach_bilag(docs, indstillinger, referats, matches, warnings):
    """Give each Bilag document's text to the attachment it is: labelled ones first, then the others."""
    labelled = set()  # (Indstilling index, Bilag number) filled by a labelled Bilag
    indstillinger_order = sorted(indstillinger)
    pending = []  # (Indstilling index or None, document index) of unlabelled pages
    for index, doc in enumerate(docs):
        if doc.kind == "bilag" and doc.label:
            item_no, bilag_no, label_title = doc.label
            text = _bilag_text(doc)
            # "Punkt 2, Bilag 2:" over pages the Indstilling does not list: name it after its first line.
            title = f"Bilag {bilag_no}: {label_title or _first_words(text)}".rstrip(": ")
            owner = _owner_of_labelled(index, item_no, bilag_no, indstillinger, referats, matches)
            if isinstance(owner, _Indstilling):
                attachment = owner.bilag.setdefault(bilag_no, ParsedAttachment(title=title))
                attachment.text = _join_texts(attachment.text, text)
                labelled.add((owner.doc_index, bilag_no))
            elif isinstance(owner, ParsedItem):
                owner.attachments.append(ParsedAttachment(title=title, text=text))
            else:
                warnings.append(
                    f"Linje {doc.first_line}: 'Punkt {item_no}, Bilag {bilag_no}' hører ikke til noget punkt"
                    " i bundtet; siderne er udeladt"
                )
        elif doc.kind == "bilag":
            pending.append((doc.owner, index))
        elif doc.kind == "unknown":
            before = _nearest(indstillinger_order, index, 1)
            owner = before[0] if before and before[0] < index else None
            if owner is None:
                warnings.append(
                    f"Linje {doc.first_line}: sider, der ikke hører til noget dokument, er udeladt"
                    f" ({_preview(doc)})"
                )
                continue
            warnings.append(
                f"Linje {doc.first_line}: sider efter et afsluttet dokument er taget som bilag til"
                f" indstillingen på linje {indstillinger[owner].first_line}"
            )
            pending.append((owner, index))
    for owner, index in pending:
        ind = indstillinger.get(owner)
        if ind is None:
            warnings.append(
                f"Linje {docs[index].first_line}: sider, der ikke hører til noget dokument, er udeladt"
            )
            continue
        text = _bilag_text(docs[index])
        # The unlabelled pages are the first listed Bilag that no label claimed (Bilag 1 in the seed).
        free = [n for n, att in ind.bilag.items() if (owner, n) not in labelled and not att.text]
        if free:
            ind.bilag[free[0]].text = text
            labelled.add((owner, free[0]))
        else:
            number = len(ind.bilag) + len(ind.extra) + 1
            ind.extra.append(ParsedAttachment(title=f"Bilag {number}: {_first_words(text)}", text=text))
            ind.warnings.append(
                f"Linje {docs[index].first_line}: siderne efter indstillingen står ikke på dens bilagsliste;"
                f" de er vedlagt som 'Bilag {number}'"
            )


def _owner_of_labelled(index, item_no, bilag_no, indstillinger, referats, matches):
    """Who "Punkt N, Bilag M" belongs to: preferably the Indstilling for item N that lists Bilag M.

    Failing an Indstilling for item N or one listing Bilag M: item N of the nearest Referat, and
    failing that too, the nearest Indstilling before the label. Only the Indstillinger and
    Referats near the label are looked at (a long bundle must not make this quadratic).
    """

    def rank(ind):
        match = matches.get(ind.doc_index)
        same_item = match is not None and match[1].number == str(item_no)
        return (same_item, bilag_no in ind.bilag, ind.doc_index < index, -abs(ind.doc_index - index))

    best = max((indstillinger[k] for k in _nearest(sorted(indstillinger), index, 25)), key=rank, default=None)
    if best is not None and any(rank(best)[:2]):
        return best
    nearby = [referats[k] for k in _nearest(sorted(referats), index, 5)]
    for ref in sorted(nearby, key=lambda ref: (ref.doc_index > index, abs(ref.doc_index - index))):
        for item in ref.items:
            if item.number == str(item_no):
                return item
    return best


def _nearest(positions, position, count):
    """The up to 2 * `count` values of the sorted list `positions` nearest to `position`."""
    at = bisect.bisect_left(positions, position)
    return positions[max(0, at - count) : at + count]


class _ItemIndex:
    """The Referat items of a bundle by title, so an Indstilling finds its item without being compared
    with every item of every Referat (which is quadratic in a long bundle)."""

    def __init__(self, referats):
        self.entries = [
            (ref, item, _title_key(item.title)) for ref in referats.values() for item in ref.items
        ]
        self.by_key = {}  # title key -> positions in self.entries (in document order)
        for position, (_, _, key) in enumerate(self.entries):
            self.by_key.setdefault(key, []).append(position)
        self.keys = sorted(self.by_key)
        self.doc_indices = [ref.doc_index for ref, _, _ in self.entries]

    def candidates(self, key, doc_index):
        """Items whose title is the Indstilling's, or starts it, or starts with it; else the items nearby."""
        found = set()

        def add(key_found):
            group = self.by_key[key_found]
            at = bisect.bisect_left(group, doc_index, key=self.doc_indices.__getitem__)
            found.update(group[max(0, at - 3) : at + 3])

        if key in self.by_key:
            add(key)
        for end in range(12, min(len(key), 300)):  # an item title that is the start of this one
            if key[:end] in self.by_key:
                add(key[:end])
        at = bisect.bisect_left(self.keys, key)
        for other in self.keys[at : at + 20]:  # item titles that start with this one
            if not other.startswith(key):
                break
            add(other)
        if not found:  # no title in common: the looser (difflib) comparison, with the items nearby
            at = bisect.bisect_left(self.doc_indices, doc_index)
            found.update(range(max(0, at - 30), min(len(self.entries), at + 30)))
        return [self.entries[position] for position in sorted(found)]


def _match_indstillinger(indstillinger, referats):
    """{Indstilling index: (Referat, item)} for each Indstilling whose title matches a Referat item."""
    matches = {}
    taken = set()
    index = _ItemIndex(referats)
    scores = {}  # (key, key) -> score; bundles repeat titles, so each pair is compared once
    for doc_index, ind in indstillinger.items():
        key = _title_key(ind.title)
        best = None
        for ref, item, item_key in index.candidates(key, doc_index):
            score = scores.get((key, item_key))
            if score is None:
                score = scores[key, item_key] = _title_score(key, item_key)
            # The durations agreeing ("10 minutter" / "(10 min)") lets a looser title match count.
            agree = ind.duration is not None and ind.duration == item.duration_minutes
            if score < 0.75 and not (agree and score >= 0.65):
                continue
            rank = (score, id(item) not in taken, agree, -abs(ref.doc_index - ind.doc_index))
            if best is None or rank > best[0]:
                best = (rank, ref, item)
        if best is not None:
            taken.add(id(best[2]))
            matches[doc_index] = (best[1], best[2])
    return matches


def _merge_indstilling(ind, ref, item):
    """Put the Indstilling into its Referat item; its date is the Referat's when the Referat has none."""
    _merge_into_item(ind, item)
    if ind.date:
        if ref.date is None:
            ref.date = ind.date
        elif ref.date != ind.date:
            source = "referatet" if ref.date_from_text else "en anden indstilling"
            ref.warnings.append(
                f"Indstillingen til punkt {item.number} er dateret {ind.date.isoformat()},"
                f" men {source} angiver {ref.date.isoformat()}"
            )
    ref.warnings.extend(ind.warnings)


def _merge_into_item(ind, item):
    item.recommendation = _join_texts(item.recommendation, ind.recommendation)
    item.presentation = _join_texts(item.presentation, ind.presentation)
    item.sections.extend(ind.sections)
    item.attachments.extend(list(ind.bilag.values()) + ind.extra)
    if item.duration_minutes is None:
        item.duration_minutes = ind.duration


def _indstilling_meeting(ind, committee):
    """An Indstilling that matches no Referat item: its own agenda with one item, not dropped."""
    item = ParsedItem(
        number="1",
        title=ind.title or "Indstilling til Rådmanden",
        recommendation=ind.recommendation,
        presentation=ind.presentation,
        sections=ind.sections,
        attachments=list(ind.bilag.values()) + ind.extra,
        duration_minutes=ind.duration,
    )
    warnings = [
        f"Linje {ind.first_line}: indstillingen '{item.title}' svarer ikke til noget punkt i et referat i"
        " bundtet; den er medtaget som en selvstændig dagsorden",
        *ind.warnings,
    ]
    if ind.date is None:
        warnings.append("Mødets dato er ikke angivet: indstillingens hoved har ingen dato")
    return ParsedMeeting(
        municipality=MUNICIPALITY,
        committee=committee,
        kind="agenda",
        date=ind.date,
        items=[item],
        warnings=warnings,
    )
