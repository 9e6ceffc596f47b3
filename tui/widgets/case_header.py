"""The case's name and where it stands, above the party table."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.texts import Document, case_facts, case_state_text


class CaseHeader(Static):
    """Shows the case from the `case` part of the status document, or one sentence while there is none."""

    def show_case(self, case: Document) -> None:
        self.remove_class("-refused")
        self.border_title = None
        state_style = "bold $success" if case["state"] == "formed" else "bold $warning"
        seat = f" · säte {case['seat']}" if case.get("seat") else ""
        self.update(
            Content.assemble(
                (case["name"], "bold"),
                (f"{seat} · läget per {case['as_of']}", "dim"),
                "\n",
                (case_state_text(case), state_style),
                " · ",
                " · ".join(case_facts(case)),
            )
        )

    def show_notice(self, message: str, *, refused: bool = False) -> None:
        """A sentence instead of the case: 'loading', or why the case cannot be shown."""
        self.set_class(refused, "-refused")
        self.border_title = "Ärendet kan inte visas" if refused else None
        self.update(Content(message))
