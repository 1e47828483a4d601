"""Confidential welfare cases and the emergency team.

Filled by the welfare and resilience issue; registered from the start so the project's
layout and migrations graph are stable."""
