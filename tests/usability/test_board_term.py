"""A board term shorter than four years, when the förbundsordning sets it (9 § p. 3 lagen (2003:1210))."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from formation.domain.board import BoardSeat, term_problem, term_years_in
from formation.reports.status import status_document
from formation.services import Services
from tests.unit.case_support import KOMMUN

SHORTER = "Mandattiden är två år räknat från och med den 1 april året efter det år då val av fullmäktige"


def test_the_term_is_read_from_the_forbundsordning_and_not_from_the_auditors() -> None:
    assert term_years_in(f"Styrelsen består av fyra ledamöter. {SHORTER} har ägt rum.") == 2
    assert term_years_in("Revisorernas mandattid är två år.") is None
    assert term_years_in("Mandattiden är fyra år räknat från och med den 1 april.") is None


def test_a_two_year_term_is_right_when_the_forbundsordning_says_so() -> None:
    seat = BoardSeat("solna-stad", "Anna Berg", "ledamot", date(2023, 4, 1), date(2025, 3, 31), "KF")
    assert term_problem(seat, KOMMUN) is not None
    assert term_problem(seat, KOMMUN, years=2) is None
    later = BoardSeat("solna-stad", "Anna Berg", "ledamot", date(2025, 4, 1), date(2027, 3, 31), "KF")
    assert term_problem(later, KOMMUN, years=2) is None


def test_status_checks_the_term_the_case_forbundsordning_sets(
    sqlite_services: Services, tmp_path: Path, fo_text: str
) -> None:
    text = fo_text.replace(
        "Mandattiden är fyra år räknat från och med den 1 april",
        "Mandattiden är två år räknat från och med den 1 april",
    )
    assert text != fo_text
    path = tmp_path / "kort_mandattid.md"
    path.write_text(text, encoding="utf-8")
    s = sqlite_services
    s.init_case("Kort mandattid")
    s.add_party(KOMMUN, "kommun")
    s.add_fo(path, on=date(2022, 1, 10))
    s.add_board_seat(
        KOMMUN, "Anna Berg", role="ledamot", term_start=date(2023, 4, 1), term_end=date(2025, 3, 31), fullmaktige="KF"
    )
    codes = [p["code"] for p in status_document(s.view(with_texts=True))["problems"]]
    assert "board_term_mismatch" not in codes


def test_one_ledamot_is_singular() -> None:
    from formation.domain.board import BoardMember, board_problems
    from formation.domain.parties import PartyKind

    seat = BoardSeat("solna-stad", "Anna Berg", "ledamot", date(2023, 4, 1), date(2027, 3, 31), "KF")
    found = board_problems([seat], [BoardMember("solna-stad", KOMMUN, PartyKind.KOMMUN)], date(2024, 1, 1))
    message = next(p.message for p in found if p.code == "board_too_few_ersattare")
    assert "1 ledamot men 0 ersättare" in message and "1 ledamöter" not in message


def test_a_board_appointed_before_the_forbund_starts_sits_in_the_term_of_its_start(tmp_path: Path) -> None:
    """The living demo starts on 2027-08-01; in November 2026 a seat given no dates took the term ending
    2027-03-31, four months before the förbund exists. It now takes the term the start falls in."""
    from tests.e2e.in_process import Cli

    cli = Cli(tmp_path / "n.db", FORMATION_CASE="norrort")
    cli("demo", "--only", "norrort")
    said = cli("board", "add", "Solna", "Karin Lund", "--fullmaktige", "Kommunfullmäktige i Solna").stdout
    assert said.strip() == "Karin Lund är ledamot 2027-04-01–2031-03-31."
