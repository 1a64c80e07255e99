"""``civicbot officials ...``: console accounts, from the server's shell.

``create NAME --role viewer|official|admin`` prints a one-time link to set the password (valid for
72 hours); ``reset NAME`` prints a new one; ``list`` shows who has an account.
"""

from __future__ import annotations

import argparse
import sys

from civicbot import accounts
from civicbot.cli_polls import _actor, _database, _write
from civicbot.config import Settings


def add_parsers(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("officials", help="officials' console accounts: create, reset, list")
    sub = parser.add_subparsers(dest="officials_command", required=True)
    create = sub.add_parser("create", help="a new account; prints a one-time set-password link")
    create.add_argument("name", help="user name: 2-40 Latin letters (a-z), digits, '.', '_' or '-'")
    create.add_argument("--role", choices=accounts.ROLES, default="official")
    reset = sub.add_parser("reset", help="a new one-time set-password link for an account")
    reset.add_argument("name")
    sub.add_parser("list", help="accounts with role and state")


def set_password_url(settings: Settings, token: str) -> str:
    base = settings.public_url or f"http://localhost:{settings.port}"
    return f"{base}/admin/set-password?token={token}"


def main(args: argparse.Namespace, settings: Settings) -> int:
    try:
        with _database(settings) as db:
            command = args.officials_command
            if command == "list":
                print(f"{'role':<9} {'state':<16} {'sessions':>8}  name")
                for row in accounts.list_accounts(db):
                    state = (
                        "disabled"
                        if row["disabled_at"]
                        else ("active" if row["has_password"] else "no password yet")
                    )
                    print(f"{row['role']:<9} {state:<16} {row['sessions']:>8}  {row['name']}")
                return 0
            if command == "create":
                account, token = _write(
                    db, lambda c: accounts.create_account(c, args.name, args.role, _actor())
                )
                print(
                    f"account '{account.name}' ({account.role}) created. Send this link to them; it works once,"
                )
                print(f"for {accounts.SETUP_HOURS} hours:")
            else:
                token = _write(db, lambda c: accounts.reset_link_token(c, args.name, _actor()))
                print(
                    f"a new set-password link for '{args.name}' (works once, for {accounts.SETUP_HOURS} hours):"
                )
            print(set_password_url(settings, token))
            return 0
    except accounts.AccountError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
