"""A förbundsordning as sentences, each with the line it starts on and the section heading it stands under.

The § 9 checklist asks what the text *states*, so it reads sentences, never headings. Layouts differ:
Markdown headings (`## 3 § Ändamål`), numbered paragraphs with the title and the text on one line
("1 § Namn och säte Förbundets namn är ..."), and PDF text with no headings at all, where a sentence runs
over several lines, words are split with a hyphen at the line end and page furniture sits in between.
Tables of contents are dropped: they name sections without stating anything.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from formation.domain.checklist_cleanup import page_furniture


@dataclass(frozen=True)
class Heading:
    """A section heading: `title` as shown (without Markdown marks), `key` without its § number."""

    title: str
    key: str
    line: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of running text, on one line or several; `line` is where it starts (1-based)."""

    text: str
    line: int
    section: Heading | None


_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[.:]?$")
_MARKER = r"(?:§\s*\d+(?:\s*[a-z]\b)?|\d+(?:\s*[a-z]\b)?\s*§)"
_PARAGRAPH = re.compile(rf"^{_MARKER}(?:\s*[.:)–—-])?(?:\s+|$)", re.I)
_KEY_PREFIX = re.compile(rf"^(?:{_MARKER}|\d+(?:\.\d+)*\.?)\s*[.:)–—-]?\s*", re.I)
# "3 § Ändamål ........ 2", "Ändamål … 2", "Ändamål<tab>2": a line of a table of contents.
_TOC_LINE = re.compile(r"(?:\.{3,}|…+|\s{3,}|\t)\s*\d{1,3}\s*$")
# Headings are noun phrases; a line with a modal verb or a "label: value" is text.
_VERB = re.compile(r"\b(?:ska|skall)\b", re.I)
_LABEL_VALUE = re.compile(r":\s+\S")
_DOCUMENT_TITLE = re.compile(r"^förbundsordning\b", re.I)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•–]|\d{1,2}[.)]|[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”(]?[A-ZÅÄÖ0-9§])")
# A hyphen at a line end joins a split word, except in "hälso- och sjukvård" and the like.
_SPLIT_WORD = re.compile(r"[A-Za-zÅÄÖåäö]-$")
_KEEPS_HYPHEN = re.compile(r"^(?:och|eller|samt|respektive|resp\.|till|som)\b")
_SOFT_HYPHEN_AT_END = re.compile("\u00ad[ \t]*(?=\n|$)", re.M)
_INLINE_TITLE_WORDS = 6


def _full_line_heading(lines: list[str], i: int, *, after_heading: bool) -> str | None:
    """The heading on line i as shown, or None; the rules of thumb of the Markdown and plain-text styles.

    A short unmarked line right under a heading is its value ("§ 2 Säte" / "Mora"), not another heading.
    """
    raw = lines[i].strip()
    if not raw:
        return None
    if m := _ATX.match(lines[i]):
        return m.group(1).strip("*_ ") or None
    if (m := _BOLD.match(raw)) and len(m.group(1)) <= 100:
        return m.group(1).strip()
    if len(raw) > 80 or raw[0] in "-+*|>[" or raw[-1] in ".,;:!?" or _VERB.search(raw) or _LABEL_VALUE.search(raw):
        return None
    if m := _PARAGRAPH.match(raw):
        rest = raw[m.end() :]
        return raw if not rest or rest[0].isupper() else None
    key = _KEY_PREFIX.sub("", raw)
    if after_heading or len(raw) > 60 or len(raw.split()) > 8 or not key or not key[0].isupper():
        return None
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
    return raw if prev_blank and (next_blank or len(raw.split()) <= 5) else None


