"""Execution tasks as ListScriptTasks shows them."""
