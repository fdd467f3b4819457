"""The public API: what `import kg` offers, and that it stays curated."""

from __future__ import annotations

import kg


def test_all_is_sorted_and_importable():
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert hasattr(kg, name), name


def test_extract_keeps_spans_and_fields():
    (triple,) = [t for t in kg.extract("Khamenei outright rejected any plans for talks with U.S. authorities.") if t.relation == "reject"]
    assert triple.subject_text == "Khamenei"
    assert triple.object_text.endswith("plans for talks with U.S. authorities")
    assert triple.sentence.start_char == 0 and triple.negated is False


def test_extract_rejects_non_text():
    import pytest

    with pytest.raises(kg.InputError):
        kg.extract(b"bytes")  # type: ignore[arg-type]
