"""Static checks of web/: first-load weight, CSP-friendly markup, and module wiring."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
BUDGET_BYTES = 150 * 1024  # compressed JS + CSS of the first load (issue 8)
STATIC_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*["'](\.{1,2}/[^"']+)["']""", re.MULTILINE
)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["'](\.{1,2}/[^"']+)["']\s*\)""")


class _Index(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in attributes:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name} on <{tag}>")
        if "style" in attributes:
            self.problems.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if not attributes.get("src"):
                self.problems.append("inline <script>")
            else:
                self.assets.append(attributes["src"] or "")
        if tag == "link" and attributes.get("rel") in ("stylesheet", "modulepreload"):
            self.assets.append(attributes.get("href") or "")
        for value in attributes.values():
            if value and re.match(r"\s*(https?:)?//", value):
                self.problems.append(f"external resource {value}")


def _index() -> _Index:
    parser = _Index()
    parser.feed((WEB / "index.html").read_text(encoding="utf-8"))
    return parser


def _static_graph(entry: Path) -> set[Path]:
    """The entry module and everything it imports statically (what the first load needs)."""
    seen: set[Path] = set()
    pending = [entry]
    while pending:
        path = pending.pop()
        if path in seen or path.suffix != ".js":
            continue
        seen.add(path)
        for target in STATIC_IMPORT.findall(path.read_text(encoding="utf-8")):
            pending.append((path.parent / target).resolve())
    return seen


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def _first_load() -> set[Path]:
    files: set[Path] = set()
    for asset in _index().assets:
        path = (WEB / asset.lstrip("/")).resolve()
        files |= _static_graph(path) if path.suffix == ".js" else {path}
    return files


def test_index_has_no_inline_code_styles_or_external_resources():
    assert _index().problems == []


def test_first_load_is_under_the_budget():
    files = _first_load()
    total = sum(_gzip_size(p) for p in files)
    assert total < BUDGET_BYTES, f"{total} bytes gzip for {sorted(p.name for p in files)}"


def test_everything_in_web_is_under_the_budget_too():
    # Screens load on demand; even all of them together stay far under the first-load budget.
    total = sum(_gzip_size(p) for p in WEB.rglob("*") if p.suffix in (".js", ".css"))
    assert total < BUDGET_BYTES, total


def test_every_module_the_index_preloads_is_part_of_the_first_load():
    preloaded = {(WEB / a.lstrip("/")).resolve() for a in _index().assets if a.endswith(".js")}
    assert preloaded <= _first_load()


def test_imports_resolve_to_files():
    missing = []
    for path in WEB.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        for target in STATIC_IMPORT.findall(text) + DYNAMIC_IMPORT.findall(text):
            if not (path.parent / target).resolve().is_file():
                missing.append(f"{path.relative_to(WEB)} -> {target}")
    assert not missing


def test_modules_build_no_inline_styles_handlers_or_eval():
    bad = re.compile(
        r"""\sstyle\s*=|<style\b|\son[a-z]+\s*=\s*["'`$]|\beval\(|new Function\(|javascript:"""
    )
    offenders = [
        f"{p.relative_to(WEB)}:{n}"
        for p in WEB.rglob("*.js")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if bad.search(line)
    ]
    assert not offenders


def test_every_text_key_the_app_uses_exists_in_indonesian():
    i18n = (WEB / "js" / "i18n.js").read_text(encoding="utf-8")
    indonesian = i18n[i18n.index("const id = {") : i18n.index("const en = {")]
    defined = set(re.findall(r'^\s*"([\w.]+)":', indonesian, re.MULTILINE))
    used: set[str] = set()
    for path in WEB.rglob("*.js"):
        if path.name != "i18n.js":
            used |= set(re.findall(r"""\bt\(\s*"([\w.]+)\"""", path.read_text(encoding="utf-8")))
    assert used - defined == set()


# Enum values the app shows as text, by the dictionary prefix it looks them up under.
ENUM_LABELS = {
    "EnrollmentStatus": "status",
    "TrainingMode": "mode",
    "CompetencyGroup": "group",
    "TrainingMethod": "method",
    "PlanStatus": "planStatus",
    "PlanItemStatus": "planItemStatus",
    "SkpStatus": "skpStatus",
    "Rating": "rating",
    "ResultKind": "resultKind",
    "IndicatorAspect": "aspect",
    "SessionSort": "sort",
    "EnrollmentErrorCode": "error",
    "SkpErrorCode": "error",
    "PlanErrorCode": "error",
    "FollowUpStatus": "followUp",
    "RespondentGender": "gender",
    "RespondentAgeBand": "ageBand",
    "RespondentEducation": "education",
    "RespondentOccupation": "occupation",
}


def test_every_enum_value_shown_has_an_indonesian_label():
    from graphql import GraphQLEnumType

    from portal.graphql.schema import build_schema
    from portal.settings import Environment, load_settings

    schema = build_schema(load_settings(env=Environment.DEVELOPMENT, dev_login=False))._schema
    i18n = (WEB / "js" / "i18n.js").read_text(encoding="utf-8")
    defined = set(re.findall(r'^\s*"([\w.]+)":', i18n[: i18n.index("const en = {")], re.MULTILINE))
    missing = []
    for enum_name, prefix in ENUM_LABELS.items():
        enum = schema.type_map[enum_name]
        assert isinstance(enum, GraphQLEnumType)
        missing += [
            f"{prefix}.{value}" for value in enum.values if f"{prefix}.{value}" not in defined
        ]
    assert not missing


def test_english_has_no_keys_indonesian_lacks():
    i18n = (WEB / "js" / "i18n.js").read_text(encoding="utf-8")
    indonesian = set(
        re.findall(r'^\s*"([\w.]+)":', i18n[: i18n.index("const en = {")], re.MULTILINE)
    )
    english = set(re.findall(r'^\s*"([\w.]+)":', i18n[i18n.index("const en = {") :], re.MULTILINE))
    assert english - indonesian == set()
