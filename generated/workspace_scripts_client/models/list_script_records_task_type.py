from enum import StrEnum


class ListScriptRecordsTaskType(StrEnum):
    COMMAND = "COMMAND"
    SCRIPT = "SCRIPT"

    def __str__(self) -> str:
        return str(self.value)
