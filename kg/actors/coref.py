"""Pass 4 of resolution, coreference (rules, no model), against the actors mentioned before.

* *he, him, his, she, her, himself, herself* → the most recent person;
* *it* (as object), *its, itself* → the most recent singular state, government or
  organisation; *they, them, their* → a plural government, group or organisation of
  the same sentence, else a state, government or organisation that is the subject of a
  clause the pronoun stands in (a state spoken of as its people: "if the U.S. implements
  the deal from which they have withdrawn"; not a report's speaker: "Serbia said they
  ..."), else the most recent plural actor; inside a quotation, not one on the
  speaker's side;
* *I, me, my* and *we, us, our* inside a quotation → its speaker (for *we*, the speaker's
  side: the government of a speaker who holds a government office);
* definite descriptions: *the/this regime, government, administration* → the actor last
  called so, else the most recent government; *his regime* → the government of his
  country; *the country* → the speaker's state inside a quotation, else the most recent
  state's; *the president* (any title) → the last person holding it; *the bloc, the
  alliance, the organisation* → the most recent organisation;
* a description in apposition to a phrase, or the predicate of a copula, is that phrase's
  actor ("Blair – the first world leader to do so"); one with an ordinal or a superlative
  ("the first leader") is new, never a reference back.

A pronoun never resolves to an actor of a type it cannot denote (*he* to a person only,
*it* never to a person or a group).

Limits: no gender or animacy beyond the pronoun classes above; cataphora is not resolved;
"it" as subject is treated as expletive.

Notes:
    A recency-and-agreement baseline in the spirit of Hobbs (1978) and Lappin & Leass
    (1994).
"""

from __future__ import annotations

from kg.extract.speech import quotes
from kg.extract.tokens import tokens
from kg.types import Actor, ActorType, Role

from kg.actors._units import DEFINITE, Unit

__all__ = ["CorefPass"]

_HE = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_I = {"i", "me", "my", "myself", "mine"}
_IT = {"its", "itself", "it"}
_THEY = {"they", "them", "their", "theirs", "themselves"}
_WE = {"we", "us", "our", "ours", "ourselves"}
_POSS_PRON = {"his", "her", "its", "their", "our"}
#: Nouns that, definite, describe an actor met before: head lemma → the type they refer to.
_DESCRIPTIONS = {
    "country": ActorType.STATE,
    "nation": ActorType.STATE,
    "kingdom": ActorType.STATE,
    "bloc": ActorType.ORGANIZATION,
    "alliance": ActorType.ORGANIZATION,
    "organization": ActorType.ORGANIZATION,
    "organisation": ActorType.ORGANIZATION,
    "union": ActorType.ORGANIZATION,
    "agency": ActorType.ORGANIZATION,
    "movement": ActorType.ORGANIZATION,
}


