"""zh_CN is complete: every string marked for translation has a Chinese translation."""

from __future__ import annotations

import ast
from pathlib import Path

from checkpoint_desk.i18n import N_, catalogue, gettext, set_language

SRC = Path(__file__).resolve().parents[1] / "src" / "checkpoint_desk"


def marked_strings() -> dict[str, str]:
    """Every literal passed to N_(), gettext(), tr() or translate(ctx, text) in src/."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else (func.attr if isinstance(func, ast.Attribute) else "")
            )
            index = {"N_": 0, "gettext": 0, "tr": 0, "translate": 1}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found[arg.value] = f"{path.relative_to(SRC)}:{node.lineno}"
    return found


def test_every_marked_string_has_a_chinese_translation() -> None:
    table = catalogue("zh_CN")
    missing = {text: where for text, where in marked_strings().items() if text not in table}
    assert not missing, "untranslated (add to resources/translations/zh_CN/*.ts):\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda i: i[1])
    )


def test_placeholders_survive_translation() -> None:
    import re

    table = catalogue("zh_CN")
    for source, translated in table.items():
        assert set(re.findall(r"{\w+[^}]*}", source)) == set(
            re.findall(r"{\w+[^}]*}", translated)
        ), source


def test_language_switch() -> None:
    text = N_("Invalid signature")
    assert gettext(text, "en") == "Invalid signature"
    assert gettext(text, "zh_CN") == "签名无效"
    set_language("zh_CN")
    assert gettext(text) == "签名无效"
