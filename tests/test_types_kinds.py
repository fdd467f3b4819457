"""Closed sets are StrEnums: a member equals its string, so comparisons and JSON keep working; an unknown value fails."""

from __future__ import annotations

import json

import pytest

from kg.actors.gazetteer import default_gazetteer
from kg.actors.registry import ActorRegistry
from kg.actors.resolve import resolve_actors
from kg.store import StoreKind, open_store
from kg.types import Document, EntryKind, MentionKind, TripleKind


def test_triples_carry_their_rule_family_as_a_member(nlp):
    doc = nlp("Foreign Minister Zarif said Iran rejected the proposal.")
    kinds = {t.kind for t in doc._.triples}
    assert kinds and all(type(k) is TripleKind for k in kinds), kinds
    assert {"speech", "verb"} <= kinds  # a member equals its string
    triple = next(t for t in doc._.triples if t.kind == TripleKind.SPEECH)
    assert json.loads(json.dumps(triple.to_dict()))["kind"] == "speech"


def test_a_triple_reads_a_string_kind_as_its_member_and_refuses_an_unknown_one(nlp):
    import dataclasses

    triple = nlp("Iran rejected the proposal.")._.triples[0]
    assert dataclasses.replace(triple, kind="nominal").kind is TripleKind.NOMINAL
    with pytest.raises(ValueError, match="'verbal'"):
        dataclasses.replace(triple, kind="verbal")


def test_mentions_say_how_they_were_found(nlp):
    text = "Iranian President Hassan Rouhani met U.S. officials. He said they would talk."
    resolution = resolve_actors(nlp(text), Document("d", text), ActorRegistry())
    kinds = {m.kind for m in resolution.mentions}
    assert all(type(k) is MentionKind for k in kinds), kinds
    assert "pronoun" in kinds and (MentionKind.NAME in kinds or MentionKind.PERSON in kinds), kinds


def test_gazetteer_entries_and_stores_name_their_kind_from_a_closed_set():
    names = default_gazetteer().names
    kinds = {entry.kind for word in ("Iran", "Iranian", "Tehran") for entry in names.longest([word], 0)[1]}
    assert kinds == {EntryKind.STATE, EntryKind.ADJ, EntryKind.GOVERNMENT}, kinds
    assert all(type(k) is EntryKind for k in kinds)
    assert EntryKind("state") is EntryKind.STATE and EntryKind.STATE == "state"
    store = open_store(None)
    assert store.kind is StoreKind.MEMORY and store.kind == "memory"


def test_span_text_is_spacy_span_text(nlp):
    from kg.types import span_text

    texts = ["  Iran's  supreme leader\n\nrejected talks \twith the U.S.\u2028 on Monday. ", "Russia protested.\r\n"]
    docs = [nlp(text) for text in texts]
    spans = [span for doc in docs for sent in doc.sents for span in (sent, *(doc[i:j] for i in range(sent.start, sent.end)
                                                                          for j in range(i, sent.end + 1)))]
    spans += [t.subject for doc in docs for t in doc._.triples] + [docs[0][0:0], docs[0][-1:]]
    spans = spans[::-1] + spans  # from one Doc to another and back
    assert len(spans) > 200 and [span_text(s) for s in spans] == [s.text for s in spans]
