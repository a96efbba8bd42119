from tests.factories.areas import AreaFactory, square

__all__ = ["AreaFactory", "square"]
