"""Finding the party and the step a user means, from what the tool itself shows: a slug, a name, a unique
prefix of a name, the usual abbreviations (FK, AF); a step id, its label, or a unique prefix."""

from __future__ import annotations

from formation.case.projection import CaseProjection, PartyProgress
from formation.domain.names import slugify
from formation.domain.parties import KIND_WORDS
from formation.errors import Refusal
from workflows.model import StepDef

# What coordinators call the steps of the standard path: KF/RF (fullmäktige), KS/RS (styrelsen).
STEP_WORDS: dict[str, str] = {
    "kf": "fullmaktige",
    "rf": "fullmaktige",
    "ks": "styrelse",
    "rs": "styrelse",
    "kommunstyrelsen": "styrelse",
    "regionstyrelsen": "styrelse",
    "kommunfullmaktige": "fullmaktige",
    "regionfullmaktige": "fullmaktige",
}


def find_party(projection: CaseProjection, key: str) -> PartyProgress:
    """The one party `key` names, or a refusal listing the parties (or the candidates, when ambiguous)."""
    parties = list(projection.parties.values())
    wanted = key.strip().casefold()
    as_slug = slugify(key)
    exact = [p for p in parties if wanted in (p.info.slug, p.info.name.casefold()) or as_slug == p.info.slug]
    if len(exact) == 1:
        return exact[0]
    kind = KIND_WORDS.get(as_slug)
    if kind is not None:
        of_kind = [p for p in parties if p.info.kind is kind]
        if len(of_kind) == 1:
            return of_kind[0]
        if len(of_kind) > 1 and not any(p.info.slug.startswith(as_slug) for p in parties if p not in of_kind):
            names = ", ".join(p.info.name for p in of_kind)
            raise Refusal(
                f"'{key.strip()}' kan vara flera parter: {names}; skriv mer av namnet.",
                code="ambiguous_party",
                key=key,
            )
    prefixed = exact or [p for p in parties if as_slug and p.info.slug.startswith(as_slug)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        names = ", ".join(p.info.name for p in prefixed)
        raise Refusal(
            f"'{key.strip()}' kan vara flera parter: {names}; skriv mer av namnet.", code="ambiguous_party", key=key
        )
    names = ", ".join(p.info.name for p in parties) or "inga parter ännu"
    raise Refusal(f"Det finns ingen part '{key.strip()}' i ärendet ({names}).", code="unknown_party", key=key)


def find_step(progress: PartyProgress, key: str) -> StepDef:
    """The step of the party's workflow that `key` names: its id, its label, or a unique prefix of either."""
    steps = progress.workflow.steps
    as_slug = slugify(key).replace("-", "_")
    for step in steps:
        if key.strip() == step.id or as_slug == step.id or slugify(step.label).replace("-", "_") == as_slug:
            return step
    word = STEP_WORDS.get(as_slug.replace("_", ""))
    if word is not None and progress.workflow.step(word) is not None:
        found = progress.workflow.step(word)
        assert found is not None
        return found
    prefixed = [s for s in steps if as_slug and (s.id.startswith(as_slug) or slugify(s.label).startswith(slugify(key)))]
    if len(prefixed) == 1:
        return prefixed[0]
    listed = ", ".join(f"{s.id} ({s.label})" for s in (prefixed or steps))
    if len(prefixed) > 1:
        raise Refusal(
            f"'{key.strip()}' kan vara flera steg för {progress.info.name}: {listed}.",
            code="ambiguous_step",
            party=progress.info.slug,
        )
    raise Refusal(
        f"{progress.info.name} har inget steg '{key.strip()}'; stegen är: {listed}.",
        code="unknown_step",
        party=progress.info.slug,
    )
