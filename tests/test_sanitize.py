"""clean_text / clean_label: what each class of invisible or unsafe character becomes."""
from __future__ import annotations

import unicodedata

import pytest

from graph.sanitize import clean_label, clean_text

BASE = "Rebels entered Hama on Thursday."


@pytest.mark.parametrize("char", [
    pytest.param("\x00", id="nul"),
    pytest.param("\x01", id="soh"),
    pytest.param("\x08", id="backspace"),
    pytest.param("\x0b", id="vertical-tab"),
    pytest.param("\x0c", id="form-feed"),
    pytest.param("\x1b", id="escape"),
    pytest.param("\x1f", id="unit-separator"),
    pytest.param("\x7f", id="del"),
    pytest.param("\x80", id="c1-pad"),
    pytest.param("\x85", id="c1-next-line"),
    pytest.param("\x9f", id="c1-apc"),
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u200c", id="zero-width-non-joiner"),
    pytest.param("\u200d", id="zero-width-joiner"),
    pytest.param("\u2060", id="word-joiner"),
    pytest.param("\ufeff", id="bom"),
    pytest.param("\u202a", id="lre"),
    pytest.param("\u202b", id="rle"),
    pytest.param("\u202c", id="pdf"),
    pytest.param("\u202d", id="lro"),
    pytest.param("\u202e", id="rlo"),
    pytest.param("\u2066", id="lri"),
    pytest.param("\u2067", id="rli"),
    pytest.param("\u2068", id="fsi"),
    pytest.param("\u2069", id="pdi"),
])
def test_sanitize_removes_invisible_character(char: str) -> None:
    dirty = f"{char}Rebels entered Ha{char}ma on Thursday.{char}"
    assert clean_text(dirty) == (BASE, [])


@pytest.mark.parametrize("text", [
    pytest.param("a\tb", id="tab"),
    pytest.param("a\nb", id="newline"),
    pytest.param("Idlib \u2013 Hama \u00e9t\u00e9", id="dash-accents"),
    pytest.param("\u062d\u0645\u0627\u0629", id="arabic"),
    pytest.param("a\u200eb", id="lrm-mark-kept"),
])
def test_sanitize_keeps_ordinary_text(text: str) -> None:
    assert clean_text(text) == (text, [])


@pytest.mark.parametrize(("dirty", "clean"), [
    pytest.param("a\r\nb", "a\nb", id="crlf"),
    pytest.param("a\rb", "a\nb", id="lone-cr"),
    pytest.param("a\r\n\r\nb", "a\n\nb", id="crlf-paragraph"),
])
def test_sanitize_normalises_line_ends(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == (clean, [])


@pytest.mark.parametrize(("dirty", "count"), [
    pytest.param("Hama \ud800 city", 1, id="high"),
    pytest.param("Hama \udfff city", 1, id="low"),
    pytest.param("\udc80Hama\ud83d", 2, id="two"),
])
def test_sanitize_replaces_lone_surrogates_with_a_warning(dirty: str, count: int) -> None:
    text, warnings = clean_text(dirty)
    assert text.count("\ufffd") == count
    assert not any("\ud800" <= c <= "\udfff" for c in text)
    text.encode("utf-8")  # would raise on a surrogate
    assert len(warnings) == 1 and f"{count} lone surrogate" in warnings[0]


def test_sanitize_keeps_paired_characters_outside_the_bmp() -> None:
    assert clean_text("flag \U0001F1F8\U0001F1FE") == ("flag \U0001F1F8\U0001F1FE", [])


@pytest.mark.parametrize("decomposed", [
    pytest.param("Cafe\u0301", id="e-acute"),
    pytest.param("Ha\u200bm\u0061\u0300", id="zero-width-then-combining"),
])
def test_sanitize_returns_nfc(decomposed: str) -> None:
    text, _ = clean_text(decomposed)
    assert unicodedata.is_normalized("NFC", text)
    assert text == unicodedata.normalize("NFC", decomposed.replace("\u200b", ""))


@pytest.mark.parametrize("dirty", [
    pytest.param("\ufeffA\u200b\r\nB\x00\ud800C\u0301\u202e", id="everything"),
    pytest.param("\r\r\n\x85\u2028", id="line-breaks"),
    pytest.param("e\u0301\u0301\u200d\u0301", id="combining-stack"),
])
def test_sanitize_is_idempotent(dirty: str) -> None:
    once, _ = clean_text(dirty)
    twice, warnings = clean_text(once)
    assert twice == once and warnings == []
    assert clean_label(clean_label(dirty)) == clean_label(dirty)


@pytest.mark.parametrize(("dirty", "clean"), [
    pytest.param("  Hayat Tahrir\n\nal-Sham ", "Hayat Tahrir al-Sham", id="newlines"),
    pytest.param("Syrian\u00a0Democratic\tForces", "Syrian Democratic Forces", id="nbsp-tab"),
    pytest.param("Ahmed\u200b al-\u202eSharaa", "Ahmed al-Sharaa", id="invisible"),
    pytest.param("Asad\ud800", "Asad\ufffd", id="surrogate"),
    pytest.param("\u200b\n", "", id="nothing-left"),
])
def test_sanitize_label_is_one_clean_line(dirty: str, clean: str) -> None:
    assert clean_label(dirty) == clean