class CorefPass:
    """Pronouns, quotations and definite descriptions: the fourth pass."""

    def find_pronouns(self) -> None:
        for tok in tokens(self.doc):
            if tok.i in self.unit_at:
                continue
            low = tok.lower_
            if tok.pos_ == "PRON" or low in _POSS_PRON:
                if low in _HE or low in _THEY or low in _WE or low in _I or (low in ("its", "itself")) or (
                    low == "it" and tok.dep_ in ("dobj", "pobj")
                ):
                    self._add(Unit(tok.i, tok.i + 1, "pronoun", cue=low, plural=low in _THEY or low in _WE))
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in _DESCRIPTIONS and tok.tag_ == "NN":
                det = [c for c in tok.children if c.dep_ in ("det", "poss")]
                if det and det[0].lower_ in DEFINITE:
                    if not any(c.dep_ in ("amod", "compound") and c.i in self.unit_at for c in tok.children):
                        self._add(Unit(tok.i, tok.i + 1, "description", cue=tok.lemma_.lower()))

    def find_quotes(self) -> None:
        """Which tokens lie in a direct quotation, and who speaks each: extraction's finder."""
        for n, quote in enumerate(quotes(self.doc)):
            for i in range(quote.span.start, quote.span.end):
                self.quote_of[i] = n
            self.quote_speaker.append(quote.speaker.root if quote.speaker is not None else None)

    def _quote_speaker(self, unit: Unit) -> Actor | None:
        """The actor who speaks the quotation a unit stands in, else None.

        The one place resolution asks who speaks a quotation; quotations and their speakers
        are extraction's (`kg.extract.speech.quotes`).
        """
        n = self.quote_of.get(unit.start)
        if n is None:
            return None
        tok = self.quote_speaker[n]
        if tok is None or tok.i not in self.unit_at:
            return None
        speaker_unit = self.unit_at[tok.i]
        if speaker_unit is unit:
            return None
        return self._resolve(speaker_unit)

    def _appositive_head(self, unit: Unit) -> Unit | None:
        """The phrase a description stands in apposition to, or is the predicate of.

        "Israel, one of America's allies" is Israel; "Abbas is the Palestinian president"
        is Abbas.
        """
        tok = self.doc[unit.end - 1]
        one_of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("one", "among", "some")
        if one_of:
            tok = tok.head.head
        elif unit.role is not None and (unit.role.agent is not None or unit.role.kind in ("body", "people")):
            return None  # "Gondor, the Osgiliath newspaper": a body named on its own is not a description
        if tok.dep_ == "appos":
            head = self.unit_at.get(tok.head.i)
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            head = self.unit_at.get(subj[0].i) if subj else None
        else:
            return None
        if head is None or head is unit or head.kind not in ("entry", "person"):
            return None
        if unit.role is not None and unit.role.kind == "title" and head.kind != "person":
            return None  # an office describes a person
        return head

    def _speaker_side(self, unit: Unit) -> Actor | None:
        speaker = self._quote_speaker(unit)
        if speaker is None:
            return None
        if speaker.type is ActorType.PERSON and speaker.country and (speaker.sector or "").startswith("GOV"):
            return self._government(speaker.country)
        return speaker

    def _unnamed_holder_between(self, start: int, end: int) -> bool:
        """Whether an office holder no one names stands between: "the attorney-general said he".

        *He* then means that holder, whom no actor stands for, not a person named before.
        """
        return any(
            u.kind == "description" and u.role is not None and u.role.kind == "title" and u.resolved and u.actor is None
            and start <= u.start < end
            for u in self.units
        )

    def _recent(self, accept, *, before: int) -> Actor | None:  # noqa: ANN001
        for unit, actor in reversed(self.history):
            if unit.start < before and accept(unit, actor):
                return actor
        return None

    def _pronoun_actor(self, unit: Unit) -> Actor | None:
        low = unit.cue
        if low in _I:
            speaker = self._quote_speaker(unit)
            return speaker if speaker is not None and speaker.type is ActorType.PERSON else None
        side = self._speaker_side(unit)
        if low in _WE:
            return side
        if low in _HE:
            found = next(((u, a) for u, a in reversed(self.history) if u.start < unit.start and a.type is ActorType.PERSON), None)
            if found is None or self._unnamed_holder_between(found[0].end, unit.start):
                return None
            return found[1]
        if low in _IT:
            return self._recent(
                lambda u, a: a.type in (ActorType.STATE, ActorType.GOVERNMENT, ActorType.ORGANIZATION)
                and not u.plural
                and u.kind != "pronoun",
                before=unit.start,
            )
        if low in _THEY:
            return self._they_actor(unit, side)
        return None

    def _they_actor(self, unit: Unit, side: Actor | None) -> Actor | None:
        """*They*: a plural actor of the same sentence, else a state, government or
        organisation that is the subject of a clause the pronoun stands in ("If the U.S.
        implements the deal from which they have withdrawn"), else the most recent plural
        actor. A report's speaker is not such a subject: in "Serbia said they had attacked
        officers", *they* is someone else."""
        excluded = side.country if side is not None else None
        sentence = self.doc[unit.start].sent
        plural = next(
            (
                (u, a) for u, a in reversed(self.history)
                if u.start < unit.start and a.type is not ActorType.PERSON and (u.plural or a.type is ActorType.GROUP)
                and u.cue not in _WE and (excluded is None or a.country != excluded)
            ),
            None,
        )
        if plural is not None and plural[0].start >= sentence.start:
            return plural[1]
        for subject in self._governing_subjects(unit):
            if any(c.dep_ == "conj" for c in subject.children):
                return None  # "Mordor, Rohan and Bree welcomed their ...": all of them, no one actor
            found = self.unit_at.get(subject.i)
            actor = self._resolve(found) if found is not None and found.kind != "pronoun" else None
            if actor is not None and actor.type in (ActorType.STATE, ActorType.GOVERNMENT, ActorType.ORGANIZATION) and (
                excluded is None or actor.country != excluded
            ):
                return actor
        return plural[1] if plural is not None else None

    def _governing_subjects(self, unit: Unit) -> list:
        """The subjects before `unit` of the clauses it stands in, innermost first, up to a
        report's complement (whose speaker is not meant)."""
        token, subjects = self.doc[unit.start], []
        while token.head.i != token.i and token.dep_ != "ccomp":
            token = token.head
            verb = token.head if token.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.children) else token
            subjects.extend(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < unit.start)
        return subjects

    def _description_actor(self, unit: Unit) -> Actor | None:
        cue = unit.cue
        role = unit.role
        if role is not None and role.kind == "government":
            poss = [c for c in self.doc[unit.end - 1].children if c.dep_ == "poss"]
            if poss and poss[0].i in self.unit_at:
                owner = self._resolve(self.unit_at[poss[0].i])
                if owner is not None and owner.type is ActorType.GOVERNMENT:
                    return owner
                return self._government(owner.country) if owner is not None and owner.country else None
            side = self._speaker_side(unit)
            same = self._recent(lambda u, a: u.cue == cue and a.type is ActorType.GOVERNMENT, before=unit.start)
            if same is not None:
                return same
            if side is not None and side.type is ActorType.GOVERNMENT:
                return side
            recent = self._recent(
                lambda u, a: a.type is ActorType.GOVERNMENT or (a.type is ActorType.STATE and a.country), before=unit.start
            )
            if recent is not None and recent.country:
                return self._government(recent.country)
            return None
        if role is not None and role.kind == "title":
            return self._recent(
                lambda u, a: a.type is ActorType.PERSON and any(r.title == role.phrase for r in self._roles_of(u)),
                before=unit.start,
            )
        wanted = _DESCRIPTIONS.get(cue)
        if wanted is ActorType.STATE:
            side = self._speaker_side(unit)
            if side is not None and side.country:
                return self._state(side.country)
            recent = self._recent(
                lambda u, a: a.type in (ActorType.STATE, ActorType.GOVERNMENT) and a.country, before=unit.start
            )
            return self._state(recent.country) if recent is not None and recent.country else None
        if wanted is ActorType.ORGANIZATION:
            return self._recent(lambda u, a: a.type is ActorType.ORGANIZATION, before=unit.start)
        return None

    def _roles_of(self, unit: Unit) -> list[Role]:
        if unit.kind == "person" and unit.cluster >= 0:
            return self.clusters[unit.cluster].roles
        if unit.kind == "role" and unit.person is not None:
            return self._roles_of(unit.person)
        return []
