"""Claims, events and actors as pandas DataFrames: one row each, native dtypes, from the real pipeline."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from kg.store.frames import ACTOR_COLUMNS, CLAIM_COLUMNS
from kg.store.table import COLUMNS
from tests.conftest import EXAMPLE

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def graph(example_graph):
    return example_graph


def test_one_row_per_claim_event_and_actor(graph):
    summary = graph.summary()
    claims, events, actors = graph.claims_df(), graph.events_df(), graph.actors_df()
    assert (len(claims), len(events), len(actors)) == (summary.claims, summary.events, summary.actors)
    assert tuple(claims.columns) == CLAIM_COLUMNS
    assert tuple(events.columns) == COLUMNS
    assert tuple(actors.columns) == ACTOR_COLUMNS
    assert claims["claim"].is_unique and events["event"].is_unique and actors["actor"].is_unique


def test_dtypes_are_native(graph):
    claims = graph.claims_df()
    assert claims["negated"].dtype == bool
    assert claims["confidence"].dtype == "float64" and 0 < claims["confidence"].mean() <= 1
    assert pd.api.types.is_datetime64_any_dtype(claims["date"])
    assert claims["date"].iloc[0] == pd.Timestamp("2019-09-18")
    assert pd.api.types.is_string_dtype(claims["relation"]) and pd.api.types.is_string_dtype(claims["sentence"])
    events = graph.events_df()
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert str(events["quad"].dtype) == "Int64" and set(events["quad"].dropna()) <= {1, 2, 3, 4}
    assert events["intensity"].dtype == "float64"
    # a missing field is missing, not an empty string or an IRI slug
    assert not (events["source_code"] == "").any()
    assert not events["source_code"].dropna().str.contains("/").any()
    actors = graph.actors_df()
    assert pd.api.types.is_integer_dtype(actors["claims"]) and actors["claims"].sum() > 0
    assert set(actors["type"]) <= {"Person", "Government", "State", "Organization", "Group"}
    khamenei = actors.set_index("name").loc["Ali Khamenei"]
    assert khamenei["type"] == "Person" and "Khamenei" in khamenei["aliases"]


def test_claims_df_matches_kg_extract_fields(graph):
    claims = graph.claims_df()
    rejected = claims[(claims["subject_actor"] == "Ali Khamenei") & (claims["relation"] == "reject")]
    assert not rejected.empty
    row = rejected.iloc[0]
    assert row["doc"] == EXAMPLE.name and "talks" in row["object"] and not row["negated"]


def test_query_results_become_native_values(graph):
    frame = graph.query_df("SELECT ?claim ?confidence ?date WHERE { ?claim kg:confidence ?confidence ; "
                           "prov:wasDerivedFrom/kg:inDocument/kg:date ?date }")
    assert frame["confidence"].dtype == "float64" and frame["confidence"].mean() > 0
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert isinstance(frame["claim"].iloc[0], str)


def test_timeline_counts_every_dated_event(graph):
    weekly = graph.timeline(freq="week")
    assert list(weekly.columns) == ["period", "quad", "count"]
    # the events the network draws: dated, between two actors
    assert weekly["count"].sum() == len(graph.events_df().dropna(subset=["date", "target_id"]))
    assert set(weekly["period"].dt.day_of_week) == {0}  # ISO weeks start on Monday
    assert weekly["period"].iloc[0].date() == dt.date(2019, 9, 16)


def test_missing_pandas_is_a_clear_error(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'kg\[pandas\]'"):
        graph.events_df()
