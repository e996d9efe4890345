from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.script_record_simple_info import ScriptRecordSimpleInfo


T = TypeVar("T", bound="ListScriptRecordsResponse")


@_attrs_define
class ListScriptRecordsResponse:
    """One page of execution records.

    Attributes:
        count (int): Number of all records that match the filters.
        script_records (list[ScriptRecordSimpleInfo]): The records of this page.
    """

    count: int
    script_records: list[ScriptRecordSimpleInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        script_records = []
        for script_records_item_data in self.script_records:
            script_records_item = script_records_item_data.to_dict()
            script_records.append(script_records_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "script_records": script_records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.script_record_simple_info import ScriptRecordSimpleInfo  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        script_records = []
        _script_records = d.pop("script_records")
        for script_records_item_data in _script_records:
            script_records_item = ScriptRecordSimpleInfo.from_dict(script_records_item_data)

            script_records.append(script_records_item)

        list_script_records_response = cls(
            count,
            script_records,
        )

        list_script_records_response.additional_properties = d
        return list_script_records_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        from ..models.script_record_simple_info import ScriptRecordSimpleInfo  # noqa: PLC0415

        d = src_dict
        count = d.pop("count")

        script_records = []
        _script_records = d.pop("script_records")
        for script_records_item_data in _script_records:
            script_records_item = ScriptRecordSimpleInfo._from_parsed(script_records_item_data)

            script_records.append(script_records_item)

        list_script_records_response = cls(
            count,
            script_records,
        )

        list_script_records_response.additional_properties = d
        return list_script_records_response

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
