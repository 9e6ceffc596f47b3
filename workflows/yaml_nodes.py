"""Walking a composed YAML node tree while collecting located, Swedish-worded definition errors.

The loader composes (not loads) the file so that every value keeps the line it came from; the helpers
here turn nodes into plain values and report what is wrong with them instead of raising on the first
problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.representer import SafeRepresenter

from workflows.model import DefinitionError, WorkflowDefinitionInvalid

FILE_KEY = "(fil)"

_CONSTRUCTOR = SafeConstructor()  # stateless for the helpers used here

_TAG = "tag:yaml.org,2002:"
_TYPE_NAMES = {
    "str": "en text",
    "int": "ett heltal",
    "float": "ett decimaltal",
    "bool": "ett sanningsvärde (true/false)",
    "null": "ett tomt värde",
    "timestamp": "ett datum",
    "binary": "binärdata",
}


@dataclass
class Problems:
    """The errors found so far in one file."""

    filename: str
    errors: list[DefinitionError] = field(default_factory=list)

    def add(self, line: int, key: str, message: str) -> None:
        self.errors.append(
            DefinitionError(file=self.filename, line=line, key=key or FILE_KEY, message=message)
        )

    def raise_if_any(self) -> None:
        """Raise every error found so far, in file order."""
        if self.errors:
            raise WorkflowDefinitionInvalid(sorted(self.errors, key=lambda e: e.line))


@dataclass(frozen=True)
class Item:
    """A node together with where it sits: its dotted key path and the line to report it on.

    For a mapping value the line is that of its key (where the entry begins, even when the value is a
    block on the following lines); for a list element or the document root it is the node's own line.
    """

    node: Node
    path: str
    line: int


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def child_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def index_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


# Limits no real definition reaches (finsam.yaml: 3 kB, nesting 8, no aliases); past them PyYAML's recursive
# composer overflows the stack, or aliases multiply the work (a "billion laughs" file).
MAX_TEXT_CHARS = 256 * 1024
MAX_DEPTH = 24
MAX_NODES = 20_000
MAX_ALIASES = 100


# libyaml, when PyYAML has it, reads several times faster (every read of a case parses its stored template);
# the pure-Python loader words the syntax errors we report, so a text libyaml refuses is read again by it.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_shape(text: str, problems: Problems) -> bool:
    """Size, nesting depth, node and alias counts, read from the event stream (which does not recurse)."""
    if len(text) > MAX_TEXT_CHARS:
        problems.add(0, FILE_KEY, f"filen är {len(text)} tecken lång; en beslutsgång får vara högst {MAX_TEXT_CHARS}")
        return False
    try:
        return _check_events(text, problems, _FAST_LOADER)
    except yaml.YAMLError:
        # libyaml stops at what it cannot read (or nests too deep for it); the pure-Python parser then
        # tells which of the two it is, as before.
        try:
            return _check_events(text, problems, yaml.SafeLoader)
        except yaml.YAMLError:
            return True  # compose reports the syntax error with its line


def _check_events(text: str, problems: Problems, loader: Any) -> bool:
    depth = nodes = aliases = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                nodes += 1
                if depth > MAX_DEPTH:
                    line = int(event.start_mark.line) + 1 if event.start_mark else 0
                    problems.add(line, FILE_KEY, f"filen är nästlad djupare än {MAX_DEPTH} nivåer")
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
            if nodes > MAX_NODES or aliases > MAX_ALIASES:
                problems.add(0, FILE_KEY, f"filen har fler än {MAX_NODES} värden eller {MAX_ALIASES} alias")
                return False
    except RecursionError:
        problems.add(0, FILE_KEY, f"filen är nästlad djupare än {MAX_DEPTH} nivåer")
        return False
    return True


def compose(text: str, problems: Problems) -> Item | None:
    """Parse YAML text into a node tree; report syntax errors and empty files instead of raising."""
    if not _check_shape(text, problems):
        return None
    try:
        try:
            root = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 0
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        problems.add(line, FILE_KEY, f"filen är inte giltig YAML: {detail or exc}")
        return None
    except yaml.YAMLError as exc:
        problems.add(0, FILE_KEY, f"filen är inte giltig YAML: {exc}")
        return None
    if root is None or (isinstance(root, ScalarNode) and root.tag == _TAG + "null" and root.value == ""):
        problems.add(line_of(root) if root is not None else 0, FILE_KEY, "filen är tom")
        return None
    return Item(root, "", line_of(root))


def compose_mapping(text: str, problems: Problems) -> tuple[Item, dict[str, Item]] | None:
    """Compose a file whose top level must be a mapping; None (with errors reported) otherwise."""
    root = compose(text, problems)
    if root is None:
        return None
    if not isinstance(root.node, MappingNode):
        message = f"filens översta nivå måste vara en mappning (nyckel: värde), men är {type_name(root.node)}"
        problems.add(root.line, FILE_KEY, message)
        return None
    entries = as_mapping(root, problems)
    return (root, entries) if entries is not None else None


def read_file(path: Path) -> str:
    """The text of a definition file; a missing or unreadable file raises WorkflowDefinitionInvalid."""

    def fail(message: str) -> WorkflowDefinitionInvalid:
        return WorkflowDefinitionInvalid([DefinitionError(str(path), 0, FILE_KEY, message)])

    try:
        if path.stat().st_size > MAX_TEXT_CHARS * 4:
            raise fail(f"filen är för stor; en beslutsgång får vara högst {MAX_TEXT_CHARS} tecken")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail("filen finns inte") from None
    except UnicodeDecodeError as exc:
        raise fail(f"filen är inte giltig UTF-8-text (byte {exc.start})") from None
    except OSError as exc:
        raise fail(f"filen kan inte läsas: {exc.strerror or exc}") from None


class _Dumper(yaml.SafeDumper):
    """SafeDumper that also accepts str subclasses (e.g. StrEnum kinds) and tuples."""


_Dumper.add_multi_representer(str, SafeRepresenter.represent_str)
_Dumper.add_representer(tuple, SafeRepresenter.represent_list)


def dump(data: Any) -> str:
    """Plain data as block-style YAML text, keeping key order; raises yaml.YAMLError for other objects."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def type_name(node: Node) -> str:
    """A Swedish phrase for what kind of value a node holds, e.g. 'en lista'."""
    if isinstance(node, MappingNode):
        return "en mappning (nyckel: värde)"
    if isinstance(node, SequenceNode):
        return "en lista"
    tag = str(node.tag)
    if tag.startswith(_TAG) and tag[len(_TAG) :] in _TYPE_NAMES:
        return _TYPE_NAMES[tag[len(_TAG) :]]
    return f"ett värde med taggen {tag}"


