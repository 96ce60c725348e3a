"""NLP: sentence cutting, the spaCy pipeline and the prefilter that spares the parser."""

from proxygraph.nlp.pipeline import load_pipeline, parse, parse_with, recognise_entities
from proxygraph.nlp.sentences import split_sentences

__all__ = ["load_pipeline", "parse", "parse_with", "recognise_entities", "split_sentences"]
