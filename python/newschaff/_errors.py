"""The exceptions newschaff raises."""


class NewschaffError(ValueError):
    """A newschaff error: a bad or incompatible model file, a bad
    parameter, a page that is not text. The message is the library's one
    sentence, as the ``newschaff`` command line prints it."""


class NewschaffIOError(NewschaffError, OSError):
    """A file could not be read or written (also an :class:`OSError`, with
    ``errno`` set where the system gave one)."""
