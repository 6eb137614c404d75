"""A one-line progress bar on stderr (plain lines when not a terminal)."""
import sys
import time


class Progress:
    def __init__(self, total, enabled=True, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.monotonic()
        self.last_plain = 0.0

    def step(self, label):
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "." * (width - filled)
        line = "[%s] %d/%d %5.1fs %s" % (bar, self.done, self.total, elapsed, label)
        if self.tty:
            self.stream.write("\r\033[K" + line[:120])
            if self.done == self.total:
                self.stream.write("\n")
        elif self.done == self.total or elapsed - self.last_plain >= 5.0:
            self.last_plain = elapsed
            self.stream.write(line + "\n")
        self.stream.flush()

    def message(self, text):
        """Print a message without breaking the bar."""
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(text.rstrip() + "\n")
        self.stream.flush()
