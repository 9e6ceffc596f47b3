"""Removing what a PDF puts around the text: page numbers and running headers and footers.

Almost every förbundsordning is published as PDF, and text copied out of one (or read by pypdf) carries
a page number and often the document title and adoption date on every page, in the middle of sentences.
Left in, they split "Förbundet har sitt säte i" from "Mora." and make a title look like a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

# "3", "- 3 -", "Sida 3", "Sida 3 av 8", "3 (8)", "3/8": a line that is only a page number.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*\d{1,3}\s*[-–]|(?:sida\s+)?\d{1,3}(?:\s*\(\s*\d{1,3}\s*\)|\s+av\s+\d{1,3}|\s*/\s*\d{1,3})?)\s*$",
    re.IGNORECASE,
)
_NEAR_PAGE_NUMBER = 2  # a running header or footer sits this close to the page number
_ALWAYS_RUNNING = 3  # a line repeated this often, a page apart, is a header or footer without page numbers
_PAGE_APART = 8  # table cells ("1 ledamot", "1 ersättare") repeat too, but a few lines apart


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def _running_lines(lines: list[str]) -> set[str]:
    """Lines that repeat page after page: twice or more next to a page number, or three times a page apart."""
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip() and not is_page_number(line):
            positions.setdefault(line.strip(), []).append(i)
    near_page_number: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if not is_page_number(line):
            continue
        window = lines[max(0, i - _NEAR_PAGE_NUMBER) : i + _NEAR_PAGE_NUMBER + 1]
        for text in {w.strip() for w in window if w.strip() and not is_page_number(w)}:
            near_page_number[text] += 1
    return {
        text
        for text, where in positions.items()
        if (len(where) >= 2 and near_page_number[text] >= 2)
        or (len(where) >= _ALWAYS_RUNNING and min(b - a for a, b in pairwise(where)) >= _PAGE_APART)
    }


def page_furniture(lines: list[str]) -> set[int]:
    """Indexes of the lines that are page numbers or running headers and footers."""
    running = _running_lines(lines)
    return {i for i, line in enumerate(lines) if is_page_number(line) or (line.strip() and line.strip() in running)}
