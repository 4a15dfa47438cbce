"""Agency names in running text: split lists into agencies, expand abbreviations and distributive
lists ('các Sở: Nội vụ, Tư pháp'), restore OCR'd names, and give each one identity per province.

One module a concern: vocabulary, names_index, ocr_text, splitting, distributive, fuzzy, display, scoping.
"""

from cancu.loaders.extract.agencies.display import display_name, is_abbreviated
from cancu.loaders.extract.agencies.distributive import Distributive, distributive
from cancu.loaders.extract.agencies.fuzzy import _EXTRAS, FUZZY_REVIEW_BELOW, _fuzzy_from
from cancu.loaders.extract.agencies.names_index import AgencyIndex, Found, NameAlternation, extend_qualifiers, index
from cancu.loaders.extract.agencies.ocr_text import is_ocr
from cancu.loaders.extract.agencies.scoping import resolve
from cancu.loaders.extract.agencies.splitting import is_generic, names_from, split_agencies
from cancu.loaders.extract.agencies.vocabulary import (
    Rules,
    coordination_data,
    expand_abbreviations,
    name_regex,
    repair_ocr,
    rules,
)

__all__ = [
    "FUZZY_REVIEW_BELOW",
    "_EXTRAS",
    "AgencyIndex",
    "Distributive",
    "Found",
    "NameAlternation",
    "Rules",
    "_fuzzy_from",
    "coordination_data",
    "display_name",
    "distributive",
    "expand_abbreviations",
    "extend_qualifiers",
    "index",
    "is_abbreviated",
    "is_generic",
    "is_ocr",
    "name_regex",
    "names_from",
    "repair_ocr",
    "resolve",
    "rules",
    "split_agencies",
]
