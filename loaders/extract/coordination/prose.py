"""Layout 4, prose verbs anywhere: 'Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cancu.loaders.extract.agencies import (
    Found,
    index,
)
from cancu.loaders.extract.coordination.parties import (
    PartyReader,
    fills_stretch,
)
from cancu.loaders.extract.coordination.patterns import (
    Verb,
    clause_starts,
    verb_patterns,
)
from cancu.loaders.extract.coordination.reader import Draft, one_line
from cancu.loaders.extract.outline import Item


class ProseVerbs(PartyReader):
    def prose(self, item: Item) -> Draft | None:
        """'Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức …', 'Văn phòng UBND tỉnh chủ trì, Trung tâm
        Truyền thông tỉnh phối hợp …', also after a heading or a lead-in ('Tuyên truyền chuyển đổi số: Sở …')."""
        s, e = self.item_span(item)
        folded = self.src.folded
        for m, draft in self._led_by_subject(item, s, e, verb_patterns().lead):
            after = m.end()
            with_ = verb_patterns().partners_after_lead.match(folded, after, e)
            if with_:
                draft.cooperating = self.partner_list(item, with_.end(), e)
                return draft
            comma = verb_patterns().comma_after_lead.match(folded, after, e)
            if comma:
                clause_end = self._clause_end(comma.end(), e)
                k = verb_patterns().cooperating.search(folded, comma.end(), clause_end)
                if k:
                    partners = self.agencies(comma.end(), k.start())
                    if fills_stretch(partners, folded, comma.end(), k.start()):
                        draft.cooperating = partners
            return draft
        return self._bare_partners(item, s, e)

    def _bare_partners(self, item: Item, s: int, e: int) -> Draft | None:
        """'Sở Văn hóa, Thể thao và Du lịch phối hợp với Thanh tra tỉnh, … tuyên truyền …': in a bare
        'A phối hợp với B' the subject A is the lead, B the partners (as the gold defines it)."""
        for m, draft in self._led_by_subject(item, s, e, verb_patterns().partners):
            draft.cooperating = self.partner_list(item, m.end(), e)
            return draft if any(not f.generic for f in draft.cooperating) else None
        return None

    def _led_by_subject(self, item: Item, s: int, e: int, verb: Verb) -> Iterator[tuple[re.Match[str], Draft]]:
        """Each place the verb has agencies for its subject, with a draft they lead."""
        for m in verb.finditer(self.src.folded, s, e):
            lead = self._subject(s, m.start())
            if lead:
                yield m, Draft(item.path(), one_line(item.text), item.line, item.text, lead=lead)

    def _clause_end(self, start: int, end: int) -> int:
        folded = self.src.folded
        cuts = [k for k in (folded.find(sep, start, end) for sep in (";", ". ", ".\n", ":")) if k != -1]
        return min(cuts, default=end)

    def _subject(self, start: int, verb: int) -> list[Found]:
        """The agencies that stand right before a verb ('chủ trì') as its subject: the list from the
        nearest clause start (line start, ':', ';', '. ', 'do') up to the verb, nothing else between."""
        folded, text = self.src.folded, self.src.text
        idx = index(self.kb)
        bounds = [start] + [m.end() for m in clause_starts()[1].finditer(folded, start, verb)]
        for b in sorted(set(bounds), reverse=True):
            while b < verb and folded[b] in " \t\n-+*•":
                b += 1
            if b >= verb:
                continue
            if not (idx.known.match(folded, b) or (idx.head.match(folded, b) and text[b].isupper())
                    or self.ocr):
                continue
            found = self.agencies(b, verb)
            # 'cơ quan chủ trì Chương trình' names a role: a generic noun right before the verb is no subject
            if any(not f.generic for f in found) and not found[-1].generic and fills_stretch(found, folded, b, verb):
                return found
        return []
