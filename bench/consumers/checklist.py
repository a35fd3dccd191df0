"""What the consumer checks share: one line a check, "ok" or "FAIL", and the list of those that failed."""
from __future__ import annotations

failures: list[str] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"  {'ok' if ok else 'FAIL'}: {name}" + (f" ({detail})" if detail else ""))
    if not ok:
        failures.append(name)
    return ok
