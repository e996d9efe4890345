from enum import StrEnum


class TaskType(StrEnum):
    COMMAND = "COMMAND"
    SCRIPT = "SCRIPT"

    def __str__(self) -> str:
        return str(self.value)
