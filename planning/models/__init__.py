from planning.models.areas import Area, AreaImport, AreaKind, PopulationSource

__all__ = ["Area", "AreaImport", "AreaKind", "PopulationSource"]
