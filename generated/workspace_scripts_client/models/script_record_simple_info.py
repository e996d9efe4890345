from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScriptRecordSimpleInfo")


@_attrs_define
class ScriptRecordSimpleInfo:
    """What happened when one script (or the command) ran on one desktop.

    Attributes:
        id (str): ID of the record.
        script_id (None | str | Unset): ID of the script (none for a command).
        script_name (None | str | Unset): Name of the script.
        script_task_id (None | str | Unset): ID of the execution task the record belongs to.
        resource_id (None | str | Unset): ID of the desktop.
        resource_name (None | str | Unset): Name of the desktop.
        resource_type (None | str | Unset): Type of the resource, for example `DESKTOP`.
        start_time (None | str | Unset): When the run started (none while it waits).
        end_time (None | str | Unset): When the run ended (none until it is final).
        status (None | str | Unset): Status of an execution record. Not documented by the service: a free string here.
            The values the reference server uses are listed in `x-known-values` (assumption): a record waits, runs, then
            succeeds, fails, times out (its `execution_timeout` ran out), is stopped, or is skipped because the gray batch
            failed; `x-final-values` are those after which it no longer changes.
        execute_order (int | None | Unset): The batch of the record - 0 when the task has no gray batch, 1 gray, 2 the
            rest.
        result_code (None | str | Unset): Error code of a run that did not succeed.
        reason (None | str | Unset): Why the run did not succeed.
    """

    id: str
    script_id: None | str | Unset = UNSET
    script_name: None | str | Unset = UNSET
    script_task_id: None | str | Unset = UNSET
    resource_id: None | str | Unset = UNSET
    resource_name: None | str | Unset = UNSET
    resource_type: None | str | Unset = UNSET
    start_time: None | str | Unset = UNSET
    end_time: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    execute_order: int | None | Unset = UNSET
    result_code: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        script_id: None | str | Unset
        if isinstance(self.script_id, Unset):
            script_id = UNSET
        else:
            script_id = self.script_id

        script_name: None | str | Unset
        if isinstance(self.script_name, Unset):
            script_name = UNSET
        else:
            script_name = self.script_name

        script_task_id: None | str | Unset
        if isinstance(self.script_task_id, Unset):
            script_task_id = UNSET
        else:
            script_task_id = self.script_task_id

        resource_id: None | str | Unset
        if isinstance(self.resource_id, Unset):
            resource_id = UNSET
        else:
            resource_id = self.resource_id

        resource_name: None | str | Unset
        if isinstance(self.resource_name, Unset):
            resource_name = UNSET
        else:
            resource_name = self.resource_name

        resource_type: None | str | Unset
        if isinstance(self.resource_type, Unset):
            resource_type = UNSET
        else:
            resource_type = self.resource_type

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        else:
            end_time = self.end_time

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        execute_order: int | None | Unset
        if isinstance(self.execute_order, Unset):
            execute_order = UNSET
        else:
            execute_order = self.execute_order

        result_code: None | str | Unset
        if isinstance(self.result_code, Unset):
            result_code = UNSET
        else:
            result_code = self.result_code

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if script_id is not UNSET:
            field_dict["script_id"] = script_id
        if script_name is not UNSET:
            field_dict["script_name"] = script_name
        if script_task_id is not UNSET:
            field_dict["script_task_id"] = script_task_id
        if resource_id is not UNSET:
            field_dict["resource_id"] = resource_id
        if resource_name is not UNSET:
            field_dict["resource_name"] = resource_name
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if status is not UNSET:
            field_dict["status"] = status
        if execute_order is not UNSET:
            field_dict["execute_order"] = execute_order
        if result_code is not UNSET:
            field_dict["result_code"] = result_code
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        script_id: None | str | Unset = d.pop("script_id", UNSET)

        script_name: None | str | Unset = d.pop("script_name", UNSET)

        script_task_id: None | str | Unset = d.pop("script_task_id", UNSET)

        resource_id: None | str | Unset = d.pop("resource_id", UNSET)

        resource_name: None | str | Unset = d.pop("resource_name", UNSET)

        resource_type: None | str | Unset = d.pop("resource_type", UNSET)

        start_time: None | str | Unset = d.pop("start_time", UNSET)

        end_time: None | str | Unset = d.pop("end_time", UNSET)

        status: None | str | Unset = d.pop("status", UNSET)

        execute_order: int | None | Unset = d.pop("execute_order", UNSET)

        result_code: None | str | Unset = d.pop("result_code", UNSET)

        reason: None | str | Unset = d.pop("reason", UNSET)

        script_record_simple_info = cls(
            id,
            script_id,
            script_name,
            script_task_id,
            resource_id,
            resource_name,
            resource_type,
            start_time,
            end_time,
            status,
            execute_order,
            result_code,
            reason,
        )

        script_record_simple_info.additional_properties = d
        return script_record_simple_info

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        id = d.pop("id")

        script_id: None | str | Unset = d.pop("script_id", UNSET)

        script_name: None | str | Unset = d.pop("script_name", UNSET)

        script_task_id: None | str | Unset = d.pop("script_task_id", UNSET)

        resource_id: None | str | Unset = d.pop("resource_id", UNSET)

        resource_name: None | str | Unset = d.pop("resource_name", UNSET)

        resource_type: None | str | Unset = d.pop("resource_type", UNSET)

        start_time: None | str | Unset = d.pop("start_time", UNSET)

        end_time: None | str | Unset = d.pop("end_time", UNSET)

        status: None | str | Unset = d.pop("status", UNSET)

        execute_order: int | None | Unset = d.pop("execute_order", UNSET)

        result_code: None | str | Unset = d.pop("result_code", UNSET)

        reason: None | str | Unset = d.pop("reason", UNSET)

        script_record_simple_info = cls(
            id,
            script_id,
            script_name,
            script_task_id,
            resource_id,
            resource_name,
            resource_type,
            start_time,
            end_time,
            status,
            execute_order,
            result_code,
            reason,
        )

        script_record_simple_info.additional_properties = d
        return script_record_simple_info

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
