"""Imported by the fork server of ``forked_runs`` alone: it warms up once, and every run forked from it
starts warm (the processes that merely import ``forked_runs`` skip the warm-up)."""

from tests.contract import forked_runs

forked_runs.warm_up()
