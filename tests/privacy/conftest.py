"""The services' fixtures (station, operators, an open shift) for the privacy tests."""

from tests.services.conftest import shift, station, supervisor, volunteer

__all__ = ["shift", "station", "supervisor", "volunteer"]
