"""Triple + actors → coded events: our CAMEO verb lexicon, PLOVER types, quad classes.

Modules: `lexicon` (the TOML lexicon and its rules), `sense` (a triple's code: lexicon,
object sense, clause context), `nominal` (events named by a noun), `coder` (source and
target actors, one-actor events), `counterpart` and `factuality` (targets the object does
not name; claims the sentence does not assert), `codes` (code tables and the event values),
`petrarch` (reading a user's PETRARCH verb dictionaries) and `dictionary` (coding with them).

Public API: `code_events` (one claim → its events), the code-table look-ups
(`cameo_label`, `plover_of`, `quad_of`, `intensity_of`), a user's PETRARCH verb
dictionaries (`load_verbs`, `read_verb_dictionary`). The event table read back from the
RDF is `kg.store.table`.
"""

from kg.events.codes import cameo_codes, cameo_label, intensity_of, is_cameo_code, plover_of, plover_types, quad_of
from kg.events.coder import code_events, code_relation
from kg.events.lexicon import load_lexicon
from kg.events.petrarch import VerbDictionary, load_verbs, read_verb_dictionary

__all__ = [
    "VerbDictionary",
    "cameo_codes",
    "cameo_label",
    "code_events",
    "code_relation",
    "intensity_of",
    "is_cameo_code",
    "load_lexicon",
    "load_verbs",
    "plover_of",
    "plover_types",
    "quad_of",
    "read_verb_dictionary",
]
