from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetryScriptExecutionReq")


@_attrs_define
class RetryScriptExecutionReq:
    """What to run again: a whole task or one record. As for Stop, exactly one of the two (assumption, in `x-constraints`).

    Attributes:
        record_id (str | Unset): ID of the execution record to run again.
        task_id (str | Unset): ID of the execution task whose unsuccessful records run again.
    """

    record_id: str | Unset = UNSET
    task_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record_id = self.record_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if record_id is not UNSET:
            field_dict["record_id"] = record_id
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        record_id = d.pop("record_id", UNSET)

        task_id = d.pop("task_id", UNSET)

        retry_script_execution_req = cls(
            record_id,
            task_id,
        )

        retry_script_execution_req.additional_properties = d
        return retry_script_execution_req

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        record_id = d.pop("record_id", UNSET)

        task_id = d.pop("task_id", UNSET)

        retry_script_execution_req = cls(
            record_id,
            task_id,
        )

        retry_script_execution_req.additional_properties = d
        return retry_script_execution_req

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
