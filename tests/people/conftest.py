"""Real Greve minutes (fixtures/greve, the FirstAgenda Publication API's JSON) loaded as the importer
loads them: the people, positions and outcomes below are read from these documents."""

from pathlib import Path

import pytest

from imports.load import import_file

GREVE = Path(__file__).resolve().parents[2] / "fixtures" / "greve"
# Økonomiudvalget 10 January 2022: Mehmet Zeki Dogru "Fraværende" on items 1 and 2 (the open items
# with a decision; item 3 is closed, item 4 "Underskriftsark" has no text).
JAN_10 = "greve_2022-01-10_oekonomiudvalget_e049b9bf.json.gz"
# Økonomiudvalget 28 February 2022: item 7 "Sagen sendes tilbage til fornyet behandling i
# administrationen ..."; item 8 "John T. Olsen (A) undlod at tage stilling. / Mehmet Zeki Dogru (Ø)
# stemte imod ..."; item 1 "Fraværende: Brigitte Klintskov Jerkel".
FEB_28 = "greve_2022-02-28_oekonomiudvalget_89d56abc.json.gz"
# Økonomiudvalget 6 March 2023, item 3: "V, D og Liselott Blixt (UP) stemmer imod. / A og C undlader."
MAR_6 = "greve_2023-03-06_oekonomiudvalget_e1487f18.json.gz"
# Skole-, Børne- og Ungeudvalget 14 and 21 November 2023, case 21-014467: item 10 "Udsættes til
# ekstraordinært møde ... den 21. november 2023", then item 5 of the 21st.
NOV_14 = "greve_2023-11-14_skole-boerne-og-ungeudvalget_6299bac5.json.gz"
NOV_21 = next(p.name for p in GREVE.glob("greve_2023-11-21_skole-boerne-og-ungeudvalget_*.json.gz"))


def load(*names):
    for name in names:
        import_file(GREVE / name)


@pytest.fixture
def greve(db):
    """Three Økonomiudvalget meetings of Greve."""
    load(JAN_10, FEB_28, MAR_6)
