"""kg: political news into a knowledge graph of political actors."""

__version__ = "0.1.0"