def _inline_heading(raw: str) -> tuple[str, str] | None:
    """("1 § Namn och säte", "Förbundets namn är ...") from a numbered paragraph that starts with its title."""
    m = _PARAGRAPH.match(raw)
    if not m:
        return None
    words = raw[m.end() :].split()
    if not words or not words[0][0].isupper():
        return None
    for n in range(1, min(len(words), _INLINE_TITLE_WORDS + 1)):
        if words[n][0].isupper():
            title = " ".join([raw[: m.end()].strip(), *words[:n]])
            return (title, " ".join(words[n:])) if not _VERB.search(title) else None
    return None


def _heading(title: str, line: int) -> Heading | None:
    key = _KEY_PREFIX.sub("", title).strip()
    # The document's own title ("Förbundsordning för ...") is no section: text under it is not placed by it.
    return None if _DOCUMENT_TITLE.match(key) else Heading(title, key, line)


@dataclass
class _Paragraph:
    """Running text joined from lines, with the offset where each line starts in it."""

    section: Heading | None
    text: str = ""
    starts: tuple[tuple[int, int], ...] = ()

    def add(self, line: int, fragment: str) -> None:
        fragment = fragment.strip()
        if self.text and _SPLIT_WORD.search(self.text) and fragment[:1].islower() and not _KEEPS_HYPHEN.match(fragment):
            self.text = self.text[:-1]
        elif self.text:
            self.text += " "
        self.starts += ((len(self.text), line),)
        self.text += fragment

    def line_at(self, offset: int) -> int:
        return max((line for start, line in self.starts if start <= offset), default=self.starts[0][1])

    def sentences(self) -> list[Sentence]:
        result = []
        position = 0
        for piece in _SENTENCE_END.split(self.text):
            offset = self.text.index(piece, position)
            position = offset + len(piece)
            if piece.strip():
                result.append(Sentence(piece.strip(), self.line_at(offset), self.section))
        return result


def _continues(before: str, body: str, *, is_list_item: bool) -> bool:
    """Whether `body` goes on with the sentence before it rather than starting a new one.

    A lower-case start does, and so does anything after a comma or colon, and a list item after a lead-in
    without a full stop: the points after "ha till uppgift att", and the numbered points after
    "I förbundsordningen ska anges", which are then read (and dropped) as the one sentence they are.
    """
    if body[:1].islower() or before.endswith((",", ":", ";")):
        return True
    return is_list_item and not before.endswith((".", "!", "?"))


def _normalised(text: str) -> str:
    """One spelling of every letter: pasted Mac text is decomposed (a + ring), PDFs carry "ﬁ" ligatures,
    no-break spaces and soft hyphens (one at a line end splits a word like a hyphen does)."""
    text = unicodedata.normalize("NFKC", text)
    return _SOFT_HYPHEN_AT_END.sub("-", text).replace("\u00ad", "")


def sentences(text: str) -> list[Sentence]:
    """The running text of a förbundsordning as sentences, headings and page furniture left out."""
    raw_lines = _normalised(text).splitlines()
    furniture = page_furniture(raw_lines)
    numbered = [(i + 1, line) for i, line in enumerate(raw_lines) if i not in furniture]
    lines = [line for _, line in numbered]
    section: Heading | None = None
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    after_heading = False
    for i, (line_no, line) in enumerate(numbered):
        raw = line.strip()
        if not raw or _TOC_LINE.search(raw):
            current = None
            continue
        if (title := _full_line_heading(lines, i, after_heading=after_heading)) is not None:
            section, current, after_heading = _heading(title, line_no), None, True
            continue
        after_heading = False
        if (inline := _inline_heading(raw)) is not None:
            section, current = _heading(inline[0], line_no), None
            raw = inline[1]
        item = _LIST_MARKER.match(raw)
        body = raw[item.end() :] if item else raw
        before = paragraphs[-1] if paragraphs and paragraphs[-1].section == section else None
        if before is not None and _continues(before.text, body, is_list_item=item is not None):
            current = before
        elif current is None or item:
            current = _Paragraph(section)
            paragraphs.append(current)
        current.add(line_no, body)
    return [sentence for paragraph in paragraphs for sentence in paragraph.sentences()]
