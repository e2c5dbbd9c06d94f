"""The README's picture of the layers, drawn from import-linter's layers contract in pyproject.toml.

`python -m tests.architecture_diagram` prints it; tests/test_architecture.py checks the README holds it.
"""

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layers() -> list[list[str]]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layered = next(contract for contract in contracts if contract["type"] == "layers")
    return [[name.strip() for name in layer.split("|")] for layer in layered["layers"]]


def diagram() -> str:
    """A Mermaid flowchart: each layer may import every layer below it; apps side by side never each other."""
    lines = ["```mermaid", "flowchart TD"]
    for number, apps in enumerate(layers(), start=1):
        lines.append(f'    L{number}["{" · ".join(apps)}"]')
    lines.append("    " + " --> ".join(f"L{number}" for number in range(1, len(layers()) + 1)))
    lines.append("```")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(diagram() + "\n")
