"""The package's layers: no import circle, no module importing one above it, and no language model loaded by the
parts that do not read text (the store, the CLI's store commands, `import eventcoder`).

LAYERS is the one list of the layers, lowest first (ARCHITECTURE.md points here). A module not listed takes the
layer of its nearest listed package (`events.coder` is in `events`'s layer, `places.spotter` in `places`'s); a
top-level module must be listed. An import under `if TYPE_CHECKING:` is for type hints only and does not count;
an import inside a function (a lazy one) counts like any other.
"""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import eventcoder

SOURCE = Path(eventcoder.__file__).parent
ROOT = ""  # the package itself, eventcoder/__init__.py: the library's facade, beside the Coder

# lowest first; a module may import modules of its own layer or of a lower one, never of a higher one
LAYERS: list[list[str]] = [
    ["errors", "version", "resources", "lang", "taxonomy", "model", "data"],  # facts, words, types
    ["documents", "nlp", "syntax", "aliases", "engines", "context", "outlets"],  # inputs, parsing, running work, what
    # stages share, where a document comes from
    ["time", "options"],  # the time stage; the options the coder is asked with (they name the time modes)
    ["places"],
    ["actors"],
    ["events.triggers", "events.event_types"],  # what a trigger is and which ACLED type it gives
    ["casualties"],
    ["control"],
    ["events"],  # the coder, the classifier and the stage decisions it assembles into an Event
    ["merge"],
    ["store"],  # reads names through what it is handed (a Coder), never imports the pipeline
    ["pipeline", "frames", ROOT],  # the Coder and the library's functions; events as tables
    ["export", "report", "evaluate", "ucdp"],
    ["cli", "__main__"],
]
LAYER_OF = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(SOURCE.rglob("*.py"))}


def is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_nodes(node: ast.AST):
    """Every import statement under `node`, but for those under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if is_type_checking(child):
            for other in child.orelse:
                yield from import_nodes(other)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from import_nodes(child)


def imports_of(name: str) -> set[str]:
    """The package's modules that module `name` imports (a name imported from a package counts as the package,
    unless it is a submodule of it)."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    found = set()
    for node in import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name.split(".", 1)[1] if "." in a.name else ROOT for a in node.names
                       if a.name.split(".")[0] == "eventcoder"]
        elif node.level == 0:
            if (node.module or "").split(".")[0] != "eventcoder":
                continue
            base = node.module.split(".")[1:]
            targets = _from_targets(name, base, node)
        else:
            base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            targets = _from_targets(name, base, node)
        found.update(targets)
    found.discard(name)
    return found


def _from_targets(importer: str, base: list[str], node: ast.ImportFrom) -> list[str]:
    """`from module import a, b`: the module, and each name that is a submodule of it (`from .control import
    timeline` may be either; both are loaded). A submodule imported from a package the importer is itself inside
    (`from . import entry` in places.gazetteer, `from .. import syntax` anywhere) does not count as importing
    that package: Python has loaded the package before the importer."""
    module = ".".join(base)
    targets = []
    for alias in node.names:
        sub = f"{module}.{alias.name}" if module else alias.name
        if sub not in MODULES:
            targets.append(module)
            continue
        targets.append(sub)
        if module != ROOT and not importer.startswith(module + "."):
            targets.append(module)
    return targets


GRAPH = {name: imports_of(name) for name in MODULES}


def layer_of(name: str) -> int | None:
    parts = name.split(".")
    while parts:
        if ".".join(parts) in LAYER_OF:
            return LAYER_OF[".".join(parts)]
        parts.pop()
    return LAYER_OF[ROOT] if name == ROOT else None


def test_layers_every_module_has_a_layer():
    assert [name for name in MODULES if layer_of(name) is None] == [], "add them to LAYERS in tests/test_layers.py"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_layers_no_module_imports_one_above_it(name):
    mine = layer_of(name)
    above = sorted(f"{other} (layer {layer_of(other)})" for other in GRAPH[name]
                   if layer_of(other) is not None and mine is not None and layer_of(other) > mine)
    assert above == [], f"{name} (layer {mine}) imports modules of a higher layer"


def test_layers_no_import_circle():
    """Tarjan's strongly connected components: any component of more than one module is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in sorted(GRAPH[name]):
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == name:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    assert circles == []


def test_layers_store_never_imports_the_coder_or_the_api():
    assert GRAPH["store"] & {"pipeline", ROOT, "cli", "events", "nlp"} == set()


def test_layers_reader_finds_imports_of_every_kind():
    """The import reader itself, on modules whose imports are known: relative, from a package, a submodule named
    in `from . import`, lazy ones inside a function, and type-checking ones left out."""
    assert {"actors", "control", "control.timeline", "documents", "errors", "merge", "model", "places",
            "version"} == GRAPH["store"]
    assert {"places.spotter", "places.entry", "places.gazetteer", "places.names"} == GRAPH["places"]
    assert {"nlp", "events", "events.classifier"} <= GRAPH["pipeline"]
    assert "spacy" not in GRAPH["pipeline"]


SPACY_FREE = """
import json, sys
from eventcoder.cli import main
from eventcoder.store import EventStore
import eventcoder
loaded = ['spacy' in sys.modules]
db = sys.argv[1]
EventStore(db).close()
for argv in (["stats", "--db", db, "--by", "month"], ["query", "--db", db, "--actor", "ISIS"],
             ["control", "Hajin", "--db", db]):
    main(argv)
    loaded.append('spacy' in sys.modules)
print(json.dumps(loaded))
"""


def test_layers_store_api_and_store_commands_load_no_spacy(tmp_path):
    result = subprocess.run([sys.executable, "-c", SPACY_FREE, str(tmp_path / "s.db")], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [False, False, False, False]


@pytest.mark.parametrize("module", ["eventcoder", "eventcoder.store", "eventcoder.cli", "eventcoder.places",
                                    "eventcoder.events", "eventcoder.control", "eventcoder.casualties",
                                    "eventcoder.actors", "eventcoder.report"])
def test_layers_importing_loads_no_spacy(module):
    result = subprocess.run([sys.executable, "-c", f"import sys, {module}; print('spacy' in sys.modules)"],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "False"), result.stderr
