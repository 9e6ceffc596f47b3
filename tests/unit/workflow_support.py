"""Shared pieces of the workflow loader tests: a sample variant and error helpers."""

from __future__ import annotations

import re
import textwrap

import pytest

from workflows.loader import parse_party_variant, parse_workflow_set
from workflows.model import DefinitionError, WorkflowDefinitionInvalid

SWEDISH = re.compile(r"[åäö]|\b(måste|får|finns|saknas|okänd|inte|är|kan|tom)\b", re.IGNORECASE)

VARIANT = textwrap.dedent(
    """\
    kind: kommun
    label: Stockholms stad – två nämnder
    decider: Kommunfullmäktige   # optional
    steps:
      - id: forstudie
        label: Förstudie
      - parallel:
          - id: namnd_amn
            label: Arbetsmarknadsnämnden
            body: Arbetsmarknadsnämnden
          - id: namnd_sn
            label: Socialnämnden
      - id: fullmaktige
        label: Kommunfullmäktige antar förbundsordningen
        approves: true
        appealable: true
        skippable: false
    """
)


def errors_of(excinfo: pytest.ExceptionInfo[WorkflowDefinitionInvalid]) -> list[DefinitionError]:
    errors = excinfo.value.errors
    for error in errors:
        assert error.message.strip(), error
        assert SWEDISH.search(error.message), f"not Swedish: {error.message}"
    return errors


def only_error(text: str, *, template: bool = False) -> DefinitionError:
    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        if template:
            parse_workflow_set(text, "mall.yaml")
        else:
            parse_party_variant(text, "variant.yaml")
    errors = errors_of(excinfo)
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert errors[0].file == ("mall.yaml" if template else "variant.yaml")
    return errors[0]
