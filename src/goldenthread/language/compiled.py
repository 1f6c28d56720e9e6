"""The compiled rulebook, kept on disk so that a run does not rebuild it.

Building an Engine (reading the rule files, spelling every pattern out, compiling the
regular expressions and the phrase matcher) takes most of a second; loading a built
one from disk takes a fraction of that. The file is a pickle of the Engine, named by
a key made of:

- the bytes and paths of every rule file (the shipped ones and any --lexicon file),
- the source of the language package (so a change to the code is a new key),
- the Python version and the versions of the compiled extensions it relies on.

A file whose key does not match is never used: the key is in the file name and again
at the start of the file, and a file that fails to load (cut short, corrupt, from
someone else) is ignored and rebuilt. When the cache folder cannot be written, the
engine is simply built each time.

Regular expressions cannot be stored compiled; they are stored as their source and
compiled the first time a rule needs them, so a run pays only for the rules its texts
touch.

The folder is $GOLDENTHREAD_CACHE_DIR, else $XDG_CACHE_HOME/goldenthread, else
~/.cache/goldenthread. Set GOLDENTHREAD_CACHE_DIR to an empty value to switch the
cache off.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import platform
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_DIR_VARIABLE = "GOLDENTHREAD_CACHE_DIR"
_FORMAT = b"goldenthread-engine-1\n"
_KEEP = 4  # cached engines kept (the shipped rules, and a few partnership lexicons); each is tens of MB
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where compiled engines are kept, or None when the cache is switched off."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "goldenthread"


def cache_key(rule_paths: Iterable[Path]) -> str:
    """A hash of everything a built engine depends on: rule files, code and versions."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(_code_fingerprint().encode())
    for path in rule_paths:
        digest.update(b"\0path\0" + str(Path(path).resolve()).encode("utf-8", "surrogateescape"))
        digest.update(b"\0bytes\0" + Path(path).read_bytes())
    return digest.hexdigest()[:40]


_FINGERPRINT: list[str] = []


def _code_fingerprint() -> str:
    """The language package's source, the Python version and the extensions' versions."""
    if not _FINGERPRINT:
        digest = hashlib.sha256()
        digest.update(f"{sys.version}|{sys.implementation.cache_tag}|{platform.machine()}|{sys.byteorder}".encode())
        for module in ("ahocorasick", "lemminflect"):
            digest.update(f"|{module}={_version_of(module)}".encode())
        for source in sorted(_PACKAGE.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        _FINGERPRINT.append(digest.hexdigest())
    return _FINGERPRINT[0]


def _version_of(module_name: str) -> str:
    """A module's version and where it is installed (its file's size and time), or 'absent'."""
    module = sys.modules.get(module_name)
    origin = getattr(module, "__file__", None)
    if module is None:
        from importlib.util import find_spec

        try:
            spec = find_spec(module_name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
    if not origin:
        return "absent"
    try:
        stat = os.stat(origin)
    except OSError:
        return f"{origin}:?"
    return f"{getattr(module, '__version__', '')}:{origin}:{stat.st_size}:{stat.st_mtime_ns}"


def load_or_build(rule_paths: list[Path], build: Callable[[], object]):
    """The engine for these rule files: from the cache when its key matches, else built (and stored)."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = cache_key(rule_paths)
    except OSError:
        return build()  # a rule file that cannot be read: let the build report it
    target = folder / f"engine-{key}.pickle"
    engine = _load(target, key)
    if engine is not None:
        return engine
    engine = build()
    _store(engine, folder, target, key)
    return engine


def _load(target: Path, key: str):
    try:
        with open(target, "rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # only trust a file this user wrote
            data = handle.read()
    except OSError:
        return None
    header = _FORMAT + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    collecting = gc.isenabled()
    gc.disable()  # loading makes many objects and no cycles: the collector would only slow it down
    try:
        engine = pickle.loads(memoryview(data)[len(header) :])  # noqa: S301 (loaded only when its key matches and the file is the running user's own: decision 0100, test_compiled_cache.py)
    except Exception:  # a corrupt or truncated file is a cache miss, nothing more
        return None
    finally:
        if collecting:
            gc.enable()
    _bind_lazy_patterns(engine)
    return engine


def _store(engine, folder: Path, target: Path, key: str) -> None:
    """Write atomically (a temporary file, then a rename); any failure leaves no file behind."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        buffer = io.BytesIO()
        buffer.write(_FORMAT + key.encode() + b"\n")
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)
        handle, temporary = tempfile.mkstemp(prefix=".engine-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getbuffer())
            os.replace(temporary, target)
        except BaseException:
            _remove(Path(temporary))
            raise
        _prune(folder, keep=target)
    except Exception:  # read-only or full disk, or an engine that cannot be pickled: build next time too
        return


def _prune(folder: Path, keep: Path) -> None:
    """Keep the most recently written engines only."""
    try:
        cached = sorted(folder.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for path in cached[_KEEP:]:
        if path != keep:
            _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ----------------------------------------------------------- lazy regular expressions


class LazyPattern:
    """A regular expression stored by its source and compiled the first time it is used.

    Once compiled it puts the compiled pattern in its place on the object that holds it,
    so later uses cost nothing extra.
    """

    __slots__ = ("pattern", "flags", "compiled", "owner", "attribute")

    def __init__(self, pattern, flags: int):
        self.pattern = pattern
        self.flags = flags
        self.compiled = None
        self.owner = None
        self.attribute = None

    def _get(self) -> re.Pattern:
        compiled = self.compiled
        if compiled is None:
            compiled = self.compiled = re.compile(self.pattern, self.flags)
            if self.owner is not None:
                try:
                    object.__setattr__(self.owner, self.attribute, compiled)
                except (AttributeError, TypeError):
                    pass
                self.owner = None
        return compiled

    def __getattr__(self, name):
        return getattr(self._get(), name)

    def __reduce__(self):
        return (LazyPattern, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"

    # the methods the engine calls, spelled out so that the first call is not a lookup miss
    def match(self, *args, **kwargs):
        return self._get().match(*args, **kwargs)

    def search(self, *args, **kwargs):
        return self._get().search(*args, **kwargs)

    def fullmatch(self, *args, **kwargs):
        return self._get().fullmatch(*args, **kwargs)

    def finditer(self, *args, **kwargs):
        return self._get().finditer(*args, **kwargs)

    def findall(self, *args, **kwargs):
        return self._get().findall(*args, **kwargs)

    def sub(self, *args, **kwargs):
        return self._get().sub(*args, **kwargs)

    def split(self, *args, **kwargs):
        return self._get().split(*args, **kwargs)


class _Pickler(pickle.Pickler):
    """Stores compiled regular expressions as LazyPattern (their source and flags)."""

    def reducer_override(self, obj):
        if isinstance(obj, re.Pattern):
            return (LazyPattern, (obj.pattern, obj.flags))
        return NotImplemented


def _bind_lazy_patterns(engine) -> None:
    """Tell each LazyPattern which rule attribute holds it, so that it can replace itself."""
    for rule in getattr(engine, "rules", ()):
        try:
            fields = vars(rule)
        except TypeError:  # a class with __slots__
            fields = {name: getattr(rule, name, None) for name in getattr(type(rule), "__slots__", ())}
        for name, value in fields.items():
            if type(value) is LazyPattern:
                value.owner, value.attribute = rule, name
