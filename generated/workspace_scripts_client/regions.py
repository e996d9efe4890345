"""Regions and endpoint of the service, from openapi.yaml (written by make generate)."""

ENDPOINT_TEMPLATE = "https://workspace.{region}.myhuaweicloud.com"
DEFAULT_REGION = "cn-north-4"
REGIONS: tuple[str, ...] = (
    "cn-east-3",
    "cn-north-4",
    "cn-south-1",
    "cn-southwest-2",
    "la-south-2",
    "sa-brazil-1",
    "la-north-2",
    "ap-southeast-3",
    "cn-north-9",
    "ap-southeast-1",
    "cn-east-5",
    "me-east-1",
    "af-south-1",
    "tr-west-1",
    "cn-north-11",
    "af-north-1",
    "ap-southeast-2",
    "eu-west-101",
)
