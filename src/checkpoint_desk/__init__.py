"""Checkpoint Desk (卡点登记台): the registration desk for entry checkpoints."""

__version__ = "0.1.0"
