"""What every engine's management command does: read the `--input` JSON (a file, or `-` for the standard
input), run the engine in `--language`, print its result as JSON, and report a bad input as
`file: sentence`.
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

InputError = TypeVar("InputError", bound=Exception)


def run_engine_command(
    command: BaseCommand,
    options: dict[str, Any],
    *,
    compute: Callable[[Any], Any],
    input_error: type[InputError],
    error_text: Callable[[InputError], str],
) -> None:
    """Run `compute` on the JSON read from `options["input"]` and write its result to the command's output.

    A file that cannot be read or is not JSON, and an `input_error` the engine raises (worded by
    `error_text` in `options["language"]`, else the active language), become a `CommandError` that
    names the input.
    """
    source = options["input"]
    with translation.override(options.get("language") or translation.get_language()):
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
            payload = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{source}: {exc}") from exc
        try:
            result = compute(payload)
        except input_error as error:
            raise CommandError(f"{source}: {error_text(error)}") from error
    command.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
