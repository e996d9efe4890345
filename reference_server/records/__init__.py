"""Execution records: ListScriptRecords and ShowScriptRecordDetail."""
