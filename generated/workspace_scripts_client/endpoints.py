"""Turning a region name into the service's endpoint."""

from .regions import ENDPOINT_TEMPLATE, REGIONS


class UnknownRegionError(ValueError):
    def __init__(self, region: str) -> None:
        self.region = region
        super().__init__(f"unknown region {region!r}; known regions: {', '.join(REGIONS)}")


def endpoint_for_region(region: str) -> str:
    if region not in REGIONS:
        raise UnknownRegionError(region)
    return ENDPOINT_TEMPLATE.format(region=region)
