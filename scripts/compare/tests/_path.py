"""Make 'compare' importable when tests run via unittest discover -s."""
import os
import sys

SCRIPTS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
