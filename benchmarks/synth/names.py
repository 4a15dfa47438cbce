"""Agencies, provinces and people as a plan writes them, each with the name the answers give."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from cancu.ontology.knowledge import Agency, Province, knowledge

from benchmarks.synth.vocabulary import (
    _DEPTS_POST,
    _DEPTS_PRE,
    _DISTRICT_UNITS,
    _GROUPS_POST,
    _GROUPS_PRE,
    _OTHERS_POST,
    _OTHERS_PRE,
    _STTTT_UNITS,
    GIVEN,
    MIDDLES,
    SURNAMES,
    answer_form,
    has_short_forms,
    spell_out,
)


@cache
def knowledge_names() -> dict[str, str]:
    """Central documents plans name without a number: number -> the name."""
    return {d.number: d.names[0] for d in knowledge().catalogue if d.number and d.names and d.type != "Luật"}


def _prov_name(p: Province) -> str:
    return f"{p.kind} {p.name}"


def _kindify(name: str, p: Province) -> str:
    """'UBND tỉnh' in a thành phố trực thuộc trung ương is 'UBND thành phố'."""
    return name if p.kind != "thành phố" else _city_form(name)


@cache
def _city_form(name: str) -> str:
    name = name.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn")
    return re.sub(r"\btỉnh\b", "thành phố", name)


def _lower_les(name: str) -> str:
    """'Các sở, ban, ngành' reads 'các sở, ban, ngành' inside a sentence."""
    return "c" + name[1:] if name.startswith("Các ") else name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _date_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


@dataclass(frozen=True)
class Form:
    text: str
    answer: str
    id: str
    so_name: str | None = None  # "Nội vụ" for "Sở Nội vụ": usable in "các Sở: Nội vụ, Tư pháp"


def _forms(a: Agency, p: Province, post: bool) -> list[Form]:
    """The ways a plan writes this agency, each with the name the answers give (canonical, full)."""
    city = p.kind == "thành phố"
    base = _kindify(a.name, p)
    forms = [Form(_lower_les(base), _cap(base), a.id)]
    if a.name.startswith("Sở ") and "," not in a.name:
        forms[0] = Form(base, base, a.id, a.name[3:])
    if a.name_with_province:  # 'Báo Tây Ninh' more often than 'Báo tỉnh'
        with_p = a.name_with_province.format(province=p.name)
        forms.insert(0, Form(with_p, with_p, a.id))
    if a.scope == "collective":
        for al in a.aliases:
            if ("quận" in al and not city) or ("thị trấn" in al and post) or ("đặc khu" in al and not post):
                continue
            if al.startswith(("Sở,", "Tổ chức", "Cơ quan", "Thành viên")):
                continue
            if not city and al.endswith(" thành phố") and "huyện" not in al:
                continue  # 'Các sở, ban, ngành thành phố' is a city's, not a province's
            al = _kindify(al, p) if "huyện" not in al else al
            # a group is answered as written, in full ('Các tổ chức CT-XH' → '… chính trị - xã hội')
            forms.append(Form(_lower_les(al), _cap(answer_form(spell_out(al))), a.id))
        if a.id == "ubnd-cap-xa" and post:
            forms = [f for f in forms if "thị trấn" not in f.text]
        return forms
    for al in a.aliases:
        if " " not in al or "{" in al:
            continue
        if ("thành phố" in al or "Thành" in al) and not city:
            continue
        if al.startswith(("Ban Chấp hành", "Bưu điện thành phố")):
            continue
        # answered as written when written in full ('Hội Phụ nữ tỉnh'), else by its full name
        written = spell_out(_kindify(al, p))
        forms.append(Form(_kindify(al, p), _cap(base) if has_short_forms(written) else _cap(answer_form(written)),
                          a.id))
    return forms


_DISTRICT_LEVEL = frozenset(("phong-van-hoa-va-thong-tin", "trung-tam-van-hoa-thong-tin-the-thao",
                             "phong-noi-vu-cap-huyen"))


@cache
def _pool(issuer: str, post: bool) -> tuple[str, ...]:
    """The agencies a plan of this issuer gives work to; the ones named more often appear twice."""
    if issuer == "huyen":
        return (*_DISTRICT_UNITS, "ubnd-cap-xa")
    if issuer == "stttt":
        return (*_STTTT_UNITS, *_STTTT_UNITS, "so-noi-vu", "bao-tinh", "dai-phat-thanh-va-truyen-hinh-tinh",
                "ban-tuyen-giao-tinh-uy", "so-tai-chinh", "cac-so-ban-nganh", "phong-van-hoa-va-thong-tin",
                "trung-tam-van-hoa-thong-tin-the-thao", "uy-ban-mttq-tinh", "ubnd-cap-huyen", "ubnd-cap-xa")
    depts, others, groups = (_DEPTS_POST, _OTHERS_POST, _GROUPS_POST) if post else (_DEPTS_PRE, _OTHERS_PRE,
                                                                                     _GROUPS_PRE)
    return depts + depts[:6] + others + groups + groups[:3]


@cache
def _cast(p: Province, post: bool) -> dict[str, tuple[Form, ...]]:
    kb = knowledge()
    ids = set(_DEPTS_POST + _OTHERS_POST + _GROUPS_POST) if post else set(_DEPTS_PRE + _OTHERS_PRE + _GROUPS_PRE)
    ids |= set(_STTTT_UNITS) | set(_DISTRICT_UNITS) | {"ubnd-tinh", "ubnd-cap-xa", "cac-so-nganh-khac",
                                                          "cac-phong-don-vi-thuoc-so"}
    return {i: tuple(_forms(kb.agency_by_id[i], p, post)) for i in sorted(ids) if i in kb.agency_by_id}
