#!/usr/bin/env python3
"""Run farmeval.py's own check() unchanged against a folder written by make.py, with this set's
stories and title affixes in place of farmgen's (whose story table does not hold these
invented stories). farmeval.py is only imported, never modified; no bytecode is written."""
import importlib.util
import os
import sys
import types

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import heldout_lib  # noqa: E402

fake_farmgen = types.ModuleType("farmgen")
fake_farmgen.affix = heldout_lib.affix
fake_stories = types.ModuleType("stories")
fake_stories.load_stories = heldout_lib.load_stories
sys.modules["farmgen"] = fake_farmgen
sys.modules["stories"] = fake_stories

spec = importlib.util.spec_from_file_location("farmeval", os.path.join(HERE, "..", "farmeval.py"))
fe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fe)
if len(sys.argv) != 2:
    sys.exit("usage: check.py DIR")
folder = sys.argv[1]
sys.exit(1 if fe.check(folder) else 0)
