"""Layout 1, labelled lines under an item: 'a) Cơ quan thực hiện: …', '- Đơn vị phối hợp: …'."""

from __future__ import annotations

from cancu.loaders.extract.coordination.parties import (
    PartyReader,
    open_value,
)
from cancu.loaders.extract.coordination.patterns import (
    label_value_start,
    phrase_at_start,
    verb_patterns,
)
from cancu.loaders.extract.coordination.reader import Draft, one_line
from cancu.loaders.extract.outline import Item


class LabelledLines(PartyReader):
    def labelled(self, item: Item) -> Draft | None:
        family = [item, *item.children]
        if not any(self._has_label(c) for c in family):
            return None  # most items and their children hold no label (each item is asked as a child too)
        draft = None
        open_role = None  # a lead or partners label whose value goes on to the next line
        for child in family:
            start, end = self.item_span(child)
            if self.skipped(start):
                break
            if not self._has_label(child):
                if draft is not None and open_role is not None and child.kind == "para":
                    # 'Cơ quan phối hợp:' at a line's end, or a list ending in ';': the value wraps
                    # onto a line of its own (PDF text with blank lines between wrapped lines)
                    self._role_value(open_role, start, end, draft)
                    open_role = open_role if open_value(self.src.text[start:end]) else None
                elif draft is not None:
                    self._invited(start, end, draft)
                continue
            open_role = None
            folded = self.src.folded[start:end]
            labelled, pos = False, 0
            # one line may hold several labels: 'Đơn vị chủ trì: X; Đơn vị phối hợp: Y; Thời gian: …'
            while pos < len(folded):
                hit = next(((at, role) for labels, role in self.roles
                            if (at := label_value_start(folded, labels, pos)) is not None), None)
                if hit is None:
                    break
                at, role = hit
                labelled = True
                nxt = self.next_label.search(folded, at)
                value_end = start + (nxt.start() if nxt else len(folded))
                if draft is None:
                    draft = Draft(item.path(), one_line(item.text), item.line, item.text)
                value_start = start + at
                if role in ("lead", "cooperating"):
                    self._role_value(role, value_start, value_end, draft)
                    open_role = role if nxt is None and open_value(self.src.text[value_start:value_end]) else None
                elif role == "time":
                    draft.time = one_line(self.src.text[value_start:value_end]) or draft.time
                elif nxt is None:
                    draft.funding = one_line(self._with_children(child, value_start, value_end)) or draft.funding
                else:
                    draft.funding = one_line(self.src.text[value_start:value_end]) or draft.funding
                if nxt is None:
                    break
                pos = nxt.end()
            if not labelled and draft is not None:
                self._invited(start, end, draft)
        if draft is not None:
            # a title that starts "Phối hợp với X …" names X as a partner
            s, e = self.item_span(item)
            m = verb_patterns().starts_cooperating.match(self.src.folded, s, e)
            if m:
                draft.cooperating += self.partner_list(item, m.end(), e)
        return draft

    def _has_label(self, item: Item) -> bool:
        """Does the item's text open with a label? One pattern for every label says so before each role
        is tried. Kept per item: an item is asked as itself and as its parent's child."""
        known = self._labels.get(id(item))
        if known is None:
            start, end = self.item_span(item)
            known = self._labels[id(item)] = self.label_start.match(self.src.folded, start, end) is not None
        return known

    def _role_value(self, role: str, start: int, end: int, draft: Draft) -> None:
        if role == "lead":
            self.inline_roles(start, end, draft)
        else:
            draft.cooperating += self.agencies(start, end, stop_at_verbs=False)

    def _invited(self, start: int, end: int, draft: Draft) -> None:
        """'Mời Ủy ban MTTQ tỉnh … tham gia': an unlabelled line under a labelled item."""
        folded = self.src.folded[start:end]
        inv = phrase_at_start(self.r.invited, spaced=False).match(folded)
        if inv:
            tail = folded.rfind(" tham gia")
            draft.invited += self.agencies(start + inv.end(), start + (tail if tail > 0 else len(folded)))

    def _with_children(self, item: Item, start: int, end: int) -> str:
        parts = [self.src.text[start:end]]
        parts += [c.text for c in item.children]
        return " ".join(parts)
