"""A plan's signature block, after its "Nơi nhận:" (recipients) line: the authority it signs for
('KT. CHỦ TỊCH'), the signer's position and name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cancu.loaders.extract.header_lines import _upper_share
from cancu.loaders.read.text import SourceText
from cancu.ontology.knowledge import Knowledge, fold

_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


@dataclass
class SignerBlock:
    name: str | None
    position: str | None
    authority: str | None
    line: int | None


# "Nơi nhận" (OCR "Noi nhdn") opening the recipients block; the activity reader stops there too
RECIPIENTS_HEAD = r"\W*n\S{1,2}i\s+nh\S{1,2}n\s*"
_RECIPIENTS_LINE = re.compile(RECIPIENTS_HEAD + ":")


@cache
def _signer_positions(kb: Knowledge) -> dict[str, str]:
    return {fold(p): p for p in kb.signer_positions}


@cache
def _authority_prefix(auths: tuple[str, ...]) -> re.Pattern[str]:
    """'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN' … (folded) at the start of a line."""
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in auths) + r")\s*")


def read_signer(src: SourceText, kb: Knowledge) -> SignerBlock | None:
    """The signature block: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Võ Đức Trọng'. It follows a "Nơi nhận:" line
    (OCR "Noi nhdn:"), looked for from the end, where it stands; a decision's attached forms have
    recipient lines of their own with blank signatures, so an earlier one with a named signer wins."""
    flines = src.folded_lines
    starts = [i for i in range(len(flines) - 1, -1, -1) if _RECIPIENTS_LINE.match(flines[i])] or [0]
    found = None
    for start in starts:
        block = _signature_after(src, kb, start)
        if block is not None and block.name:
            return block
        found = found or block
    return found


def _signature_after(src: SourceText, kb: Knowledge, start: int) -> SignerBlock | None:
    lines = src.shared_lines
    flines = src.folded_lines
    positions = _signer_positions(kb)
    auths = tuple(fold(a) for a in kb.signer_authorities)
    block = None
    for i in range(start, len(lines)):
        s = flines[i].strip(" *")
        if (s.startswith(auths) or s in positions) and _upper_share(lines[i]) > 0.6:
            block = i
            break
    if block is None:
        return None
    authority = lines[block].strip(" *") if flines[block].strip(" *").startswith(auths) else None
    position = None
    name = None
    # the name comes a few lines below the position; PDF text puts blank lines between them
    near = [j for j in range(block, len(lines)) if lines[j].strip(" *")][:12]
    for j in near:
        s = flines[j].strip(" *")
        bare = _authority_prefix(auths).sub("", s)
        if bare in positions and _upper_share(lines[j]) > 0.6:
            position = positions[bare]
            continue
        raw = lines[j].strip(" *")
        if position and raw and _NAME.match(raw) and _upper_share(raw) < 0.6:
            name = raw
            return SignerBlock(name, position, authority, j + 1)
    return SignerBlock(name, position, authority, block + 1)
