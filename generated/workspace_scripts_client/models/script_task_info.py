from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.script_task_info_task_scripts import ScriptTaskInfoTaskScripts


T = TypeVar("T", bound="ScriptTaskInfo")


@_attrs_define
class ScriptTaskInfo:
    """An execution task and its counts.

    Attributes:
        id (str): ID of the task.
        task_scripts (list[ScriptTaskInfoTaskScripts] | None | Unset): The scripts the task runs (none for a command).
        resource_type (None | str | Unset): Type of the target resources, for example `DESKTOP`.
        resource_ids (list[str] | None | Unset): The desktops the task runs on.
        gray_resource_ids (list[str] | None | Unset): The desktops of its gray batch.
        success_num (int | None | Unset): Number of its records that succeeded. Not in the part of the page that could
            be read: from the official SDK's model (`ScriptTaskInfo`, huaweicloudsdkworkspace 3.1.219).
        failed_num (int | None | Unset): Number of its records that failed. Not in the part of the page that could be
            read: from the official SDK's model (`ScriptTaskInfo`, huaweicloudsdkworkspace 3.1.219).
        skip_num (int | None | Unset): Number of its records that were skipped. Not in the part of the page that could
            be read: from the official SDK's model (`ScriptTaskInfo`, huaweicloudsdkworkspace 3.1.219).
        start_time (None | str | Unset): When the task started. Not in the part of the page that could be read: from the
            official SDK's model (`ScriptTaskInfo`, huaweicloudsdkworkspace 3.1.219), which parses it as a date-time.
        end_time (None | str | Unset): When the task ended (none while it runs). From the official SDK's model, as
            `start_time`.
        status (None | str | Unset): Status of an execution task. Not documented by the service: a free string here. The
            values the reference server uses are listed in `x-known-values` (assumption, see ListScriptTasks'
            `x-decisions`); `x-final-values` are those after which the task no longer changes.
    """

    id: str
    task_scripts: list[ScriptTaskInfoTaskScripts] | None | Unset = UNSET
    resource_type: None | str | Unset = UNSET
    resource_ids: list[str] | None | Unset = UNSET
    gray_resource_ids: list[str] | None | Unset = UNSET
    success_num: int | None | Unset = UNSET
    failed_num: int | None | Unset = UNSET
    skip_num: int | None | Unset = UNSET
    start_time: None | str | Unset = UNSET
    end_time: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        task_scripts: list[dict[str, Any]] | None | Unset
        if isinstance(self.task_scripts, Unset):
            task_scripts = UNSET
        elif isinstance(self.task_scripts, list):
            task_scripts = []
            for task_scripts_type_0_item_data in self.task_scripts:
                task_scripts_type_0_item = task_scripts_type_0_item_data.to_dict()
                task_scripts.append(task_scripts_type_0_item)

        else:
            task_scripts = self.task_scripts

        resource_type: None | str | Unset
        if isinstance(self.resource_type, Unset):
            resource_type = UNSET
        else:
            resource_type = self.resource_type

        resource_ids: list[str] | None | Unset
        if isinstance(self.resource_ids, Unset):
            resource_ids = UNSET
        elif isinstance(self.resource_ids, list):
            resource_ids = self.resource_ids

        else:
            resource_ids = self.resource_ids

        gray_resource_ids: list[str] | None | Unset
        if isinstance(self.gray_resource_ids, Unset):
            gray_resource_ids = UNSET
        elif isinstance(self.gray_resource_ids, list):
            gray_resource_ids = self.gray_resource_ids

        else:
            gray_resource_ids = self.gray_resource_ids

        success_num: int | None | Unset
        if isinstance(self.success_num, Unset):
            success_num = UNSET
        else:
            success_num = self.success_num

        failed_num: int | None | Unset
        if isinstance(self.failed_num, Unset):
            failed_num = UNSET
        else:
            failed_num = self.failed_num

        skip_num: int | None | Unset
        if isinstance(self.skip_num, Unset):
            skip_num = UNSET
        else:
            skip_num = self.skip_num

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if task_scripts is not UNSET:
            field_dict["task_scripts"] = task_scripts
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if gray_resource_ids is not UNSET:
            field_dict["gray_resource_ids"] = gray_resource_ids
        if success_num is not UNSET:
            field_dict["success_num"] = success_num
        if failed_num is not UNSET:
            field_dict["failed_num"] = failed_num
        if skip_num is not UNSET:
            field_dict["skip_num"] = skip_num
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.script_task_info_task_scripts import ScriptTaskInfoTaskScripts  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_task_scripts(data: object) -> list[ScriptTaskInfoTaskScripts] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                task_scripts_type_0 = []
                _task_scripts_type_0 = data
                for task_scripts_type_0_item_data in _task_scripts_type_0:
                    task_scripts_type_0_item = ScriptTaskInfoTaskScripts.from_dict(task_scripts_type_0_item_data)

                    task_scripts_type_0.append(task_scripts_type_0_item)

                return task_scripts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ScriptTaskInfoTaskScripts] | None | Unset, data)

        task_scripts = _parse_task_scripts(d.pop("task_scripts", UNSET))

        resource_type: None | str | Unset = d.pop("resource_type", UNSET)

        def _parse_resource_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_ids_type_0 = cast(list[str], data)

                return resource_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        resource_ids = _parse_resource_ids(d.pop("resource_ids", UNSET))

        def _parse_gray_resource_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                gray_resource_ids_type_0 = cast(list[str], data)

                return gray_resource_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        gray_resource_ids = _parse_gray_resource_ids(d.pop("gray_resource_ids", UNSET))

        success_num: int | None | Unset = d.pop("success_num", UNSET)

        failed_num: int | None | Unset = d.pop("failed_num", UNSET)

        skip_num: int | None | Unset = d.pop("skip_num", UNSET)

        start_time: None | str | Unset = d.pop("start_time", UNSET)

        end_time: None | str | Unset = d.pop("end_time", UNSET)

        status: None | str | Unset = d.pop("status", UNSET)

        script_task_info = cls(
            id,
            task_scripts,
            resource_type,
            resource_ids,
            gray_resource_ids,
            success_num,
            failed_num,
            skip_num,
            start_time,
            end_time,
            status,
        )

        script_task_info.additional_properties = d
        return script_task_info

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        from ..models.script_task_info_task_scripts import ScriptTaskInfoTaskScripts  # noqa: PLC0415

        d = src_dict
        id = d.pop("id")

        def _parse_task_scripts(data: object) -> list[ScriptTaskInfoTaskScripts] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                task_scripts_type_0 = []
                _task_scripts_type_0 = data
                for task_scripts_type_0_item_data in _task_scripts_type_0:
                    task_scripts_type_0_item = ScriptTaskInfoTaskScripts.from_dict(task_scripts_type_0_item_data)

                    task_scripts_type_0.append(task_scripts_type_0_item)

                return task_scripts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ScriptTaskInfoTaskScripts] | None | Unset, data)

        task_scripts = _parse_task_scripts(d.pop("task_scripts", UNSET))

        resource_type: None | str | Unset = d.pop("resource_type", UNSET)

        def _parse_resource_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_ids_type_0 = cast(list[str], data)

                return resource_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        resource_ids = _parse_resource_ids(d.pop("resource_ids", UNSET))

        def _parse_gray_resource_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                gray_resource_ids_type_0 = cast(list[str], data)

                return gray_resource_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        gray_resource_ids = _parse_gray_resource_ids(d.pop("gray_resource_ids", UNSET))

        success_num: int | None | Unset = d.pop("success_num", UNSET)

        failed_num: int | None | Unset = d.pop("failed_num", UNSET)

        skip_num: int | None | Unset = d.pop("skip_num", UNSET)

        start_time: None | str | Unset = d.pop("start_time", UNSET)

        end_time: None | str | Unset = d.pop("end_time", UNSET)

        status: None | str | Unset = d.pop("status", UNSET)

        script_task_info = cls(
            id,
            task_scripts,
            resource_type,
            resource_ids,
            gray_resource_ids,
            success_num,
            failed_num,
            skip_num,
            start_time,
            end_time,
            status,
        )

        script_task_info.additional_properties = d
        return script_task_info

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
