"""The extractor's regular expressions, compiled once and kept between runs.

Python compiles a regular expression in Python code (``re._parser``, ``re._compiler``), and the
extractor's vocabularies make some 460 of them: about a tenth of a second of every CLI run, before the
first article. :func:`compiled` is ``re.compile`` that keeps what that work gives (the pattern's code,
a list of integers, and its groups) in a file beside the package's bytecode, written after the
vocabularies are loaded (:func:`keep`), and on the next run hands the code straight to the regular
expression engine (``_sre.compile``, where ``re`` hands it too) instead of compiling it again.

The file holds the patterns of one run's start-up only (patterns made later, from an article's words,
are compiled as usual and never kept); it is keyed by the interpreter's version and the engine's, and
each pattern by its exact text and flags, so a changed vocabulary or Python compiles afresh. A file that
cannot be read or written changes nothing but speed. Only CPython 3.11, where the project runs and whose
compiler these steps follow, takes the short way; elsewhere :func:`compiled` is ``re.compile``.

``compiled(r"\\bbn\\b", re.I)`` -> the same ``re.Pattern`` as ``re.compile(r"\\bbn\\b", re.I)``."""

from __future__ import annotations

import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

try:  # the engine and the compiler's steps, as ``re._compiler.compile`` uses them
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python
    _sre = None

_ENABLED = _sre is not None and sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11)
_PATH = Path(__file__).resolve().parent / "__pycache__" / f"regexes.{sys.implementation.cache_tag}.marshal"
_HEADER = ("dashboard regexes", 1, sys.hexversion, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))

_Args = tuple  # (flags, code, groups - 1, groupindex, indexgroup): ``_sre.compile``'s arguments after the pattern
_kept: dict[tuple[str, int], _Args] | None = None  # the file's patterns, read on first use
_used: dict[tuple[str, int], _Args] = {}  # the patterns of this run's start-up
_state = {"recording": True, "new": False}


def _load() -> dict[tuple[str, int], _Args]:
    global _kept
    if _kept is None:
        _kept = {}
        try:
            with open(_PATH, "rb") as f:
                header, patterns = marshal.load(f)
            if header == _HEADER and isinstance(patterns, dict):
                _kept = patterns
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no file yet, or one this Python cannot read: compile as usual
    return _kept


def _arguments(pattern: str, flags: int) -> _Args:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for ``pattern``: its steps, in its order."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compiled(pattern, flags=0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the code kept by an earlier run where there is one."""
    if not _ENABLED or type(pattern) is not str or int(flags) & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    args = _load().get(key)
    out = None
    if args is not None:
        try:
            out = _sre.compile(pattern, *args)
        except (RuntimeError, TypeError, ValueError):  # code the engine refuses (``invalid SRE code``): compile it
            out = None
    if out is None:
        args = _arguments(pattern, key[1])  # (a bad pattern raises ``re.error`` here, as ``re.compile`` would)
        out = _sre.compile(pattern, *args)
        _state["new"] = True
    if _state["recording"]:
        _used[key] = args
    return out


def keep() -> None:
    """The start-up is over: write its patterns for the next run if they differ from the file's (once a
    process; later patterns are not kept). Written whole to a new file, then renamed over the old one."""
    if not _state["recording"]:
        return
    _state["recording"] = False
    if not _ENABLED or not (_state["new"] or len(_used) != len(_load())):
        return
    try:
        _PATH.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=_PATH.parent, prefix=_PATH.name, suffix=".tmp")
        try:
            os.chmod(fd, 0o644)  # (as the bytecode beside it: mkstemp makes it private)
            with os.fdopen(fd, "wb") as f:
                marshal.dump((_HEADER, _used), f)
            os.replace(tmp, _PATH)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only install: every run compiles, as before
