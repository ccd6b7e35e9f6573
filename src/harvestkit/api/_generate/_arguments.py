"""Source of ``types/arguments.py``: the keyword arguments of every method, as ``TypedDict``s.

Annotations are left to be evaluated (no ``from __future__ import annotations``), so
``Required`` shows at run time too (``__required_keys__``), not only to a type checker.
"""

from __future__ import annotations

import textwrap

from ._names import resources
from ._resources import ARGUMENTS_MODULE, module_source
from ._signatures import Arguments, argument_types

__all__ = ["arguments_module"]

_DOC = """Keyword arguments of the SDK's methods, one ``TypedDict`` per parameter model.

``h.time_entries.list(**params)`` takes the keys of ``TimeEntryListArguments``: type a dict
of arguments with it and a type checker checks it as it checks the call. A key left out is
not sent; on a body, ``None`` is sent as ``null``, which Harvest reads as "clear this
field". The parameter models (``TimeEntryListParams``) validate the same keys at run time.
"""


def arguments_module() -> str:
    """The module's source."""
    every = argument_types([row for resource in resources() for row in resource.rows])
    imports: set[tuple[str, str]] = {("typing", "TypedDict")}
    body = [
        "__all__ = [",
        *(f'    "{name}",' for name in sorted(a.name for a in every)),
        "]",
    ]
    for arguments in every:
        imports.update(arguments.imports)
        if any(key.required for key in arguments.keys):
            imports.add(("typing", "Required"))
        body += ["", "", *_typed_dict(arguments)]
    package = ARGUMENTS_MODULE.rsplit(".", 1)[0]
    return module_source(_DOC, imports, body, package, postponed=False)


def _typed_dict(arguments: Arguments) -> list[str]:
    base = arguments.base or "TypedDict"
    used = ", ".join(f"``{name}``" for name in arguments.operations)
    what = f"Keyword arguments of {used}" if used else "Keys shared by the dicts that extend it"
    doc = f"{what} (``{arguments.model.__name__}``)."
    lines = textwrap.wrap(doc, 88, break_long_words=False, break_on_hyphens=False)
    return [
        f"class {arguments.name}({base}, total=False):",
        f'    """{lines[0]}' + ("" if len(lines) > 1 else '"""'),
        *(f"    {line}" for line in lines[1:]),
        *(['    """'] if len(lines) > 1 else []),
        "",
        *(f"    {key.source()}" for key in arguments.keys),
    ]
