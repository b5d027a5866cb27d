"""One pure parser per document family: text, HTML or JSON in, ParsedMeeting dataclasses out.

No Django here. Each module has `NAME`, `looks_like(text)` and `parse(text, base_url=None)`."""
