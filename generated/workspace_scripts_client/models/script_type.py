from enum import StrEnum


class ScriptType(StrEnum):
    BAT = "BAT"
    POWERSHELL = "POWERSHELL"
    SHELL = "SHELL"

    def __str__(self) -> str:
        return str(self.value)
