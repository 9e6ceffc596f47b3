"""The case's name and where it stands, above the party table."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.texts import Document, case_facts, case_state_text


class CaseHeader(Static):
    """Shows the case from the `case` part of the status document, or one sentence while there is none."""

    def show_case(self, case: Document, progress: str | None = None, *, historic: bool = False) -> None:
        self.remove_class("-refused")
        self.border_title = None
        state_style = "bold $success" if case["state"] == "formed" else "bold $warning"
        seat = f" · säte {case['seat']}" if case.get("seat") else ""
        as_of = ("HISTORISK VY " if historic else "") + f"läget per {case['as_of']}"
        self.update(
            Content.assemble(
                (case["name"], "bold"),
                (seat, "dim"),
                " · ",
                (as_of, "bold $warning" if historic else "dim"),
                "\n",
                (case_state_text(case), state_style),
                " · ",
                " · ".join(case_facts(case)),
                ("\n" + progress, "$accent") if progress else "",
            )
        )

    def show_notice(self, message: str, *, refused: bool = False) -> None:
        """A sentence instead of the case: 'loading', or why the case cannot be shown."""
        self.set_class(refused, "-refused")
        self.border_title = "Ärendet kan inte visas" if refused else None
        self.update(Content(message))
