from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreateScriptResponse")


@_attrs_define
class CreateScriptResponse:
    """The stored script.

    Attributes:
        script_id (str): ID of the new script.
    """

    script_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        script_id = self.script_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "script_id": script_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        script_id = d.pop("script_id")

        create_script_response = cls(
            script_id,
        )

        create_script_response.additional_properties = d
        return create_script_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        script_id = d.pop("script_id")

        create_script_response = cls(
            script_id,
        )

        create_script_response.additional_properties = d
        return create_script_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
