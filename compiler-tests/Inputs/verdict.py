"""The last lines of a test's checking script: each problem, then a verdict."""


def verdict(what, bad):
    """Prints "<what>: <problem>" for each problem and "<what> ok" or "<what>
    FAILED"; returns the exit status."""
    for b in bad:
        print("%s: %s" % (what, b))
    print("%s ok" % what if not bad else "%s FAILED" % what)
    return 1 if bad else 0
