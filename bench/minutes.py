"""Minutes in Aabenraa's format, made to order: as many items as a test needs, any text in them."""

COMMITTEE = "Økonomiudvalget"


def aabenraa_minutes(
    items=3,
    *,
    title="Sag nummer {n} om budgettet",
    text="Forvaltningen fremlægger sagen.",
    committee=COMMITTEE,
    date="03-02-2026",
    location="Byrådssalen, Skelbækvej 2",
    participants="Mette Hansen (A), Ib Mikkelsen (Æ)",
    attachment="Notat om sag {n}",
    decision="Godkendt.",
):
    """The text of one meeting with `items` items, each with a case number, sections and two Bilag.

    `title`, `text` and `attachment` may hold `{n}`, the item's number.
    """
    lines = [
        f"REFERAT {committee} d. {date}",
        "",
        f"Mødedato Tirsdag d. {date[:2]}. februar {date[-4:]} kl. 14:30",
        "",
        f"Mødested {location}",
        "",
        f"Mødedeltagere {participants}",
        "",
    ]
    for n in range(1, items + 1):
        lines += [
            f"Punkt {n}: {title.format(n=n)}",
            "",
            f"25/{10000 + n}",
            "",
            "Sagsfremstilling",
            "",
            text.format(n=n),
            "",
            "Indstilling",
            "",
            "at sagen godkendes.",
            "",
            f"Beslutning {committee} den {date}",
            "",
            decision,
            "",
            "Bilag",
            "",
            attachment.format(n=n),
            "",
            f"Høringssvar om sag {n}",
            "",
        ]
    return "\n".join(lines)