def _wrong_type(item: Item, expected: str, problems: Problems) -> None:
    problems.add(item.line, item.path, f"värdet måste vara {expected}, men är {type_name(item.node)}")


def as_mapping(
    item: Item, problems: Problems, *, what: str = "en mappning (nyckel: värde)"
) -> dict[str, Item] | None:
    """The entries of a mapping node keyed by their (string) key; duplicate keys are reported."""
    node = item.node
    if not isinstance(node, MappingNode):
        _wrong_type(item, what, problems)
        return None
    try:
        _CONSTRUCTOR.flatten_mapping(node)  # resolves `<<: *anchor` merge keys in place
    except ConstructorError as exc:
        mark = exc.problem_mark
        problems.add(
            int(mark.line) + 1 if mark else item.line,
            item.path,
            f"ogiltig sammanslagning (<<): {exc.problem}",
        )
        return None
    entries: dict[str, Item] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            problems.add(line_of(key_node), item.path, f"nycklar måste vara text, inte {type_name(key_node)}")
            continue
        key = str(key_node.value)
        path = child_path(item.path, key)
        if key in entries:
            problems.add(
                line_of(key_node),
                path,
                f"nyckeln '{key}' förekommer flera gånger (först på rad {entries[key].line})",
            )
            continue
        entries[key] = Item(value_node, path, line_of(key_node))
    return entries


def as_sequence(item: Item, problems: Problems) -> list[Item] | None:
    node = item.node
    if not isinstance(node, SequenceNode):
        _wrong_type(item, "en lista", problems)
        return None
    return [Item(child, index_path(item.path, i), line_of(child)) for i, child in enumerate(node.value)]


def check_keys(
    entries: dict[str, Item],
    owner: Item,
    problems: Problems,
    *,
    allowed: Iterable[str],
    required: Iterable[str] = (),
) -> None:
    """Report keys that are not allowed (naming the allowed ones) and required keys that are missing."""
    allowed = tuple(allowed)
    for key, entry in entries.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"menade du '{close[0]}'? " if close else ""
            problems.add(
                entry.line,
                entry.path,
                f"okänd nyckel '{key}'; {hint}tillåtna nycklar är: {', '.join(allowed)}",
            )
    for key in required:
        if key not in entries:
            problems.add(
                owner.line, child_path(owner.path, key), f"nyckeln '{key}' saknas men är obligatorisk"
            )


def _scalar_tag(item: Item) -> str | None:
    node = item.node
    return (
        str(node.tag)[len(_TAG) :]
        if isinstance(node, ScalarNode) and str(node.tag).startswith(_TAG)
        else None
    )


def as_str(item: Item, problems: Problems, *, nonempty: bool = False) -> str | None:
    if _scalar_tag(item) != "str":
        _wrong_type(item, "en text", problems)
        return None
    value = str(item.node.value)
    if nonempty and not value.strip():
        problems.add(item.line, item.path, "värdet får inte vara tomt")
    return value


def as_bool(item: Item, problems: Problems) -> bool | None:
    if _scalar_tag(item) != "bool":
        _wrong_type(item, "ett sanningsvärde (true eller false)", problems)
        return None
    return SafeConstructor.bool_values[str(item.node.value).lower()]


def as_int(item: Item, problems: Problems) -> int | None:
    node = item.node
    if not isinstance(node, ScalarNode) or _scalar_tag(item) != "int":
        _wrong_type(item, "ett heltal", problems)
        return None
    return _CONSTRUCTOR.construct_yaml_int(node)
