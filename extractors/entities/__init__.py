"""Named entities (PER, ORG, LOC) in Danish minutes and news, offline: see `pipeline.find_entities`."""

from referat.extractors.entities.pipeline import entity_pipeline, find_entities, warm_up
from referat.extractors.entities.settings import EntityModelError, EntitySettings

__all__ = ["EntityModelError", "EntitySettings", "entity_pipeline", "find_entities", "warm_up"]
