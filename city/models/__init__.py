from city.models.areas import Area, AreaImport, AreaKind, PopulationSource
from city.models.departments import Department
from city.models.outbox import Notification
from city.models.places import Place
from city.models.staff import DEPARTMENT_ROLES, StaffProfile, StaffRole

__all__ = [
    "Area", "AreaImport", "AreaKind", "PopulationSource", "Department", "Notification", "Place",
    "DEPARTMENT_ROLES", "StaffProfile", "StaffRole",
]
