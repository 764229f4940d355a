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
cannot be read or written, or that was changed since it was written (a hash of its contents is kept
in it), changes nothing but speed. It is not bytecode, so ``PYTHONDONTWRITEBYTECODE`` does not stop it
(as it does not stop ``compileall``); ``sys.pycache_prefix`` moves it with the bytecode. Only CPython
3.11, where the project runs and whose compiler these steps follow, takes the short way; elsewhere
:func:`compiled` is ``re.compile``.

The vocabularies' readings of their own patterns (which words a pattern can start with, which it must
hold: see ``vocab``) are pure functions of a pattern too, and as costly: :func:`remembered` keeps their
results in the same file, keyed by the function, its arguments and the source of the module it is in.

``compiled(r"\\bbn\\b", re.I)`` -> the same ``re.Pattern`` as ``re.compile(r"\\bbn\\b", re.I)``."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path

try:  # the engine and the compiler's steps, as ``re._compiler.compile`` uses them
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python
    _sre = None

_ENABLED = _sre is not None and sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11)



def _cache_dir() -> Path:
    """Where Python keeps this package's bytecode: ``__pycache__`` beside it, or under ``sys.pycache_prefix``."""
    here = Path(__file__).resolve().parent
    prefix = getattr(sys, "pycache_prefix", None)
    return Path(prefix) / here.relative_to(here.anchor) if prefix else here / "__pycache__"


_PATH = _cache_dir() / f"regexes.{sys.implementation.cache_tag}.marshal"
_HEADER = ("dashboard regexes", 4, sys.hexversion, sys.byteorder, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))

_CODE = "I" if array("I").itemsize == 4 else "L"  # an unsigned 32-bit word
_Args = tuple  # (flags, code, groups - 1, groupindex, indexgroup): ``_sre.compile``'s arguments after the pattern
_kept: dict[tuple[str, int], _Args] | None = None  # the file's patterns, read on first use
_used: dict[tuple[str, int], _Args] = {}  # the patterns of this run's start-up
_state = {"recording": True, "new": False}
_readings: dict[tuple, object] = {}  # the file's kept readings (see ``remembered``), read with the patterns
_readings_used: dict[tuple, object] = {}  # the readings of this run's start-up


def _load() -> dict[tuple[str, int], _Args]:
    global _kept, _readings
    if _kept is None:
        _kept = {}
        try:
            with open(_PATH, "rb") as f:
                header, digest, payload = marshal.load(f)
            # the payload whole, as written: a file changed or cut since is not read
            if header == _HEADER and isinstance(payload, bytes) and hashlib.sha1(payload).hexdigest() == digest:
                patterns, readings = marshal.loads(payload)
                if isinstance(patterns, dict) and isinstance(readings, dict):
                    _kept, _readings = patterns, readings
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
    # the code as the bytes of 32-bit words (what ``_sre`` reads: ``_sre.CODESIZE``), made a list again when used:
    # a file of bytes loads in a few milliseconds, one of lists of integers in tens of them
    return int(flags | parsed.state.flags), array(_CODE, code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _engine(pattern: str, args: _Args) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = args
    return _sre.compile(pattern, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup)


def compiled(pattern, flags=0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the code kept by an earlier run where there is one."""
    if not _ENABLED or type(pattern) is not str or int(flags) & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    args = _load().get(key)
    out = None
    if args is not None:
        try:
            out = _engine(pattern, args)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # code the engine refuses (``invalid SRE code``): compile it
            out = None
    if out is None:
        if not _state["recording"]:
            return re.compile(pattern, flags)  # after the start-up: ``re``'s own cache, for a pattern made again and again
        args = _arguments(pattern, key[1])  # (a bad pattern raises ``re.error`` here, as ``re.compile`` would)
        out = _engine(pattern, args)
        _state["new"] = True
    if _state["recording"]:
        _used[key] = args
    return out


@functools.cache
def _source_hash(filename: str) -> str:
    try:
        return hashlib.sha1(Path(filename).read_bytes()).hexdigest()
    except OSError:
        return ""


def _plain(arg):
    """An argument as a key that marshal can write: a compiled pattern as its text and flags."""
    if isinstance(arg, re.Pattern):
        return ("re.Pattern", arg.pattern, int(arg.flags))
    return int(arg) if isinstance(arg, int) and not isinstance(arg, bool) else arg  # (a RegexFlag is an int marshal refuses)


def remembered(fn):
    """``fn`` (a pure function of strings, numbers and patterns, whose result is made of strings, numbers,
    tuples, frozensets, booleans or None), its results of the start-up kept between runs like the patterns'
    code. A result is keyed by the function's name, its arguments and the source of its module, so an edited
    module reads its patterns afresh. ``remembered(word_gate)(r"\\bgoals?\\b")`` -> ``("goal",)``."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    filename = sys.modules[fn.__module__].__file__ if fn.__module__ in sys.modules else None

    @functools.wraps(fn)
    def wrapper(*args):
        if not _ENABLED or not filename:
            return fn(*args)
        try:
            key = (name, _source_hash(filename), tuple(_plain(a) for a in args))
            hash(key)
        except TypeError:
            return fn(*args)
        _load()
        if key in _readings:
            value = _readings[key]
        else:
            value = fn(*args)
            _state["new"] = True
        if _state["recording"]:
            _readings_used[key] = value
        return value

    return wrapper


def keep() -> None:
    """The start-up is over: write its patterns for the next run if they differ from the file's (once a
    process; later patterns are not kept). Written whole to a new file, then renamed over the old one."""
    if not _state["recording"]:
        return
    _state["recording"] = False
    if not _ENABLED or not (_state["new"] or len(_used) != len(_load()) or len(_readings_used) != len(_readings)):
        return
    try:
        payload = marshal.dumps((_used, _readings_used))
        _PATH.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=_PATH.parent, prefix=_PATH.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                os.chmod(f.fileno(), 0o644)  # (as the bytecode beside it: mkstemp makes it private)
                marshal.dump((_HEADER, hashlib.sha1(payload).hexdigest(), payload), f)
            os.replace(tmp, _PATH)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # a read-only install (every run compiles, as before), or a reading marshal cannot write
