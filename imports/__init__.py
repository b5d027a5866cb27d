"""Everything that brings documents into the archive: parsers per document family (formats/),
detection, PDF text, the loader (the only ORM door), the clerk's upload flow and harvesting."""
