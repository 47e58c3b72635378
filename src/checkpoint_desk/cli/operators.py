"""``operator add`` and ``operator list``: set a station up without the desk."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.operators import ROLES, create_operator, list_operators
from checkpoint_desk.services.station import this_station

PIN_ENV = "CHECKPOINT_DESK_PIN"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    operator = sub.add_parser("operator", help="operators who sign in at the desk")
    op_sub = operator.add_subparsers(dest="operator_command", metavar="add|list", required=True)
    add = op_sub.add_parser(
        "add", parents=[common], help=f"add an operator (PIN from ${PIN_ENV} or a prompt)"
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=ROLES, default="volunteer")
    add.set_defaults(func=run_add)
    listing = op_sub.add_parser("list", parents=[common], help="list the operators")
    listing.set_defaults(func=run_list)


def read_pin() -> str:
    """The PIN from the environment, else asked twice on the terminal."""
    pin = os.environ.get(PIN_ENV)
    if pin is not None:
        return pin.strip()
    if not sys.stdin.isatty():
        raise ValidationError(
            "pin_missing", N_("No PIN given: set {env} or run in a terminal."), env=PIN_ENV
        )
    first = getpass.getpass(gettext("PIN (4–12 digits): "))
    second = getpass.getpass(gettext("PIN again: "))
    if first != second:
        raise ValidationError("pin_mismatch", N_("The two PINs differ."))
    return first


def run_add(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        engine = ctx.engine()
        station = this_station(engine)
        operator = create_operator(engine, station.id, args.name, args.role, read_pin())
    ctx.emit(
        {"id": str(operator.id), "name": operator.name, "role": operator.role},
        gettext("Operator {name} ({role}) added.").format(name=operator.name, role=operator.role),
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        operators = list_operators(ctx.engine())
    if ctx.json:
        ctx.emit([{"id": str(o.id), "name": o.name, "role": o.role} for o in operators])
    else:
        ctx.emit(None, "\n".join(f"{o.name}\t{o.role}\t{o.id}" for o in operators) or "-")
    return 0
