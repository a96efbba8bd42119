from tests.factories.areas import AreaFactory, square
from tests.factories.feedback import (
    GPS_IFD,
    HELSINKI_CATHEDRAL,
    POINTS,
    RAILWAY_STATION,
    FeedbackFactory,
    category,
    image_upload,
    jobs_clear,
    jobs_run,
    jpeg_with_gps,
    point,
)

__all__ = [
    "AreaFactory", "FeedbackFactory", "GPS_IFD", "HELSINKI_CATHEDRAL", "POINTS", "RAILWAY_STATION", "category",
    "image_upload", "jobs_clear", "jobs_run", "jpeg_with_gps", "point", "square",
]
