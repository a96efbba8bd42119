from city.models.areas import Area, AreaImport, AreaKind, PopulationSource
from city.models.community import AreaChannel, ChannelKind, MeetingPlace
from city.models.departments import Department
from city.models.outbox import Notification
from city.models.places import Place
from city.models.staff import DEPARTMENT_ROLES, StaffProfile, StaffRole

__all__ = [
    "Area", "AreaChannel", "AreaImport", "ChannelKind", "MeetingPlace", "AreaKind", "PopulationSource", "Department", "Notification", "Place",
    "DEPARTMENT_ROLES", "StaffProfile", "StaffRole",
]
