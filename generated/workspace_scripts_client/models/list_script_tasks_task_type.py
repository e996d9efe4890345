from enum import StrEnum


class ListScriptTasksTaskType(StrEnum):
    COMMAND = "COMMAND"
    SCRIPT = "SCRIPT"

    def __str__(self) -> str:
        return str(self.value)
