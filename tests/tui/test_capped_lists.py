"""The dashboard's side panels show the most urgent paragraphs first and at most SHOWN of them until Enter on
the panel asks for all (a national case has hundreds; wrapping them all cost a quarter of the first frame)."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Static

from formation.domain.outcomes import Outcome
from formation.reports.cockpit_model import NextAction, StepChoice
from tui.widgets.capped_list import SHOWN
from tui.widgets.next_list import NextList
from tui.widgets.problem_list import ProblemList


class Panels(App[None]):
    def compose(self) -> ComposeResult:
        yield NextList(id="next")
        yield ProblemList(id="problems")


def _text(app: App[None], selector: str) -> str:
    return str(app.query_one(selector).query_one(Static).render())


def _action(number: int) -> NextAction:
    step = StepChoice("namnd", "Nämndbeslut", (Outcome.BIFALL,), True, False)
    return NextAction(f"kommun-{number}", f"[b]Kommun {number}", (step,), date(2027, 1, 1 + number % 28))


async def test_a_long_list_shows_the_first_and_enter_shows_all() -> None:
    app = Panels()
    async with app.run_test(size=(80, 40)) as pilot:
        actions = [_action(n) for n in range(SHOWN + 12)]
        app.query_one(NextList).show_actions(actions, today=date(2027, 1, 10))
        app.query_one(ProblemList).show_problems([{"message": f"Problem {n} [/]"} for n in range(SHOWN + 5)])
        await pilot.pause()
        shown = _text(app, "#next")
        assert "[b]Kommun 0:" in shown and f"[b]Kommun {SHOWN - 1}:" in shown  # names shown literally
        assert f"[b]Kommun {SHOWN}:" not in shown
        assert "… och 12 till: Enter visar alla." in shown
        assert "… och 5 till" in _text(app, "#problems")
        assert app.query_one(NextList).border_title == f"Nästa att göra ({SHOWN + 12})"

        app.query_one(NextList).focus()
        await pilot.press("enter")
        shown = _text(app, "#next")
        assert f"[b]Kommun {SHOWN + 11}:" in shown and "Enter visar alla" not in shown
        assert "… och 5 till" in _text(app, "#problems")  # each panel on its own

        app.query_one(NextList).show_actions(actions[:3], today=date(2027, 1, 10))  # a reload keeps the choice
        await pilot.pause()
        assert "till:" not in _text(app, "#next")


async def test_a_short_list_is_shown_whole_without_a_note() -> None:
    app = Panels()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(NextList).show_actions([_action(1)], today=date(2027, 1, 1))
        app.query_one(ProblemList).show_problems([])
        await pilot.pause()
        assert "Kommun 1" in _text(app, "#next") and "till:" not in _text(app, "#next")
        assert "Inget att åtgärda." in _text(app, "#problems")
