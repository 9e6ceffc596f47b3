"""Validation of workflow definitions: each rule reported with file, line, key and a Swedish message."""

from __future__ import annotations

import textwrap

import pytest

from tests.unit.workflow_support import only_error

# ------------------------------------------------------------------------------------ validation rules

# Each case: a variant text (line numbers as written), the expected line, key and a fragment of the message.
VARIANT_CASES = {
    "yaml syntax": ("kind: kommun\nlabel: [Kommun\nsteps: []\n", 3, "(fil)", "inte giltig YAML"),
    "empty file": ("# bara en kommentar\n", 0, "(fil)", "filen är tom"),
    "top level not a mapping": ("- id: forstudie\n", 1, "(fil)", "översta nivå måste vara en mappning"),
    "label not a string": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: beslut
            label: 2024
            approves: true
        """,
        5,
        "steps[0].label",
        "måste vara en text, men är ett heltal",
    ),
    "approves not a boolean": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: forstudie
            label: Förstudie
            approves: ja
          - id: beslut
            label: Beslut
            approves: true
        """,
        6,
        "steps[0].approves",
        "sanningsvärde",
    ),
    "steps not a list": (
        "kind: kommun\nlabel: Kommun\nsteps:\n  id: beslut\n",
        3,
        "steps",
        "måste vara en lista",
    ),
    "step not a mapping": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - forstudie
          - {id: beslut, label: Beslut, approves: true}
        """,
        4,
        "steps[0]",
        "måste vara ett steg",
    ),
    "missing step id": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - label: Beslut
            approves: true
        """,
        4,
        "steps[0].id",
        "nyckeln 'id' saknas",
    ),
    "missing step label": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: beslut
            approves: true
        """,
        4,
        "steps[0].label",
        "nyckeln 'label' saknas",
    ),
    "missing kind": (
        """\
        label: Kommun
        steps:
          - {id: beslut, label: Beslut, approves: true}
        """,
        1,
        "kind",
        "nyckeln 'kind' saknas",
    ),
    "missing steps": ("kind: kommun\nlabel: Kommun\n", 1, "steps", "nyckeln 'steps' saknas"),
    "empty label": (
        "kind: kommun\nlabel: ''\nsteps:\n  - {id: beslut, label: Beslut, approves: true}\n",
        2,
        "label",
        "får inte vara tomt",
    ),
    "unknown step key": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: beslut
            label: Beslut
            approves: true
            apealable: true
        """,
        7,
        "steps[0].apealable",
        "okänd nyckel 'apealable'; menade du 'appealable'? tillåtna nycklar är: id, label, body, skippable",
    ),
    "unknown top-level key": (
        "kind: kommun\nlabel: Kommun\nnamn: X\nsteps:\n  - {id: beslut, label: Beslut, approves: true}\n",
        3,
        "namn",
        "tillåtna nycklar är: kind, label, decider, steps",
    ),
    "duplicate key": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: beslut
            label: Beslut
            label: Beslut igen
            approves: true
        """,
        6,
        "steps[0].label",
        "förekommer flera gånger (först på rad 5)",
    ),
    "invalid step id": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: Förstudie
            label: Förstudie
          - {id: beslut, label: Beslut, approves: true}
        """,
        4,
        "steps[0].id",
        "id 'Förstudie' är ogiltigt",
    ),
    "duplicate step id": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: namnd
            label: Nämnd
          - parallel:
              - {id: namnd_a, label: A}
              - {id: namnd, label: B}
          - {id: beslut, label: Beslut, approves: true}
        """,
        8,
        "steps[1].parallel[1].id",
        "steget 'namnd' finns redan (rad 4); varje steg-id måste vara unikt inom en parttyp",
    ),
    "group id clashes with a step id": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - {id: namnd, label: Nämnd}
          - id: namnd
            parallel:
              - {id: namnd_a, label: A}
              - {id: namnd_b, label: B}
          - {id: beslut, label: Beslut, approves: true}
        """,
        5,
        "steps[1].id",
        "id 'namnd' används redan",
    ),
    "no approving step": (
        "kind: kommun\nlabel: Kommun\nsteps:\n  - {id: forstudie, label: Förstudie}\n",
        3,
        "steps",
        "inget steg har approves: true",
    ),
    "two approving steps": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - parallel:
              - {id: ks, label: Kommunstyrelsen, approves: true}
              - {id: kf, label: Kommunfullmäktige, approves: true}
        """,
        6,
        "steps[0].parallel[1].approves",
        "exakt ett steg per parttyp får ha approves: true",
    ),
    "approving step not in the last stage": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: fullmaktige
            label: Kommunfullmäktige
            approves: true
          - id: uppfoljning
            label: Uppföljning
        """,
        6,
        "steps[0].approves",
        "måste därför ligga i sista etappen",
    ),
    "approving step explicitly skippable": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - id: fullmaktige
            label: Kommunfullmäktige
            approves: true
            skippable: true
        """,
        7,
        "steps[0].skippable",
        "kan därför inte hoppas över",
    ),
    "unknown kind": (
        "kind: kommunalforbund\nlabel: X\nsteps:\n  - {id: beslut, label: Beslut, approves: true}\n",
        1,
        "kind",
        "okänd parttyp 'kommunalforbund'; tillåtna parttyper är: kommun, region",
    ),
    "parallel group of one step": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - parallel:
              - {id: namnd, label: Nämnd}
          - {id: beslut, label: Beslut, approves: true}
        """,
        4,
        "steps[0].parallel",
        "minst två steg, men har 1",
    ),
    "nested parallel group": (
        """\
        kind: kommun
        label: Kommun
        steps:
          - parallel:
              - {id: a, label: A}
              - parallel: [{id: b, label: B}, {id: c, label: C}]
          - {id: beslut, label: Beslut, approves: true}
        """,
        6,
        "steps[0].parallel[1]",
        "kan inte innehålla en annan parallell grupp",
    ),
    "empty steps list": ("kind: kommun\nlabel: Kommun\nsteps: []\n", 3, "steps", "listan med steg är tom"),
}


@pytest.mark.parametrize(("text", "line", "key", "fragment"), list(VARIANT_CASES.values()), ids=list(VARIANT_CASES))
def test_variant_validation_rule(text: str, line: int, key: str, fragment: str) -> None:
    error = only_error(textwrap.dedent(text))

    assert (error.line, error.key) == (line, key), str(error)
    assert fragment in error.message
