from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.script_simple_info import ScriptSimpleInfo


T = TypeVar("T", bound="ListScriptsResponse")


@_attrs_define
class ListScriptsResponse:
    """One page of scripts.

    Attributes:
        count (int): Number of all scripts that match the filters.
        scripts (list[ScriptSimpleInfo]): The scripts of this page.
    """

    count: int
    scripts: list[ScriptSimpleInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        scripts = []
        for scripts_item_data in self.scripts:
            scripts_item = scripts_item_data.to_dict()
            scripts.append(scripts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "scripts": scripts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.script_simple_info import ScriptSimpleInfo  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        scripts = []
        _scripts = d.pop("scripts")
        for scripts_item_data in _scripts:
            scripts_item = ScriptSimpleInfo.from_dict(scripts_item_data)

            scripts.append(scripts_item)

        list_scripts_response = cls(
            count,
            scripts,
        )

        list_scripts_response.additional_properties = d
        return list_scripts_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        from ..models.script_simple_info import ScriptSimpleInfo  # noqa: PLC0415

        d = src_dict
        count = d.pop("count")

        scripts = []
        _scripts = d.pop("scripts")
        for scripts_item_data in _scripts:
            scripts_item = ScriptSimpleInfo._from_parsed(scripts_item_data)

            scripts.append(scripts_item)

        list_scripts_response = cls(
            count,
            scripts,
        )

        list_scripts_response.additional_properties = d
        return list_scripts_response

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
